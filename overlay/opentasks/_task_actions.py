"""The task operations beyond create/read/update: status, stop, flag, publish and stream."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import Event as _GeneratedEvent
from opentasks_api.models import Flag, TaskStatus
from opentasks_api.types import UNSET, Response

from ._http import TimeoutTypes, acall, call, expect, rebase
from ._resource import if_match_header
from ._sse import Event, StreamState
from ._streaming import AsyncEventStream, EventStream
from ._task import Task
from ._task_bodies import flag_body, publish_body, status_body, unset_if_none

if TYPE_CHECKING:
    from ._client import Client

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["TaskActions"]


class TaskActions:
    """Status changes, stops, flags, worker events and event streams of tasks.

    Part of `client.tasks` (`Tasks` extends it); the operations take a task id, and `Task`'s
    methods of the same names call them for their own task.
    """

    _client: Client

    def _task(self, response: Response[Any]) -> Task:
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

        response = call(
            self._client._call_options(timeout),
            set_task_status.sync_detailed,
            task_id,
            client=self._client.api,
            body=status_body(status, reason, output),
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
        from opentasks_api.api.tasks import set_task_status

        response = await acall(
            self._client._call_options(timeout),
            set_task_status.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=status_body(status, reason, output),
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
        from opentasks_api.api.tasks import stop_task
        from opentasks_api.models import TaskStop

        response = call(
            self._client._call_options(timeout),
            stop_task.sync_detailed,
            task_id,
            client=self._client.api,
            body=TaskStop(reason=unset_if_none(reason)),
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
        from opentasks_api.api.tasks import stop_task
        from opentasks_api.models import TaskStop

        response = await acall(
            self._client._call_options(timeout),
            stop_task.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=TaskStop(reason=unset_if_none(reason)),
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
        from opentasks_api.api.tasks import flag_task

        response = call(
            self._client._call_options(timeout),
            flag_task.sync_detailed,
            task_id,
            client=self._client.api,
            body=flag_body(flag, source, notes),
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
        from opentasks_api.api.tasks import flag_task

        response = await acall(
            self._client._call_options(timeout),
            flag_task.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=flag_body(flag, source, notes),
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
        from opentasks_api.api.events import publish_task_event

        response = call(
            self._client._call_options(timeout),
            publish_task_event.sync_detailed,
            task_id,
            client=self._client.api,
            body=publish_body(type, data, execution_id),
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
        from opentasks_api.api.events import publish_task_event

        response = await acall(
            self._client._call_options(timeout),
            publish_task_event.asyncio_detailed,
            task_id,
            client=self._client.api,
            body=publish_body(type, data, execution_id),
        )
        return rebase(Event, expect(response, _GeneratedEvent))

    def _stream_request(self, task_id: str, follow: bool, after: str | None) -> dict[str, Any]:
        from opentasks_api.api.events import list_task_events

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
            is_done=lambda: self._client.tasks.get(task_id).is_terminal,
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
            return (await self._client.tasks.aget(task_id)).is_terminal

        return AsyncEventStream(
            self._client.api.get_async_httpx_client,
            lambda: self._stream_request(task_id, follow, after),
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=is_done,
        )
