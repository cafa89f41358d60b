# generated from overlay/opentasks/_async/_client.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The methods of `Client` that do I/O and are not one operation of the spec's each."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from ._generated._objects import SyncClientOperations

__all__ = ["SyncClientCalls"]


class SyncClientCalls(SyncClientOperations):
    """Closing `Client`; its calls of one operation each (`flag`, `events`, ...) are generated."""

    def close(self) -> None:
        """Close both connection pools (if this client owns them); later calls raise.

        Closing twice is harmless. After closing, every call raises `ClientClosedError`.
        """
        self.api.close()
        if self._owns_pool:
            self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
