# generated from overlay/opentasks/_async/_executions.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""`client.executions`: start, read, list and advance executions (julep style)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import ExecutionStatus
from opentasks_api.types import UNSET

from opentasks._execution import Execution, execution_status_body, start_body
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, if_match_header, load_page

from ._calls import paginate, request
from ._pagination import SyncPager

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["SyncExecutions"]


class SyncExecutions(Namespace):
    """The execution operations of `client.executions`."""

    def start(
        self,
        task_id: str,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start a run of a task with arguments ; it begins `queued`.

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

        response = request(
            self._client,
            timeout,
            start_execution.sync_detailed,
            task_id,
            body=start_body(arguments),
            idempotency_key=idempotency_key or UNSET,
        )
        return Execution._from_response(self._client, response)

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

        response = request(
            self._client,
            timeout,
            get_execution.sync_detailed,
            execution_id,
        )
        return Execution._from_response(self._client, response)

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
        from opentasks_api.models import ExecutionPage

        return paginate(
            self._client,
            timeout,
            list_executions.sync_detailed,
            lambda response: load_page(self._client, Execution, ExecutionPage, response),
            task_id,
            after=after,
            page_size=page_size,
        )

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
        """Move an execution to another status ; the task's status follows.

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

        response = request(
            self._client,
            timeout,
            set_execution_status.sync_detailed,
            execution_id,
            body=execution_status_body(status, output, error),
            if_match=if_match_header(if_match),
        )
        return Execution._from_response(self._client, response)
