"""`client.tasks`: create, list, get and update tasks, sync and async.

Each operation is split the same way: a pure part that builds the generated request body or
arguments (`_task_bodies.py`), one line per flavour that runs the generated `sync_detailed` /
`asyncio_detailed` function, and a pure part that turns the generated response into overlay
objects. Status changes, stops, flags and event streams are in `_task_actions.py`.
"""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from opentasks_api.models import Flag, InitialTaskStatus, TaskCreate, TaskStatus, TaskUpdate
from opentasks_api.types import UNSET, Response, Unset

from ._http import TimeoutTypes, acall, call, expect
from ._pagination import AsyncPager, Page, SyncPager
from ._resource import build_body, given_fields, if_match_header
from ._task import Task
from ._task_actions import TaskActions
from ._task_bodies import StepInput, list_kwargs

if TYPE_CHECKING:
    from ._client import Client

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["Tasks"]

DEFAULT_PAGE_SIZE = 20


class Tasks(TaskActions):
    """The task operations: `client.tasks`.

    Args:
        client: The client they talk through.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def _page(self, response: Response[Any]) -> Page[Task]:
        from opentasks_api.models import TaskPage

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
        # Imported after the call to locals(), which must hold only the arguments.
        from opentasks_api.api.tasks import create_task

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
        # Imported after the call to locals(), which must hold only the arguments.
        from opentasks_api.api.tasks import create_task

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
        from opentasks_api.api.tasks import get_task

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
        from opentasks_api.api.tasks import get_task

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
        from opentasks_api.api.tasks import list_tasks

        kwargs = list_kwargs(
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
        from opentasks_api.api.tasks import list_tasks

        kwargs = list_kwargs(
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
        from opentasks_api.api.tasks import update_task

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
        from opentasks_api.api.tasks import update_task

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
