"""The methods of `Client` that do I/O and are not one operation of the spec's each."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from ._generated._objects import AsyncClientOperations

__all__ = ["AsyncClientCalls"]


class AsyncClientCalls(AsyncClientOperations):
    """Closing `Client`; its calls of one operation each (`flag`, `events`, ...) are generated."""

    async def aclose(self) -> None:
        """Close both connection pools (if this client owns them); later calls raise.

        Closing twice is harmless. After closing, every call raises `ClientClosedError`.
        """
        self.api.close()
        if self._owns_pool:
            await self._pool.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
