# generated from overlay/opentasks/_async/_tasks.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""`client.tasks`: create, list, get, update, stop, flag and stream tasks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from opentasks_api.fields import TaskCreateFields, TaskUpdateFields
from opentasks_api.models import Event as _GeneratedEvent
from opentasks_api.models import Flag, TaskCreate, TaskStatus, TaskUpdate
from opentasks_api.types import UNSET

from opentasks._arguments import require_id
from opentasks._context import QueryValue
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import (
    Namespace,
    build_body,
    expect,
    if_match_header,
    load_page,
    rebase,
    request_fields,
)
from opentasks._sse import Event, StreamState
from opentasks._task import Task
from opentasks._task_bodies import (
    events_request,
    flag_body,
    list_filters,
    publish_body,
    status_body,
    unset_if_none,
)

from ._calls import paginate, request
from ._pagination import SyncPager
from ._streaming import EventStream

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["SyncTasks"]


class SyncTasks(Namespace):
    """The task operations of `client.tasks`."""

    def create(
        self,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
        **fields: Unpack[TaskCreateFields],
    ) -> Task:
        """Create a task; only `agent_id` is required.

        A task normally starts `pending`. To log a finished interaction in one call (phospho
        style), pass `status="completed"` (or `"failed"`) with the `output`.

        Args:
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.
            **fields: The task's fields, one keyword for each property of the spec's
                `TaskCreate` schema (`agent_id`, `prompt`, `output`, `status`, `metadata`,
                `main`, …): see `opentasks_api.fields.TaskCreateFields`. Workflow steps may be
                step models or plain dicts with `kind`.

        Returns:
            The created task.

        Raises:
            TypeError: A keyword is not a field of `TaskCreate`, or `agent_id` is missing.
            UnprocessableEntityError: The server rejected a field.
            ValueError: A field cannot be turned into the request body (e.g. an unknown step
                kind or status).
        """
        from opentasks_api.api.tasks import create_task

        given = request_fields(TaskCreateFields, "create", fields, extra_fields)
        response = request(
            self._client,
            timeout,
            create_task.sync_detailed,
            body=build_body(TaskCreate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            idempotency_key=idempotency_key or UNSET,
        )
        return Task._from_response(self._client, response)

    def get(self, task_id: str, *, timeout: TimeoutTypes | None = None) -> Task:
        """Fetch one task.

        Args:
            task_id: The task's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The task.

        Raises:
            NotFoundError: No such task in the key's project.
        """
        from opentasks_api.api.tasks import get_task

        response = request(self._client, timeout, get_task.sync_detailed, task_id)
        return Task._from_response(self._client, response)

    def list(
        self,
        *,
        agent_id: str | None = None,
        session_id: str | None = None,
        test_id: str | None = None,
        status: TaskStatus | str | None = None,
        flag: Flag | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Task]:
        """List tasks, oldest first; pages are fetched as the pager is iterated.

        Args:
            agent_id: Only tasks of this agent.
            session_id: Only tasks of this session.
            test_id: Only tasks of this test run.
            status: Only tasks in this status.
            flag: Only tasks with this flag.
            after: Start after this cursor (a page's `next_cursor`).
            page_size: Tasks per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager: iterate it for tasks, or call `.pages()` for pages.
        """
        from opentasks_api.api.tasks import list_tasks
        from opentasks_api.models import TaskPage

        filters = list_filters(
            agent_id=agent_id, session_id=session_id, test_id=test_id, status=status, flag=flag
        )
        return paginate(
            self._client,
            timeout,
            list_tasks.sync_detailed,
            lambda response: load_page(self._client, Task, TaskPage, response),
            after=after,
            page_size=page_size,
            **filters,
        )

    def update(
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
        """Change some fields of a task; omitted fields are left alone, `None` clears one.

        The status is changed with `set_status`, not here.

        Args:
            task_id: The task's id.
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            if_match: Apply only if the task is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.
            **fields: The fields to change, one keyword for each property of the spec's
                `TaskUpdate` schema: see `opentasks_api.fields.TaskUpdateFields`.

        Returns:
            The updated task.

        Raises:
            TypeError: A keyword is not a field of `TaskUpdate`.
            PreconditionFailedError: `if_match` is stale.
        """
        from opentasks_api.api.tasks import update_task

        given = request_fields(TaskUpdateFields, "update", fields, extra_fields)
        response = request(
            self._client,
            timeout,
            update_task.sync_detailed,
            task_id,
            body=build_body(TaskUpdate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            if_match=if_match_header(if_match),
        )
        return Task._from_response(self._client, response)

    def set_status(
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
        """Move a task to another status; the server checks the transition.

        Args:
            task_id: The task's id.
            status: The new status (a `TaskStatus` member or its string).
            reason: Why; kept as `status_reason`.
            output: The task's output, set in the same change.
            if_match: Apply only if the task is still at this version (or ETag).
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The task in its new status.

        Raises:
            ConflictError: The transition is not allowed.
        """
        from opentasks_api.api.tasks import set_task_status

        response = request(
            self._client,
            timeout,
            set_task_status.sync_detailed,
            task_id,
            body=status_body(status, reason, output),
            if_match=if_match_header(if_match),
            idempotency_key=idempotency_key or UNSET,
        )
        return Task._from_response(self._client, response)

    def stop(
        self,
        task_id: str,
        *,
        reason: str | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Stop a task that has not finished (its active execution is cancelled).

        Args:
            task_id: The task's id.
            reason: Why; kept as `status_reason`.
            if_match: Apply only if the task is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The stopped task.

        Raises:
            ConflictError: The task is already finished.
        """
        from opentasks_api.api.tasks import stop_task
        from opentasks_api.models import TaskStop

        response = request(
            self._client,
            timeout,
            stop_task.sync_detailed,
            task_id,
            body=TaskStop(reason=unset_if_none(reason)),
            if_match=if_match_header(if_match),
        )
        return Task._from_response(self._client, response)

    def flag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Mark a task's outcome as a success or a failure.

        Args:
            task_id: The task's id.
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The flagged task.
        """
        from opentasks_api.api.tasks import flag_task

        response = request(
            self._client,
            timeout,
            flag_task.sync_detailed,
            task_id,
            body=flag_body(flag, source, notes),
        )
        return Task._from_response(self._client, response)

    def publish(
        self,
        task_id: str,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish a worker event on a task's stream.

        Args:
            task_id: The task's id.
            type: The event type in snake_case, e.g. `chunk`.
            data: The event's data.
            execution_id: The execution the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded event.
        """
        from opentasks_api.api.events import publish_task_event

        response = request(
            self._client,
            timeout,
            publish_task_event.sync_detailed,
            task_id,
            body=publish_body(type, data, execution_id),
        )
        return rebase(Event, expect(response, _GeneratedEvent))

    def events(
        self,
        task_id: str,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> EventStream:
        """Stream a task's events live; see `Task.events()`.

        Args:
            task_id: The task's id.
            follow: Keep streaming after the terminal event.
            after: Start after this event id.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The stream.
        """
        require_id("task_id", task_id)

        def is_done() -> bool:
            return (self._client.tasks.get(task_id)).is_terminal

        return EventStream(
            self._client.api.get_httpx_client,
            lambda: events_request(task_id, follow, after),
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=is_done,
        )
