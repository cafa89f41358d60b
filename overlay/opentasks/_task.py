"""`Task`: one unit of agent work, as a live object with sync and `a`-prefixed async methods."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from opentasks_api.models import Flag, TaskStatus, TaskUpdate
from opentasks_api.models import Task as _GeneratedTask

from ._diff import plan_save, snapshot, writable_fields
from ._exceptions import OpenTasksError
from ._execution import TaskExecutions
from ._http import TimeoutTypes
from ._resource import BoundModel, build_body
from ._sse import TERMINAL_TASK_STATUSES, Event

if TYPE_CHECKING:
    from ._streaming import AsyncEventStream, EventStream

__all__ = ["Task", "to_task_status"]

_WRITABLE = writable_fields(TaskUpdate)


class Task(_GeneratedTask, BoundModel):
    """One unit of agent work: its input, output, status lifecycle, flag and workflow.

    Every property of the `Task` schema is a typed attribute (`id`, `agent_id`, `prompt`,
    `output`, `status`, `metadata`, `main`, `version`, …). Change attributes and call `save()`
    to send only what changed; the other methods call one operation each and update the object
    in place from the server's answer, keeping unsaved local edits of other fields.

    Every method has an `a`-prefixed coroutine twin (`save` / `asave`, …).
    """

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedTask

    @property
    def is_terminal(self) -> bool:
        """Whether the task is finished (completed, failed, error or stopped)."""
        return str(self.status) in TERMINAL_TASK_STATUSES

    @property
    def executions(self) -> TaskExecutions:
        """The task's executions: `task.executions.start(arguments)`, `.list()` and so on."""
        return TaskExecutions(self._client, self.id)

    # --- save -----------------------------------------------------------------------------

    def _save_plan(self) -> tuple[dict[str, Any], TaskStatus | None, str | None]:
        """Return the PATCH fields, the new status (if changed) and its reason (if changed)."""
        plan = plan_save(self._snapshot, snapshot(self), _WRITABLE, status_field="status")
        # `status_reason` has no update of its own: it travels with a status change.
        reason_changed = plan.status and "status_reason" in plan.read_only
        read_only = [
            name for name in plan.read_only if not (reason_changed and name == "status_reason")
        ]
        if read_only:
            names = ", ".join(read_only)
            msg = f"cannot save read-only task fields: {names} (they are set by the server)"
            raise OpenTasksError(msg)
        update = {name: getattr(self, name) for name in plan.update}
        status = to_task_status(self.status) if plan.status else None
        return update, status, self.status_reason if reason_changed else None

    def save(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match`.

        A changed `status` is sent through the status operation (which checks the transition)
        after the other fields, with a changed `status_reason` as its reason.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, updated from the server.

        Raises:
            PreconditionFailedError: The task changed on the server since this copy was read;
                `refresh()` and apply the change again.
            ConflictError: The status change is not allowed.
            OpenTasksError: A read-only field was changed.
        """
        update, status, reason = self._save_plan()
        tasks = self._client.tasks
        if update:
            fresh = tasks._update(self.id, build_body(TaskUpdate, update), self.etag, timeout)
            self._absorb(fresh, keep_local=True)
        if status is not None:
            fresh = tasks.set_status(
                self.id, status, reason=reason, if_match=self.etag, timeout=timeout
            )
            self._absorb(fresh, keep_local=False)
        return self

    async def asave(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match` (async).

        See `save()`.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, updated from the server.
        """
        update, status, reason = self._save_plan()
        tasks = self._client.tasks
        if update:
            fresh = await tasks._aupdate(
                self.id, build_body(TaskUpdate, update), self.etag, timeout
            )
            self._absorb(fresh, keep_local=True)
        if status is not None:
            fresh = await tasks.aset_status(
                self.id, status, reason=reason, if_match=self.etag, timeout=timeout
            )
            self._absorb(fresh, keep_local=False)
        return self

    # --- single operations ----------------------------------------------------------------

    def refresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the task from the server, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task.
        """
        self._absorb(self._client.tasks.get(self.id, timeout=timeout), keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the task from the server, dropping unsaved local edits (async).

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task.
        """
        fresh = await self._client.tasks.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    def set_status(
        self,
        status: TaskStatus | str,
        reason: str | None = None,
        output: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Move the task to another status; the server checks the transition.

        Args:
            status: The new status, as a `TaskStatus` member or its string.
            reason: Why; kept as `status_reason`.
            output: The task's output, set in the same change (e.g. with `completed`).
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, in its new status.

        Raises:
            ConflictError: The transition is not allowed (e.g. from a terminal status).
            ValueError: `status` is not a task status this SDK knows.
        """
        fresh = self._client.tasks.set_status(
            self.id, status, reason=reason, output=output, timeout=timeout
        )
        self._absorb(fresh, keep_local=True)
        return self

    async def aset_status(
        self,
        status: TaskStatus | str,
        reason: str | None = None,
        output: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Move the task to another status; the server checks the transition (async).

        Args:
            status: The new status, as a `TaskStatus` member or its string.
            reason: Why; kept as `status_reason`.
            output: The task's output, set in the same change (e.g. with `completed`).
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, in its new status.
        """
        fresh = await self._client.tasks.aset_status(
            self.id, status, reason=reason, output=output, timeout=timeout
        )
        self._absorb(fresh, keep_local=True)
        return self

    def stop(self, reason: str | None = None, *, timeout: TimeoutTypes | None = None) -> Self:
        """Stop the task (and cancel its active execution).

        Args:
            reason: Why; kept as `status_reason`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, now `stopped`.

        Raises:
            ConflictError: The task is already finished.
        """
        fresh = self._client.tasks.stop(self.id, reason=reason, timeout=timeout)
        self._absorb(fresh, keep_local=True)
        return self

    async def astop(
        self, reason: str | None = None, *, timeout: TimeoutTypes | None = None
    ) -> Self:
        """Stop the task (and cancel its active execution) (async).

        Args:
            reason: Why; kept as `status_reason`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, now `stopped`.
        """
        fresh = await self._client.tasks.astop(self.id, reason=reason, timeout=timeout)
        self._absorb(fresh, keep_local=True)
        return self

    def set_flag(
        self,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Mark the task's outcome as a success or a failure.

        (`flag` itself is the task's flag field, so the method has the `set_` prefix, like
        `set_status` next to `status`; `client.flag(task_id, ...)` is phospho's spelling.)

        Args:
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so (`user`, `owner`, an evaluator's name, …).
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, flagged.
        """
        fresh = self._client.tasks.flag(self.id, flag, source, notes, timeout=timeout)
        self._absorb(fresh, keep_local=True)
        return self

    async def aset_flag(
        self,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Mark the task's outcome as a success or a failure (async).

        Args:
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task, flagged.
        """
        fresh = await self._client.tasks.aflag(self.id, flag, source, notes, timeout=timeout)
        self._absorb(fresh, keep_local=True)
        return self

    def publish(
        self,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish a worker event on the task's stream (a chunk, a tool call, a thought, …).

        Args:
            type: The event type in snake_case, e.g. `chunk`; server prefixes are reserved.
            data: The event's data.
            execution_id: The execution the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded event.
        """
        return self._client.tasks.publish(
            self.id, type, data, execution_id=execution_id, timeout=timeout
        )

    async def apublish(
        self,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish a worker event on the task's stream (async).

        Args:
            type: The event type in snake_case, e.g. `chunk`; server prefixes are reserved.
            data: The event's data.
            execution_id: The execution the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded event.
        """
        return await self._client.tasks.apublish(
            self.id, type, data, execution_id=execution_id, timeout=timeout
        )

    def events(
        self,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> EventStream:
        """Stream the task's events live, from the first (or after `after`).

        The stream reconnects and resumes by itself, and ends after the task's terminal event
        unless `follow` is true. Use it in a `for` loop, or as `with task.events() as stream:`
        to close the connection at once when you stop early.

        Args:
            follow: Keep streaming after the terminal event.
            after: Start after this event id.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The stream.
        """
        return self._client.tasks.events(
            self.id,
            follow=follow,
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
        )

    def aevents(
        self,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Stream the task's events live: `async for event in task.aevents()`.

        See `events()`.

        Args:
            follow: Keep streaming after the terminal event.
            after: Start after this event id.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The async stream.
        """
        return self._client.tasks.aevents(
            self.id,
            follow=follow,
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
        )


def to_task_status(status: TaskStatus | str) -> TaskStatus:
    """Turn a status argument into a `TaskStatus`, with a clear error for an unknown one."""
    try:
        return TaskStatus(status)
    except ValueError:
        known = ", ".join(sorted(member.value for member in TaskStatus))
        msg = f"unknown task status {status!r}; expected one of: {known}"
        raise ValueError(msg) from None
