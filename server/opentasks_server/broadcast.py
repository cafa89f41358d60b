"""In-process fan-out of "a new event exists" to the event streams waiting on a project.

The events table is the source of truth; the broadcaster only carries a per-project high-water
mark, the largest event sequence number known to be committed. Route code calls `publish` after
each commit; a stream remembers the mark it saw before it last read the table, waits until the mark
moves past it, then reads every new row in one query. However many events arrive while a stream is
busy, it wakes once and reads them as one batch, so open streams never poll the database per event.

A mark, not a queue of events, is what crosses this boundary on purpose: it is all a PostgreSQL
`LISTEN/NOTIFY` listener (cross-process fan-out) needs to forward, it cannot overflow, and a stream
that misses a wake-up still catches up on its next read of the table.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import threading
from collections.abc import Callable

__all__ = ["Broadcaster", "Wake"]


class Wake(enum.Enum):
    """Why `Broadcaster.wait` returned."""

    NEWER = "newer"
    """A sequence number beyond the one the stream has seen was published."""
    TIMEOUT = "timeout"
    """Nothing was published in time; the stream sends a heartbeat."""
    CLOSED = "closed"
    """The broadcaster was closed because the server shuts down; the stream ends."""


class Broadcaster:
    """Wakes the streams of a project when a newer event of the project is committed.

    One instance lives on `app.state.broadcaster`. `publish` may be called from any thread; the
    waiting happens on the event loop of the first `wait` (the server's loop).
    """

    def __init__(self) -> None:
        self._marks: dict[str, int] = {}
        # One asyncio.Event per project with waiters; `publish` sets it and drops it, so the next
        # waiter gets a fresh one. No lock is needed: everything below runs on one loop thread.
        self._wakeups: dict[str, asyncio.Event] = {}
        self._closed = asyncio.Event()
        self._waiting: collections.Counter[str] = collections.Counter()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None

    @property
    def closed(self) -> bool:
        """Whether `close` was called; streams end and new ones end at once."""
        return self._closed.is_set()

    def latest(self, project_id: str) -> int:
        """Return the largest sequence number published for a project, 0 if none yet.

        A stream takes this mark *before* it reads the table: every event up to the mark is
        committed, so the read sees it, and anything published later moves the mark past it.

        Args:
            project_id: The project's id.

        Returns:
            The project's high-water mark in this process.
        """
        return self._marks.get(project_id, 0)

    def waiting(self, project_id: str | None = None) -> int:
        """Return how many streams are waiting for events right now.

        Args:
            project_id: Count the streams of this project only; `None` counts every project's.

        Returns:
            The number of pending `wait` calls.
        """
        if project_id is None:
            return sum(self._waiting.values())
        return self._waiting[project_id]

    def publish(self, project_id: str, seq: int) -> None:
        """Announce that the project's event `seq` is committed, waking the project's streams.

        Call it after the transaction that wrote the event commits, never before: a woken stream
        reads the table at once and must find the row. Publishing out of order, or twice, is
        harmless; the mark only moves forward.

        Args:
            project_id: The project the event belongs to.
            seq: The event's per-project sequence number.
        """
        self._on_loop(self._advance, project_id, seq)

    def _on_loop(self, func: Callable[..., None], *args: object) -> None:
        # asyncio primitives are not thread-safe: from another thread, hand the call to the
        # loop's thread. With no loop yet, or a closed one, nobody waits, so call it here.
        loop = self._loop
        if loop is not None and threading.get_ident() != self._thread:
            try:
                loop.call_soon_threadsafe(func, *args)
            except RuntimeError:  # the loop closed meanwhile
                pass
            else:
                return
        func(*args)

    def _advance(self, project_id: str, seq: int) -> None:
        if seq <= self._marks.get(project_id, 0):
            return
        self._marks[project_id] = seq
        wakeup = self._wakeups.pop(project_id, None)
        if wakeup is not None:
            wakeup.set()

    async def wait(self, project_id: str, seen: int, within: float) -> Wake:
        """Wait until the project's mark passes `seen`, the timeout expires or the broadcaster closes.

        Args:
            project_id: The project the stream follows.
            seen: The mark the stream took before its last read of the table.
            within: How long to wait, in seconds, before answering `Wake.TIMEOUT` (the
                stream's heartbeat interval).

        Returns:
            Why the wait ended; `Wake.CLOSED` wins over the others.
        """
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._bind(loop)
        if self._closed.is_set():
            return Wake.CLOSED
        if self._marks.get(project_id, 0) > seen:
            return Wake.NEWER
        wakeup = self._wakeups.get(project_id)
        if wakeup is None:
            wakeup = self._wakeups[project_id] = asyncio.Event()
        newer = asyncio.ensure_future(wakeup.wait())
        closed = asyncio.ensure_future(self._closed.wait())
        self._waiting[project_id] += 1
        try:
            await asyncio.wait({newer, closed}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
        finally:
            newer.cancel()
            closed.cancel()
            self._waiting[project_id] -= 1
            if not self._waiting[project_id]:
                del self._waiting[project_id]
        if self._closed.is_set():
            return Wake.CLOSED
        if self._marks.get(project_id, 0) > seen:
            return Wake.NEWER
        return Wake.TIMEOUT

    def _bind(self, loop: asyncio.AbstractEventLoop) -> None:
        # asyncio.Event belongs to the loop that first waits on it. An app is normally served by
        # one loop for its whole life, but a test client may drive it from a new loop: start the
        # wake-ups afresh there (waiters of the old loop are gone with it) and keep the state.
        self._loop = loop
        self._thread = threading.get_ident()
        self._wakeups = {}
        closed = self._closed.is_set()
        self._closed = asyncio.Event()
        if closed:
            self._closed.set()

    def close(self) -> None:
        """End every stream: waiting ones wake with `Wake.CLOSED`, later waits return it at once.

        The server calls it when it starts shutting down, before it waits for open connections
        to finish, so event streams do not hold the shutdown up. Safe to call from any thread.
        """
        self._on_loop(self._closed.set)
