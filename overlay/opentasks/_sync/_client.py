# generated from overlay/opentasks/_async/_client.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The methods of `Client` that do I/O and are not one operation of the spec's each."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Self

from opentasks_api.types import UNSET

from ._generated._objects import SyncClientOperations
from ._streaming import EventStream, stream

__all__ = ["SyncClientCalls"]


class SyncClientCalls(SyncClientOperations):
    """Methods of `Client` that do I/O; phospho's client-level calls keep phospho's names."""

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

    def events(
        self,
        *,
        types: Sequence[str] | None = None,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> EventStream:
        """Stream every event of the project live; it never ends by itself.

        Args:
            types: Only events of these types (e.g. `["task_finished"]`).
            after: Start after this event id; from the first event when omitted.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The stream; close it (or use it as a context manager) to stop.
        """
        from opentasks_api.api.events import list_events

        return stream(
            self,
            list_events,
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
            type_=list(types) if types else UNSET,
        )
