"""`Execution`: one run of a task with arguments (julep style), and `task.executions`."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from opentasks_api.models import Execution as _GeneratedExecution
from opentasks_api.models import (
    ExecutionStatus,
)

from ._http import TimeoutTypes
from ._pagination import AsyncPager, SyncPager
from ._resource import BoundModel

if TYPE_CHECKING:
    from ._client import Client

__all__ = ["Execution", "TaskExecutions"]

DEFAULT_PAGE_SIZE = 20
TERMINAL_EXECUTION_STATUSES = frozenset({"succeeded", "failed", "cancelled"})


class Execution(_GeneratedExecution, BoundModel):
    """One run of a task with arguments.

    Every property of the `Execution` schema is a typed attribute (`id`, `task_id`,
    `arguments`, `status`, `output`, `error`, `version`, timestamps). The task's status follows
    its latest execution: running → executing, awaiting_input → paused, succeeded → completed,
    failed → failed, cancelled → stopped.
    """

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedExecution

    @property
    def is_terminal(self) -> bool:
        """Whether the run is over (succeeded, failed or cancelled)."""
        return str(self.status) in TERMINAL_EXECUTION_STATUSES

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

    async def aset_status(
        self,
        status: ExecutionStatus | str,
        *,
        output: Mapping[str, Any] | None = None,
        error: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Move the execution to another status (async). See `set_status()`.

        Args:
            status: The new status (an `ExecutionStatus` member or its string).
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This execution, in its new status.
        """
        fresh = await self._client.executions.aset_status(
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
        self._absorb(self._client.executions.get(self.id, timeout=timeout), keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the execution from the server (async).

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This execution.
        """
        fresh = await self._client.executions.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self


class TaskExecutions:
    """The executions of one task: `task.executions`.

    Args:
        client: The client they talk through.
        task_id: The task's id.
    """

    def __init__(self, client: Client, task_id: str) -> None:
        self._client = client
        self.task_id = task_id

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

    async def astart(
        self,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start a run of the task with arguments (async).

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

    def alist(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, timeout: TimeoutTypes | None = None
    ) -> AsyncPager[Execution]:
        """List the task's executions, oldest first (async iteration).

        Args:
            page_size: Executions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the executions.
        """
        return self._client.executions.alist(self.task_id, page_size=page_size, timeout=timeout)
