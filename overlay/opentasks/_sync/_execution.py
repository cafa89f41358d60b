# generated from overlay/opentasks/_async/_execution.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

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

    from ._pagination import SyncPager
else:
    # Type checkers see the state these methods use; at run time `Execution` brings it.
    _Base = object

__all__ = ["SyncExecution", "SyncTaskExecutions"]


class SyncExecution(_Base):
    """Methods of `Execution` that call the server; each updates the execution from the answer."""

    __slots__ = ()

    def set_status(
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
        fresh = self._client.executions.set_status(
            self.id, status, output=output, error=error, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self

    def refresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the execution from the server.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This execution.
        """
        fresh = self._client.executions.get(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self


class SyncTaskExecutions(Namespace):
    """The operations of `task.executions`: those of `client.executions`, for one task."""

    task_id: str

    def start(
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
        return self._client.executions.start(
            self.task_id, arguments, idempotency_key=idempotency_key, timeout=timeout
        )

    def list(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, timeout: TimeoutTypes | None = None
    ) -> SyncPager[Execution]:
        """List the task's executions, oldest first, fetching pages lazily.

        Args:
            page_size: Executions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the executions.
        """
        return self._client.executions.list(self.task_id, page_size=page_size, timeout=timeout)
