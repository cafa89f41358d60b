"""`client.tasks`: create, list, get, update, stop and stream tasks, sync and async.

Each operation is split the same way: a pure part that builds the generated request body or
arguments, one line per flavour that runs the generated `sync_detailed` / `asyncio_detailed`
function, and a pure part that turns the generated response into overlay objects.
"""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from opentasks_api.api.events import list_task_events, publish_task_event
from opentasks_api.api.tasks import (
    create_task,
    flag_task,
    get_task,
    list_tasks,
    set_task_status,
    stop_task,
    update_task,
)
from opentasks_api.models import Event as _GeneratedEvent
from opentasks_api.models import (
    EventPublish,
    Flag,
    InitialTaskStatus,
    TaskCreate,
    TaskFlag,
    TaskPage,
    TaskStatus,
    TaskStatusChange,
    TaskStop,
    TaskUpdate,
)
from opentasks_api.types import UNSET, Response, Unset

from ._http import TimeoutTypes, acall, call, expect, rebase
from ._pagination import AsyncPager, Page, SyncPager
from ._resource import build_body, given_fields, if_match_header
from ._sse import Event, StreamState
from ._streaming import AsyncEventStream, EventStream
from ._task import Task, _to_status

if TYPE_CHECKING:
    from ._client import Client

__all__ = ["Tasks"]

DEFAULT_PAGE_SIZE = 20


class SupportsToDict(Protocol):
    """Anything with `to_dict()`: every generated model (e.g. a `PromptStep`)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the model as JSON data."""
        ...


StepInput = Mapping[str, Any] | SupportsToDict
"""A workflow step: a generated step model (`PromptStep`, …) or the same as a plain dict."""


def _unset_if_none(value: str | None) -> str | Unset:
    # A null in these bodies would clear the field on the server; "not given" must be absent.
    return UNSET if value is None else value


def _status_body(
    status: TaskStatus | str, reason: str | None, output: str | None
) -> TaskStatusChange:
    return TaskStatusChange(
        status=_to_status(status), reason=_unset_if_none(reason), output=_unset_if_none(output)
    )


def _flag_body(flag: Flag | str, source: str, notes: str | None) -> TaskFlag:
    try:
        value = Flag(flag)
    except ValueError:
        msg = f"unknown flag {flag!r}; expected 'success' or 'failure'"
        raise ValueError(msg) from None
    return TaskFlag(flag=value, source=source, notes=_unset_if_none(notes))


def _publish_body(
    type: str, data: Mapping[str, Any] | None, execution_id: str | None
) -> EventPublish:
    fields: dict[str, object] = {"type": type, "data": dict(data or {})}
    if execution_id is not None:
        fields["execution_id"] = execution_id
    result: EventPublish = build_body(EventPublish, fields)
    return result


def _list_kwargs(
    *,
    agent_id: str | None,
    session_id: str | None,
    test_id: str | None,
    status: TaskStatus | str | None,
    flag: Flag | str | None,
    limit: int,
) -> dict[str, Any]:
    filters = {"agent_id": agent_id, "session_id": session_id, "test_id": test_id}
    kwargs: dict[str, Any] = {"limit": limit}
    kwargs.update({name: value for name, value in filters.items() if value is not None})
    if status is not None:
        kwargs["status"] = _to_status(status)
    if flag is not None:
        kwargs["flag"] = Flag(flag)
    return kwargs


class Tasks:
    """The task operations: `client.tasks`.

    Args:
        client: The client they talk through.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def _task(self, response: Response[Any]) -> Task:
        return Task._from_response(self._client, response)

    def _page(self, response: Response[Any]) -> Page[Task]:
        page = expect(response, TaskPage)
        tasks = [Task._load(self._client, item) for item in page.data]
        return Page(tasks, page.has_more, page.next_cursor if page.next_cursor else None)

    # --- create ---------------------------------------------------------------------------

    def create(
        self,
        *,
        agent_id: str,
        prompt: str | Unset | None = UNSET,
        name: str | Unset | None = UNSET,
        description: str | Unset | None = UNSET,
        session_id: str | Unset | None = UNSET,
        test_id: str | Unset | None = UNSET,
        file_urls: Sequence[str] | Unset = UNSET,
        output: str | Unset | None = UNSET,
        status: InitialTaskStatus | str | Unset = UNSET,
        status_reason: str | Unset | None = UNSET,
        flag: Flag | str | Unset | None = UNSET,
        flag_source: str | Unset | None = UNSET,
        notes: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        additional_input: Mapping[str, Any] | Unset = UNSET,
        additional_output: Mapping[str, Any] | Unset = UNSET,
        sender_id: str | Unset | None = UNSET,
        tools_available: Sequence[str] | Unset = UNSET,
        input_schema: Mapping[str, Any] | Unset | None = UNSET,
        main: Sequence[StepInput] | Unset = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Create a task; only `agent_id` is required.

        A task normally starts `pending`. To log a finished interaction in one call (phospho
        style), pass `status="completed"` (or `"failed"`) with the `output`.

        Args:
            agent_id: The agent doing the work.
            prompt: The input given to the agent.
            name: A short name.
            description: What the task is for.
            session_id: Attach the task to this session.
            test_id: Record the task in this test run.
            file_urls: URLs of files given with the prompt.
            output: The agent's answer, when logging a finished interaction.
            status: `pending` (default), `completed` or `failed`.
            status_reason: Why the task is in its initial status.
            flag: `success` or `failure`, when logging a finished interaction.
            flag_source: Who set the flag.
            notes: Free-form notes.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            additional_input: Free-form JSON object.
            additional_output: Free-form JSON object.
            sender_id: Who sent the input.
            tools_available: Names of the tools the workflow may call.
            input_schema: A JSON Schema the execution arguments must follow.
            main: The workflow's steps (julep style): step models or plain dicts with `kind`.
            extra_fields: Fields of a newer API version that this method has no argument for.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The created task.

        Raises:
            UnprocessableEntityError: The server rejected a field.
            ValueError: A field cannot be turned into the request body (e.g. an unknown step
                kind or status).
        """
        body: TaskCreate = build_body(TaskCreate, given_fields(locals(), extra_fields))
        response = call(
            self._client._call_options(timeout),
            create_task.sync_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return self._task(response)

    async def acreate(
        self,
        *,
        agent_id: str,
        prompt: str | Unset | None = UNSET,
        name: str | Unset | None = UNSET,
        description: str | Unset | None = UNSET,
        session_id: str | Unset | None = UNSET,
        test_id: str | Unset | None = UNSET,
        file_urls: Sequence[str] | Unset = UNSET,
        output: str | Unset | None = UNSET,
        status: InitialTaskStatus | str | Unset = UNSET,
        status_reason: str | Unset | None = UNSET,
        flag: Flag | str | Unset | None = UNSET,
        flag_source: str | Unset | None = UNSET,
        notes: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        additional_input: Mapping[str, Any] | Unset = UNSET,
        additional_output: Mapping[str, Any] | Unset = UNSET,
        sender_id: str | Unset | None = UNSET,
        tools_available: Sequence[str] | Unset = UNSET,
        input_schema: Mapping[str, Any] | Unset | None = UNSET,
        main: Sequence[StepInput] | Unset = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Create a task; only `agent_id` is required (async). See `create()`.

        Args:
            agent_id: The agent doing the work.
            prompt: The input given to the agent.
            name: A short name.
            description: What the task is for.
            session_id: Attach the task to this session.
            test_id: Record the task in this test run.
            file_urls: URLs of files given with the prompt.
            output: The agent's answer, when logging a finished interaction.
            status: `pending` (default), `completed` or `failed`.
            status_reason: Why the task is in its initial status.
            flag: `success` or `failure`, when logging a finished interaction.
            flag_source: Who set the flag.
            notes: Free-form notes.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            additional_input: Free-form JSON object.
            additional_output: Free-form JSON object.
            sender_id: Who sent the input.
            tools_available: Names of the tools the workflow may call.
            input_schema: A JSON Schema the execution arguments must follow.
            main: The workflow's steps (julep style): step models or plain dicts with `kind`.
            extra_fields: Fields of a newer API version that this method has no argument for.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The created task.
        """
        body: TaskCreate = build_body(TaskCreate, given_fields(locals(), extra_fields))
        response = await acall(
            self._client._call_options(timeout),
            create_task.asyncio_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return self._task(response)

    # --- read -----------------------------------------------------------------------------

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
        options = self._client._call_options(timeout)
        return self._task(call(options, get_task.sync_detailed, task_id, client=self._client.api))

    async def aget(self, task_id: str, *, timeout: TimeoutTypes | None = None) -> Task:
        """Fetch one task (async).

        Args:
            task_id: The task's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The task.
        """
        options = self._client._call_options(timeout)
        response = await acall(options, get_task.asyncio_detailed, task_id, client=self._client.api)
        return self._task(response)

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
        """List tasks, oldest first; pages are fetched lazily as you iterate.

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
        kwargs = _list_kwargs(
            agent_id=agent_id,
            session_id=session_id,
            test_id=test_id,
            status=status,
            flag=flag,
            limit=page_size,
        )
        options = self._client._call_options(timeout)

        def fetch(cursor: str | None) -> Page[Task]:
            response = call(
                options,
                list_tasks.sync_detailed,
                client=self._client.api,
                after=cursor or UNSET,
                **kwargs,
            )
            return self._page(response)

        return SyncPager(fetch, after=after)

    def alist(
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
    ) -> AsyncPager[Task]:
        """List tasks, oldest first: `async for task in client.tasks.alist(...)`.

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
            An async pager: `async for` it for tasks, or `.pages()` for pages.
        """
        kwargs = _list_kwargs(
            agent_id=agent_id,
            session_id=session_id,
            test_id=test_id,
            status=status,
            flag=flag,
            limit=page_size,
        )
        options = self._client._call_options(timeout)

        async def fetch(cursor: str | None) -> Page[Task]:
            response = await acall(
                options,
                list_tasks.asyncio_detailed,
                client=self._client.api,
                after=cursor or UNSET,
                **kwargs,
            )
            return self._page(response)

        return AsyncPager(fetch, after=after)

    # --- update ---------------------------------------------------------------------------

    def _update(
        self,
        task_id: str,
        body: TaskUpdate,
        if_match: str | int | None,
        timeout: TimeoutTypes | None,
    ) -> Task:
        response = call(
            self._client._call_options(timeout),
            update_task.sync_detailed,
            task_id,
            client=self._client.api,
            body=body,
            if_match=if_match_header(if_match),
        )
        return self._task(response)

    async def _aupdate(
        self,
        task_id: str,
        body: TaskUpdate,
        if_match: str | int | None,
        timeout: TimeoutTypes | None,
    ) -> Task:
        response = await acall(
            self._client._call_options(timeout),
            update_task.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=body,
            if_match=if_match_header(if_match),
        )
        return self._task(response)

    def update(
        self,
        task_id: str,
        *,
        prompt: str | Unset | None = UNSET,
        name: str | Unset | None = UNSET,
        description: str | Unset | None = UNSET,
        session_id: str | Unset | None = UNSET,
        test_id: str | Unset | None = UNSET,
        file_urls: Sequence[str] | Unset = UNSET,
        output: str | Unset | None = UNSET,
        flag: Flag | str | Unset | None = UNSET,
        flag_source: str | Unset | None = UNSET,
        notes: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        additional_input: Mapping[str, Any] | Unset = UNSET,
        additional_output: Mapping[str, Any] | Unset = UNSET,
        sender_id: str | Unset | None = UNSET,
        tools_available: Sequence[str] | Unset = UNSET,
        input_schema: Mapping[str, Any] | Unset | None = UNSET,
        main: Sequence[StepInput] | Unset = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Change some fields of a task; omitted fields are left alone, `None` clears one.

        The status is changed with `set_status`, not here.

        Args:
            task_id: The task's id.
            prompt: The input given to the agent.
            name: A short name.
            description: What the task is for.
            session_id: Attach to this session, or detach with `None`.
            test_id: Record in this test run, or detach with `None`.
            file_urls: URLs of files given with the prompt.
            output: The agent's answer.
            flag: `success` or `failure`.
            flag_source: Who set the flag.
            notes: Free-form notes.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            additional_input: Free-form JSON object.
            additional_output: Free-form JSON object.
            sender_id: Who sent the input.
            tools_available: Names of the tools the workflow may call.
            input_schema: A JSON Schema the execution arguments must follow.
            main: The workflow's steps: step models or plain dicts with `kind`.
            extra_fields: Fields of a newer API version that this method has no argument for.
            if_match: Apply only if the task is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated task.

        Raises:
            PreconditionFailedError: `if_match` is stale.
        """
        body: TaskUpdate = build_body(TaskUpdate, given_fields(locals(), extra_fields))
        return self._update(task_id, body, if_match, timeout)

    async def aupdate(
        self,
        task_id: str,
        *,
        prompt: str | Unset | None = UNSET,
        name: str | Unset | None = UNSET,
        description: str | Unset | None = UNSET,
        session_id: str | Unset | None = UNSET,
        test_id: str | Unset | None = UNSET,
        file_urls: Sequence[str] | Unset = UNSET,
        output: str | Unset | None = UNSET,
        flag: Flag | str | Unset | None = UNSET,
        flag_source: str | Unset | None = UNSET,
        notes: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        additional_input: Mapping[str, Any] | Unset = UNSET,
        additional_output: Mapping[str, Any] | Unset = UNSET,
        sender_id: str | Unset | None = UNSET,
        tools_available: Sequence[str] | Unset = UNSET,
        input_schema: Mapping[str, Any] | Unset | None = UNSET,
        main: Sequence[StepInput] | Unset = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Change some fields of a task (async). See `update()`.

        Args:
            task_id: The task's id.
            prompt: The input given to the agent.
            name: A short name.
            description: What the task is for.
            session_id: Attach to this session, or detach with `None`.
            test_id: Record in this test run, or detach with `None`.
            file_urls: URLs of files given with the prompt.
            output: The agent's answer.
            flag: `success` or `failure`.
            flag_source: Who set the flag.
            notes: Free-form notes.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            additional_input: Free-form JSON object.
            additional_output: Free-form JSON object.
            sender_id: Who sent the input.
            tools_available: Names of the tools the workflow may call.
            input_schema: A JSON Schema the execution arguments must follow.
            main: The workflow's steps: step models or plain dicts with `kind`.
            extra_fields: Fields of a newer API version that this method has no argument for.
            if_match: Apply only if the task is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated task.
        """
        body: TaskUpdate = build_body(TaskUpdate, given_fields(locals(), extra_fields))
        return await self._aupdate(task_id, body, if_match, timeout)

    # --- status, stop, flag ---------------------------------------------------------------

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
        response = call(
            self._client._call_options(timeout),
            set_task_status.sync_detailed,
            task_id,
            client=self._client.api,
            body=_status_body(status, reason, output),
            if_match=if_match_header(if_match),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._task(response)

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
        """Move a task to another status (async). See `set_status()`.

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
        """
        response = await acall(
            self._client._call_options(timeout),
            set_task_status.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=_status_body(status, reason, output),
            if_match=if_match_header(if_match),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._task(response)

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
        response = call(
            self._client._call_options(timeout),
            stop_task.sync_detailed,
            task_id,
            client=self._client.api,
            body=TaskStop(reason=_unset_if_none(reason)),
            if_match=if_match_header(if_match),
        )
        return self._task(response)

    async def astop(
        self,
        task_id: str,
        *,
        reason: str | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Stop a task that has not finished (async). See `stop()`.

        Args:
            task_id: The task's id.
            reason: Why; kept as `status_reason`.
            if_match: Apply only if the task is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The stopped task.
        """
        response = await acall(
            self._client._call_options(timeout),
            stop_task.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=TaskStop(reason=_unset_if_none(reason)),
            if_match=if_match_header(if_match),
        )
        return self._task(response)

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
        response = call(
            self._client._call_options(timeout),
            flag_task.sync_detailed,
            task_id,
            client=self._client.api,
            body=_flag_body(flag, source, notes),
        )
        return self._task(response)

    async def aflag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Mark a task's outcome as a success or a failure (async).

        Args:
            task_id: The task's id.
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The flagged task.
        """
        response = await acall(
            self._client._call_options(timeout),
            flag_task.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=_flag_body(flag, source, notes),
        )
        return self._task(response)

    # --- events ---------------------------------------------------------------------------

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
        response = call(
            self._client._call_options(timeout),
            publish_task_event.sync_detailed,
            task_id,
            client=self._client.api,
            body=_publish_body(type, data, execution_id),
        )
        return rebase(Event, expect(response, _GeneratedEvent))

    async def apublish(
        self,
        task_id: str,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish a worker event on a task's stream (async).

        Args:
            task_id: The task's id.
            type: The event type in snake_case, e.g. `chunk`.
            data: The event's data.
            execution_id: The execution the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded event.
        """
        response = await acall(
            self._client._call_options(timeout),
            publish_task_event.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=_publish_body(type, data, execution_id),
        )
        return rebase(Event, expect(response, _GeneratedEvent))

    def _stream_request(self, task_id: str, follow: bool, after: str | None) -> dict[str, Any]:
        # The generated request builder knows the path and parameter names from the spec; the
        # generated function itself cannot stream (it buffers the whole body).
        kwargs: dict[str, Any] = list_task_events._get_kwargs(
            task_id, limit=UNSET, after=after or UNSET, follow=follow
        )
        return kwargs

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
        return EventStream(
            self._client.api.get_httpx_client,
            lambda: self._stream_request(task_id, follow, after),
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=lambda: self.get(task_id).is_terminal,
        )

    def aevents(
        self,
        task_id: str,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Stream a task's events live: `async for event in client.tasks.aevents(task_id)`.

        Args:
            task_id: The task's id.
            follow: Keep streaming after the terminal event.
            after: Start after this event id.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The async stream.
        """

        async def is_done() -> bool:
            return (await self.aget(task_id)).is_terminal

        return AsyncEventStream(
            self._client.api.get_async_httpx_client,
            lambda: self._stream_request(task_id, follow, after),
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=is_done,
        )
