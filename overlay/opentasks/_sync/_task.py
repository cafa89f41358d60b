# generated from overlay/opentasks/_async/_task.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The methods of `Task` that call the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from opentasks_api.models import Flag, TaskStatus

    from opentasks._http import TimeoutTypes
    from opentasks._sse import Event
    from opentasks._task import TaskBase as _Base

    from ._streaming import EventStream
else:
    # Type checkers see the state these methods use; at run time `Task` brings it.
    _Base = object

__all__ = ["SyncTask"]


class SyncTask(_Base):
    """Methods of `Task` that call the server; each updates the task from the answer."""

    __slots__ = ()

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
            fresh = tasks.update(self.id, extra_fields=update, if_match=self.etag, timeout=timeout)
            self._absorb(fresh, keep_local=True)
        if status is not None:
            fresh = tasks.set_status(
                self.id, status, reason=reason, if_match=self.etag, timeout=timeout
            )
            self._absorb(fresh, keep_local=False)
        return self

    def refresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the task from the server, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This task.
        """
        fresh = self._client.tasks.get(self.id, timeout=timeout)
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
        unless `follow` is true. Iterate it with `for`; use it as a context manager
        (`with task.events() as stream:`) to close the connection at once when you stop
        early.

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
