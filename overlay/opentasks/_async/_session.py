"""The method of `Session` that is more than one operation: `asave`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from ._generated._objects import AsyncSessionOperations

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes

__all__ = ["AsyncSession"]


class AsyncSession(AsyncSessionOperations):
    """Methods of `Session` that call the server; those of one operation each are generated."""

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
