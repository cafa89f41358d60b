# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The `client.tasks` operations of openapi.yaml (their `x-sdk`), in async form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks_api.types import UNSET

from opentasks._async._calls import apaginate, arequest
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import (
    Namespace,
    build_body,
    expect,
    if_match_header,
    load_page,
    present,
    rebase,
    request_fields,
)
from opentasks._sse import Event
from opentasks._statuses import to_member
from opentasks._task import Task

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Unpack

    from opentasks_api.fields import TaskCreateFields, TaskUpdateFields
    from opentasks_api.models import Flag, ListOrder, TaskStatus

    from opentasks._async._pagination import AsyncPager
    from opentasks._async._streaming import AsyncEventStream
    from opentasks._context import QueryValue
    from opentasks._http import TimeoutTypes

__all__ = ["AsyncTasksOperations"]


class AsyncTasksOperations(Namespace):
    """The operations of `client.tasks`, as the spec describes them."""

    async def acreate(
        self,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
        **fields: Unpack[TaskCreateFields],
    ) -> Task:
        """Create a task.

        Creates a task for an agent. A task normally starts `pending`; a finished interaction
        can be logged in one call by creating it directly as `completed` or `failed` with its
        output.

        Args:
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.
            **fields: The properties of the `TaskCreate` body, one keyword each: the fields
                of a new task; only `agent_id` is required; see
                `opentasks_api.fields.TaskCreateFields`.

        Returns:
            A `Task`: the task was created.

        Raises:
            TypeError: A keyword is not a property of `TaskCreate`, or a required one is
                missing.
            ValueError: A field cannot be turned into the request body (e.g. a workflow step
                of an unknown kind).
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import create_task
        from opentasks_api.fields import TaskCreateFields
        from opentasks_api.models import TaskCreate

        given = request_fields(TaskCreateFields, "acreate", fields, extra_fields)

        response = await arequest(
            self._client,
            timeout,
            create_task.asyncio_detailed,
            body=build_body(TaskCreate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            idempotency_key=idempotency_key or UNSET,
        )
        return Task._from_response(self._client, response)

    def alist(
        self,
        *,
        agent_id: str | None = None,
        session_id: str | None = None,
        test_id: str | None = None,
        status: TaskStatus | str | None = None,
        flag: Flag | str | None = None,
        order: ListOrder | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Task]:
        """List tasks.

        Lists the project's tasks one page at a time, with optional filters: oldest first, or
        newest first with `order=desc`.

        Args:
            agent_id: Only tasks of this agent.
            session_id: Only tasks attached to this session.
            test_id: Only tasks recorded during this test run.
            status: Only tasks in this status.
            flag: Only tasks carrying this flag.
            order: `asc` (when omitted): oldest first; `desc`: newest first. A cursor
                continues in the order of the page that gave it, so pass the same `order`
                with `after`.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Task` objects (a page of tasks), fetching each page as it is
            iterated; `.pages()` gives the pages themselves.

        Raises:
            ValueError: `status`, `flag` or `order` is not a value this SDK knows.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import list_tasks
        from opentasks_api.models import Flag, ListOrder, TaskPage, TaskStatus

        return apaginate(
            self._client,
            timeout,
            list_tasks.asyncio_detailed,
            lambda response: load_page(TaskPage, response, self._client, Task),
            after=after,
            page_size=page_size,
            agent_id=UNSET if agent_id is None else agent_id,
            session_id=UNSET if session_id is None else session_id,
            test_id=UNSET if test_id is None else test_id,
            status=UNSET if status is None else to_member(TaskStatus, status, "task status"),
            flag=UNSET if flag is None else to_member(Flag, flag, "flag"),
            order=UNSET if order is None else to_member(ListOrder, order, "list order"),
        )

    async def aget(
        self,
        task_id: str,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Get a task.

        Returns one task, with its version as the `ETag`.

        Args:
            task_id: The task's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Task`: the task.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import get_task

        response = await arequest(self._client, timeout, get_task.asyncio_detailed, task_id)
        return Task._from_response(self._client, response)

    async def aupdate(
        self,
        task_id: str,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
        **fields: Unpack[TaskUpdateFields],
    ) -> Task:
        """Update a task.

        Changes the fields present in the body and leaves the others as they are; `null` clears
        a nullable field. The status is changed with `set_task_status`, not here. With
        `If-Match`, the change applies only if the task is still at that version.

        Args:
            task_id: The task's id.
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.
            **fields: The properties of the `TaskUpdate` body, one keyword each: fields to
                change on a task; absent fields are left as they are, `null` clears one; see
                `opentasks_api.fields.TaskUpdateFields`.

        Returns:
            A `Task`: the updated task.

        Raises:
            TypeError: A keyword is not a property of `TaskUpdate`, or a required one is
                missing.
            ValueError: A field cannot be turned into the request body (e.g. a workflow step
                of an unknown kind).
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import update_task
        from opentasks_api.fields import TaskUpdateFields
        from opentasks_api.models import TaskUpdate

        given = request_fields(TaskUpdateFields, "aupdate", fields, extra_fields)

        response = await arequest(
            self._client,
            timeout,
            update_task.asyncio_detailed,
            task_id,
            body=build_body(TaskUpdate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            if_match=if_match_header(if_match),
        )
        return Task._from_response(self._client, response)

    async def aset_status(
        self,
        task_id: str,
        status: TaskStatus | str,
        *,
        reason: str | None = None,
        output: str | None = None,
        if_match: str | int | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Change a task's status.

        Moves the task to another status. Legal moves: `pending → executing|stopped|failed`,
        `executing ⇄ paused`, `executing|paused → completed|failed|error|stopped`. Completed,
        failed, error and stopped are terminal. An illegal move is a 409 naming both states.

        Args:
            task_id: The task's id.
            status: The status of a task. `pending → executing ⇄ paused`; `executing|paused
                → completed|failed|error|stopped`; `pending → stopped|failed`. Completed,
                failed, error and stopped are terminal.
            reason: Why the status changes; kept as the task's `status_reason`.
            output: The task's output, set in the same change (e.g. with `completed`).
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Task`: the task in its new status.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import set_task_status
        from opentasks_api.models import TaskStatusChange

        response = await arequest(
            self._client,
            timeout,
            set_task_status.asyncio_detailed,
            task_id,
            body=build_body(
                TaskStatusChange, present({"status": status, "reason": reason, "output": output})
            ),
            if_match=if_match_header(if_match),
            idempotency_key=idempotency_key or UNSET,
        )
        return Task._from_response(self._client, response)

    async def astop(
        self,
        task_id: str,
        *,
        reason: str | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Stop a task.

        Stops a task that has not finished: the task becomes `stopped` and its active execution,
        if any, is cancelled. Stopping a finished task is a 409.

        Args:
            task_id: The task's id.
            reason: Why the task is stopped; kept as the task's `status_reason`.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Task`: the stopped task.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import stop_task
        from opentasks_api.models import TaskStop

        response = await arequest(
            self._client,
            timeout,
            stop_task.asyncio_detailed,
            task_id,
            body=build_body(TaskStop, present({"reason": reason})),
            if_match=if_match_header(if_match),
        )
        return Task._from_response(self._client, response)

    async def aflag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Flag a task.

        Marks a task's outcome as a success or a failure, with who said so and why.

        Args:
            task_id: The task's id.
            flag: Whether a task's outcome was a success or a failure.
            source: Who sets the flag.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Task`: the flagged task.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tasks import flag_task
        from opentasks_api.models import TaskFlag

        response = await arequest(
            self._client,
            timeout,
            flag_task.asyncio_detailed,
            task_id,
            body=build_body(TaskFlag, present({"flag": flag, "source": source, "notes": notes})),
        )
        return Task._from_response(self._client, response)

    def aevents(
        self,
        task_id: str,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Read or stream a task's events.

        Returns the task's events in order. With `Accept: application/json` (or no `Accept`) the
        answer is one page `{data, has_more, next_cursor}`. With `Accept: text/event-stream` the
        answer is a Server-Sent Events stream: each frame has `id:` (the event id), `event:`
        (the event type) and `data:` (the event as JSON); comment lines are sent as heartbeats
        while idle. A stream resumes after `Last-Event-ID` (or `after`) with nothing missed or
        repeated, and ends after the task's terminal event (`task_finished`, or `task_created`
        for a task logged as finished) unless `follow=true`; a resume at or past that event
        answers 204. One key may hold a limited number of streams open at once (100 unless the
        server is configured otherwise); one more answers 429 `too-many-streams`.

        Args:
            task_id: The task's id.
            follow: Keep a task's stream open after its terminal event.
            after: Only events after this event id (exclusive); the `next_cursor` of a page
                is one. The event's number alone names the same place (`42`); `0` is before
                the first event.
            idle_timeout: Seconds without a byte before reconnecting (client default if
                `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            An `AsyncEventStream` of `Event` objects, connected when it is first iterated;
            it reconnects and resumes by itself. Close it (or use it as a context manager)
            to stop early.
        """
        from opentasks_api.api.events import list_task_events

        from opentasks._async._streaming import astream

        return astream(
            self._client,
            list_task_events,
            task_id,
            follow=follow,
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
        )

    async def apublish(
        self,
        task_id: str,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish an event on a task's stream.

        Lets a worker publish its own event on a task's stream (a chunk of output, a tool call,
        a thought, an updated plan, …). Event types that the server itself records (`task_*`,
        `execution_*`, `session_*`, `test_*`, `comparison_*`) cannot be published. An
        `execution_id` that names no execution of this task answers 404, as an unknown task
        does.

        Args:
            task_id: The task's id.
            type: The kind of event, in snake_case, e.g. `chunk`, `tool_call_request`,
                `think`, `plan_updated`. Server event prefixes (`task_`, `execution_`,
                `session_`, `test_`, `comparison_`) are reserved.
            data: Free-form JSON object.
            execution_id: The execution of the task the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Event`: the recorded event.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.events import publish_task_event
        from opentasks_api.models import Event as _Generated
        from opentasks_api.models import EventPublish

        response = await arequest(
            self._client,
            timeout,
            publish_task_event.asyncio_detailed,
            task_id,
            body=build_body(
                EventPublish, present({"type": type, "data": data, "execution_id": execution_id})
            ),
        )
        return rebase(Event, expect(response, _Generated))
