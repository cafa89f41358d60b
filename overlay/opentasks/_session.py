"""`Session`: a group of tasks (e.g. one conversation with one user), as a live object."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from typing import Any, ClassVar, Self

from opentasks_api.models import Session as _GeneratedSession
from opentasks_api.models import SessionUpdate

from ._diff import plan_save, snapshot, writable_fields
from ._exceptions import OpenTasksError
from ._http import TimeoutTypes
from ._pagination import AsyncPager, SyncPager
from ._resource import BoundModel, build_body
from ._task import Task

__all__ = ["Session"]

DEFAULT_PAGE_SIZE = 20
_WRITABLE = writable_fields(SessionUpdate)


class Session(_GeneratedSession, BoundModel):
    """A group of tasks, e.g. one conversation with one user.

    Every property of the `Session` schema is a typed attribute (`id`, `agent_id`, `user_id`,
    `metadata`, `data`, `notes`, `version`, timestamps). Change attributes and call `save()`
    to send only what changed.
    """

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedSession

    def _update_body(self) -> SessionUpdate | None:
        plan = plan_save(self._snapshot, snapshot(self), _WRITABLE)
        if plan.read_only:
            msg = f"cannot save read-only session fields: {', '.join(plan.read_only)}"
            raise OpenTasksError(msg)
        if not plan.update:
            return None
        return build_body(SessionUpdate, {name: getattr(self, name) for name in plan.update})

    def save(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match`.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session, updated from the server.

        Raises:
            PreconditionFailedError: The session changed on the server meanwhile.
        """
        body = self._update_body()
        if body is not None:
            sessions = self._client.sessions
            self._absorb(sessions._update(self.id, body, self.etag, timeout), keep_local=True)
        return self

    async def asave(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match` (async).

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session, updated from the server.
        """
        body = self._update_body()
        if body is not None:
            fresh = await self._client.sessions._aupdate(self.id, body, self.etag, timeout)
            self._absorb(fresh, keep_local=True)
        return self

    def refresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the session from the server, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session.
        """
        self._absorb(self._client.sessions.get(self.id, timeout=timeout), keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the session from the server, dropping unsaved local edits (async).

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session.
        """
        self._absorb(await self._client.sessions.aget(self.id, timeout=timeout), keep_local=False)
        return self

    def delete(self, *, timeout: TimeoutTypes | None = None) -> None:
        """Delete the session (if unchanged since this copy); its tasks are kept, detached.

        Args:
            timeout: A timeout for this call instead of the client's.
        """
        self._client.sessions.delete(self.id, if_match=self.etag, timeout=timeout)

    async def adelete(self, *, timeout: TimeoutTypes | None = None) -> None:
        """Delete the session (async). See `delete()`.

        Args:
            timeout: A timeout for this call instead of the client's.
        """
        await self._client.sessions.adelete(self.id, if_match=self.etag, timeout=timeout)

    def tasks(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> SyncPager[Task]:
        """List the session's tasks, oldest first, fetching pages lazily.

        Args:
            page_size: Tasks per page (1 to 100).

        Returns:
            A pager over the tasks.
        """
        return self._client.sessions.tasks(self.id, page_size=page_size)

    def atasks(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncPager[Task]:
        """List the session's tasks, oldest first (async iteration).

        Args:
            page_size: Tasks per page (1 to 100).

        Returns:
            An async pager over the tasks.
        """
        return self._client.sessions.atasks(self.id, page_size=page_size)
