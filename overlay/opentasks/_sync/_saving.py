# generated from overlay/opentasks/_async/_saving.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The saves of `Task` and `Session`: their methods that are more than one operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from ._generated._objects import SyncSessionOperations, SyncTaskOperations

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes

__all__ = ["SyncSession", "SyncTask"]


class SyncTask(SyncTaskOperations):
    """Methods of `Task` that call the server; those of one operation each are generated."""

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


class SyncSession(SyncSessionOperations):
    """Methods of `Session` that call the server; those of one operation each are generated."""

    __slots__ = ()

    def save(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match`.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session, updated from the server.

        Raises:
            PreconditionFailedError: The session changed on the server since this copy was
                read; `refresh()` and apply the change again.
            OpenTasksError: A read-only field was changed.
        """
        fields = self._save_plan()
        if fields:
            fresh = self._client.sessions.update(
                self.id, extra_fields=fields, if_match=self.etag, timeout=timeout
            )
            self._absorb(fresh, keep_local=True)
        return self
