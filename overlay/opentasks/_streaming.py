"""What the resumable event streams over httpx-sse share (the stream is `_async/_streaming.py`).

A stream connects with `Accept: text/event-stream` through the generated client's own httpx
client, so it shares its connection pool, headers and retrying transport. It yields `Event`
objects as they arrive. When the connection drops, the server restarts, or nothing at all
arrives for `idle_timeout` seconds (not even a heartbeat), it reconnects with backoff and sends
`Last-Event-ID`, so the server resumes right after the last delivered event; `StreamState`
drops anything delivered twice. A task's stream ends after the task's terminal event unless it
follows. The response is closed in every case: at the end, on an error, and when the caller
stops iterating early (use the stream as a context manager to make that immediate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from ._exceptions import EventStreamError
from ._logging import logger
from ._retry import Backoff, backoff_delay

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_MAX_RECONNECTS",
    "Reconnects",
    "RequestBuilder",
    "StreamSettings",
]

DEFAULT_IDLE_TIMEOUT = 45.0
"""Seconds without a byte before a stream reconnects; the server sends a heartbeat every 15 s."""
DEFAULT_MAX_RECONNECTS = 8


@dataclass(frozen=True)
class StreamSettings:
    """How patient a stream is.

    Attributes:
        idle_timeout: Seconds without any byte (events or heartbeats) before the connection
            is considered dead and the stream reconnects.
        max_reconnects: Consecutive failed connections before the stream gives up with
            `EventStreamError`; a connection that delivers events resets the count.
        backoff: The wait between reconnects.
        connect_timeout: Seconds to wait for a connection.
    """

    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    max_reconnects: int = DEFAULT_MAX_RECONNECTS
    backoff: Backoff = field(default_factory=Backoff)
    connect_timeout: float = 5.0

    def timeout(self) -> httpx.Timeout:
        """Return the httpx timeout of a stream request: the idle timeout is the read timeout."""
        return httpx.Timeout(self.idle_timeout, connect=self.connect_timeout)


@dataclass
class Reconnects:
    """Counts failed connections and decides how long to wait before the next one."""

    settings: StreamSettings
    failures: int = 0

    def next_delay(self, delivered: bool, cause: BaseException | None) -> float:
        """Return the wait before reconnecting, or raise when the budget is spent."""
        if delivered:
            self.failures = 0
        self.failures += 1
        if self.failures > self.settings.max_reconnects:
            reason = f": {cause!r}" if cause is not None else ": the server kept closing it"
            msg = f"the event stream broke and {self.settings.max_reconnects} reconnects failed{reason}"
            raise EventStreamError(msg) from cause
        delay = backoff_delay(self.failures - 1, self.settings.backoff)
        logger.info(
            "event stream interrupted (%s); reconnecting in %.2fs (attempt %d of %d)",
            "the server closed the connection" if cause is None else repr(cause),
            delay,
            self.failures,
            self.settings.max_reconnects,
        )
        return delay


RequestBuilder = Callable[[], dict[str, Any]]
"""Returns the generated `_get_kwargs` of the stream's operation (method, url, params, headers)."""
