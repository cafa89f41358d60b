"""A cap on the event streams one API key may hold open at once, in one server process.

An idle stream costs the server little (no connection to the database, one waiter on the
broadcaster), but it is never finished by the server, so nothing else bounds how many a client
opens: a loop that forgets to close its streams would hold sockets and memory until the server
runs out. `create_app(max_streams_per_key=...)` sets the cap; a stream over it is answered with a
429 problem before anything is streamed. The slot is given back when the response ends, however
it ends (the last event, the client going away, the server shutting down).

The count lives in the process, like the rate limiter's buckets: with several workers each
process allows the cap.
"""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator, Callable

from starlette.types import Receive, Scope, Send

from opentasks_server.event_stream import EventStreamResponse
from opentasks_server.problems import ApiError

__all__ = [
    "DEFAULT_MAX_STREAMS_PER_KEY",
    "LimitedEventStreamResponse",
    "StreamSlots",
    "TooManyStreams",
]

DEFAULT_MAX_STREAMS_PER_KEY = 100
"""Open event streams allowed per API key unless `create_app` is told otherwise."""

_RETRY_AFTER_SECONDS = 5


class TooManyStreams(ApiError):  # noqa: N818 - named as the problem title reads
    """The key already holds as many open event streams as the server allows."""

    status = 429
    slug = "too-many-streams"
    title = "Too many open event streams"


class StreamSlots:
    """Counts the open event streams of each key.

    All counting happens on the server's event loop, so no lock is needed.

    Args:
        limit: Streams allowed per key at once; `None` allows any number.
    """

    def __init__(self, limit: int | None = DEFAULT_MAX_STREAMS_PER_KEY) -> None:
        self.limit = limit
        self._open: collections.Counter[str] = collections.Counter()

    def open_streams(self, key_id: str) -> int:
        """Return how many streams a key holds open.

        Args:
            key_id: The key's id.

        Returns:
            The count.
        """
        return self._open[key_id]

    def acquire(self, key_id: str) -> Callable[[], None]:
        """Take a slot for a new stream of a key.

        Args:
            key_id: The key's id.

        Returns:
            Gives the slot back; calling it more than once gives it back once.

        Raises:
            TooManyStreams: The key already holds `limit` open streams.
        """
        if self.limit is not None and self._open[key_id] >= self.limit:
            raise TooManyStreams(
                f"This API key already holds {self.limit} open event streams, the most this "
                "server allows; close one (or resume a single stream with `Last-Event-ID`) "
                "before opening another. To watch many tasks, follow the project's one stream "
                "(`GET /v1/events`) instead of a stream per task: a browser's EventSource does "
                "not retry after this answer.",
                headers={"Retry-After": str(_RETRY_AFTER_SECONDS)},
            )
        self._open[key_id] += 1
        released = False

        def release() -> None:
            nonlocal released
            if released:
                return
            released = True
            self._open[key_id] -= 1
            if self._open[key_id] <= 0:
                del self._open[key_id]

        return release


class LimitedEventStreamResponse(EventStreamResponse):
    """An event stream that gives its slot back when the response ends, however it ends.

    Args:
        frames: The SSE frames to send.
        release: Gives the stream's slot back (from `StreamSlots.acquire`).
    """

    def __init__(self, frames: AsyncIterator[bytes], release: Callable[[], None]) -> None:
        super().__init__(frames)
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the stream, then give the slot back (also on cancellation or error)."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()
