"""The methods of `Session` that call the server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from opentasks._pagination import DEFAULT_PAGE_SIZE

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes
    from opentasks._session import SessionBase as _Base
    from opentasks._task import Task

    from ._pagination import AsyncPager
else:
    # Type checkers see the state these methods use; at run time `Session` brings it.
    _Base = object

__all__ = ["AsyncSession"]


class AsyncSession(_Base):
    """Methods of `Session` that call the server; each updates the session from the answer."""

    __slots__ = ()

    async def asave(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Send the fields changed since the last server copy, with `If-Match`.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session, updated from the server.

        Raises:
            PreconditionFailedError: The session changed on the server meanwhile.
        """
        fields = self._save_plan()
        if fields:
            fresh = await self._client.sessions.aupdate(
                self.id, extra_fields=fields, if_match=self.etag, timeout=timeout
            )
            self._absorb(fresh, keep_local=True)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the session from the server, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This session.
        """
        self._absorb(await self._client.sessions.aget(self.id, timeout=timeout), keep_local=False)
        return self

    async def adelete(self, *, timeout: TimeoutTypes | None = None) -> None:
        """Delete the session (if unchanged since this copy); its tasks are kept, detached.

        Args:
            timeout: A timeout for this call instead of the client's.
        """
        await self._client.sessions.adelete(self.id, if_match=self.etag, timeout=timeout)

    def atasks(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncPager[Task]:
        """List the session's tasks, oldest first, fetching pages lazily.

        Args:
            page_size: Tasks per page (1 to 100).

        Returns:
            A pager over the tasks.
        """
        return self._client.sessions.atasks(self.id, page_size=page_size)
