"""`client.executions`: start, read, list and advance executions (julep style)."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import ExecutionStatus
from opentasks_api.types import UNSET, Response

from ._execution import Execution
from ._http import TimeoutTypes, acall, call, expect
from ._pagination import AsyncPager, Page, SyncPager
from ._resource import if_match_header

if TYPE_CHECKING:
    from opentasks_api.models import ExecutionCreate, ExecutionStatusChange

    from ._client import Client

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["Executions"]

DEFAULT_PAGE_SIZE = 20


def _status_body(
    status: ExecutionStatus | str, output: Mapping[str, Any] | None, error: str | None
) -> ExecutionStatusChange:
    from opentasks_api.models import ExecutionStatusChange, JsonObject

    try:
        value = ExecutionStatus(status)
    except ValueError:
        known = ", ".join(sorted(member.value for member in ExecutionStatus))
        msg = f"unknown execution status {status!r}; expected one of: {known}"
        raise ValueError(msg) from None
    # A null in the body would clear the field on the server; "not given" must be absent.
    body_output = JsonObject.from_dict(dict(output)) if output is not None else UNSET
    return ExecutionStatusChange(
        status=value, output=body_output, error=UNSET if error is None else error
    )


def _start_body(arguments: Mapping[str, Any] | None) -> ExecutionCreate:
    from opentasks_api.models import ExecutionCreate, JsonObject

    return ExecutionCreate(arguments=JsonObject.from_dict(dict(arguments or {})))


class Executions:
    """The execution operations: `client.executions`.

    Args:
        client: The client they talk through.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def _one(self, response: Response[Any]) -> Execution:
        return Execution._from_response(self._client, response)

    def _page(self, response: Response[Any]) -> Page[Execution]:
        from opentasks_api.models import ExecutionPage

        page = expect(response, ExecutionPage)
        items = [Execution._load(self._client, item) for item in page.data]
        return Page(items, page.has_more, page.next_cursor or None)

    def start(
        self,
        task_id: str,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start a run of a task with arguments; it begins `queued`.

        Args:
            task_id: The task's id.
            arguments: The run's arguments (the server stores the task's `input_schema` but does
                not check arguments against it).
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new execution.

        Raises:
            ConflictError: The task is finished.
        """
        from opentasks_api.api.executions import start_execution

        response = call(
            self._client._call_options(timeout),
            start_execution.sync_detailed,
            task_id,
            client=self._client.api,
            body=_start_body(arguments),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    async def astart(
        self,
        task_id: str,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start a run of a task with arguments (async). See `start()`.

        Args:
            task_id: The task's id.
            arguments: The run's arguments.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new execution.
        """
        from opentasks_api.api.executions import start_execution

        response = await acall(
            self._client._call_options(timeout),
            start_execution.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=_start_body(arguments),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    def get(self, execution_id: str, *, timeout: TimeoutTypes | None = None) -> Execution:
        """Fetch one execution.

        Args:
            execution_id: The execution's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The execution.

        Raises:
            NotFoundError: No such execution in the key's project.
        """
        from opentasks_api.api.executions import get_execution

        response = call(
            self._client._call_options(timeout),
            get_execution.sync_detailed,
            execution_id,
            client=self._client.api,
        )
        return self._one(response)

    async def aget(self, execution_id: str, *, timeout: TimeoutTypes | None = None) -> Execution:
        """Fetch one execution (async).

        Args:
            execution_id: The execution's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The execution.
        """
        from opentasks_api.api.executions import get_execution

        response = await acall(
            self._client._call_options(timeout),
            get_execution.asyncio_detailed,
            execution_id,
            client=self._client.api,
        )
        return self._one(response)

    def list(
        self,
        task_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Execution]:
        """List a task's executions, oldest first, fetching pages lazily.

        Args:
            task_id: The task's id.
            after: Start after this cursor.
            page_size: Executions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the executions.
        """
        from opentasks_api.api.executions import list_executions

        options = self._client._call_options(timeout)

        def fetch(cursor: str | None) -> Page[Execution]:
            response = call(
                options,
                list_executions.sync_detailed,
                task_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._page(response)

        return SyncPager(fetch, after=after)

    def alist(
        self,
        task_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Execution]:
        """List a task's executions, oldest first (async iteration).

        Args:
            task_id: The task's id.
            after: Start after this cursor.
            page_size: Executions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the executions.
        """
        from opentasks_api.api.executions import list_executions

        options = self._client._call_options(timeout)

        async def fetch(cursor: str | None) -> Page[Execution]:
            response = await acall(
                options,
                list_executions.asyncio_detailed,
                task_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._page(response)

        return AsyncPager(fetch, after=after)

    def set_status(
        self,
        execution_id: str,
        status: ExecutionStatus | str,
        *,
        output: Mapping[str, Any] | None = None,
        error: str | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Move an execution to another status; the task's status follows.

        Args:
            execution_id: The execution's id.
            status: The new status (an `ExecutionStatus` member or its string).
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            if_match: Apply only if the execution is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The execution in its new status.

        Raises:
            ConflictError: The transition is not allowed.
        """
        from opentasks_api.api.executions import set_execution_status

        response = call(
            self._client._call_options(timeout),
            set_execution_status.sync_detailed,
            execution_id,
            client=self._client.api,
            body=_status_body(status, output, error),
            if_match=if_match_header(if_match),
        )
        return self._one(response)

    async def aset_status(
        self,
        execution_id: str,
        status: ExecutionStatus | str,
        *,
        output: Mapping[str, Any] | None = None,
        error: str | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Move an execution to another status (async). See `set_status()`.

        Args:
            execution_id: The execution's id.
            status: The new status (an `ExecutionStatus` member or its string).
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            if_match: Apply only if the execution is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The execution in its new status.
        """
        from opentasks_api.api.executions import set_execution_status

        response = await acall(
            self._client._call_options(timeout),
            set_execution_status.asyncio_detailed,
            execution_id,
            client=self._client.api,
            body=_status_body(status, output, error),
            if_match=if_match_header(if_match),
        )
        return self._one(response)
