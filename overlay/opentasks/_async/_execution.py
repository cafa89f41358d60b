"""The methods of `Execution` and of `task.executions` that call the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace

if TYPE_CHECKING:
    from opentasks_api.models import ExecutionStatus

    from opentasks._execution import Execution
    from opentasks._execution import ExecutionBase as _Base
    from opentasks._http import TimeoutTypes

    from ._pagination import AsyncPager
else:
    # Type checkers see the state these methods use; at run time `Execution` brings it.
    _Base = object

__all__ = ["AsyncExecution", "AsyncTaskExecutions"]


class AsyncExecution(_Base):
    """Methods of `Execution` that call the server; each updates the execution from the answer."""

    __slots__ = ()

    async def aset_status(
        self,
        status: ExecutionStatus | str,
        *,
        output: Mapping[str, Any] | None = None,
        error: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Move the execution to another status; the server checks the transition.

        Args:
            status: The new status (an `ExecutionStatus` member or its string).
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This execution, in its new status.

        Raises:
            ConflictError: The transition is not allowed.
        """
        fresh = await self._client.executions.aset_status(
            self.id, status, output=output, error=error, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the execution from the server.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This execution.
        """
        fresh = await self._client.executions.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self


class AsyncTaskExecutions(Namespace):
    """The operations of `task.executions`: those of `client.executions`, for one task."""

    task_id: str

    async def astart(
        self,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start a run of the task with arguments; it begins `queued`.

        Args:
            arguments: The run's arguments.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new execution.
        """
        return await self._client.executions.astart(
            self.task_id, arguments, idempotency_key=idempotency_key, timeout=timeout
        )

    def alist(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, timeout: TimeoutTypes | None = None
    ) -> AsyncPager[Execution]:
        """List the task's executions, oldest first, fetching pages lazily.

        Args:
            page_size: Executions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the executions.
        """
        return self._client.executions.alist(self.task_id, page_size=page_size, timeout=timeout)
