# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The `client.executions` operations of openapi.yaml (their `x-sdk`), in async form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks_api.types import UNSET

from opentasks._async._calls import apaginate, arequest
from opentasks._execution import Execution
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, build_body, if_match_header, load_page, present

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from opentasks_api.models import ExecutionStatus

    from opentasks._async._pagination import AsyncPager
    from opentasks._http import TimeoutTypes

__all__ = ["AsyncExecutionsOperations"]


class AsyncExecutionsOperations(Namespace):
    """The operations of `client.executions`, as the spec describes them."""

    async def astart(
        self,
        task_id: str,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start an execution of a task.

        Starts a run of the task with arguments. The execution begins `queued`; the task's
        status then follows its latest execution. A finished task cannot be executed (409).

        Args:
            task_id: The task's id.
            arguments: Free-form JSON object.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Execution`: the execution was created.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.executions import start_execution
        from opentasks_api.models import ExecutionCreate

        response = await arequest(
            self._client,
            timeout,
            start_execution.asyncio_detailed,
            task_id,
            body=build_body(ExecutionCreate, present({"arguments": arguments})),
            idempotency_key=idempotency_key or UNSET,
        )
        return Execution._from_response(self._client, response)

    def alist(
        self,
        task_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Execution]:
        """List a task's executions.

        Lists the executions of one task, oldest first, one page at a time.

        Args:
            task_id: The task's id.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Execution` objects (a page of executions), fetching each page as
            it is iterated; `.pages()` gives the pages themselves.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.executions import list_executions
        from opentasks_api.models import ExecutionPage

        return apaginate(
            self._client,
            timeout,
            list_executions.asyncio_detailed,
            lambda response: load_page(ExecutionPage, response, self._client, Execution),
            task_id,
            after=after,
            page_size=page_size,
        )

    async def aget(
        self,
        execution_id: str,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Get an execution.

        Returns one execution, with its version as the `ETag`.

        Args:
            execution_id: The execution's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Execution`: the execution.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.executions import get_execution

        response = await arequest(
            self._client, timeout, get_execution.asyncio_detailed, execution_id
        )
        return Execution._from_response(self._client, response)

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
        """Change an execution's status.

        Moves the execution to another status. Legal moves: `queued → starting`, `starting →
        running`, `running ⇄ awaiting_input`, `running|awaiting_input →
        succeeded|failed|cancelled`, and `queued|starting → failed|cancelled`. The task follows:
        running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
        cancelled → stopped. An illegal move is a 409 naming both states.

        Args:
            execution_id: The execution's id.
            status: The status of an execution. `queued → starting → running ⇄
                awaiting_input → succeeded|failed|cancelled`; queued and starting may also
                end failed or cancelled.
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Execution`: the execution in its new status.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.executions import set_execution_status
        from opentasks_api.models import ExecutionStatusChange

        response = await arequest(
            self._client,
            timeout,
            set_execution_status.asyncio_detailed,
            execution_id,
            body=build_body(
                ExecutionStatusChange, present({"status": status, "output": output, "error": error})
            ),
            if_match=if_match_header(if_match),
        )
        return Execution._from_response(self._client, response)
