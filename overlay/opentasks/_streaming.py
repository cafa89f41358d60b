"""Resumable event streams over httpx-sse, sync and async.

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

import contextlib
import random
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

import anyio
import httpx
from httpx_sse import SSEError, aconnect_sse, connect_sse

from ._exceptions import APIStatusError, EventStreamError, error_from_response
from ._logging import logger
from ._retry import Backoff, backoff_delay, is_retryable_status
from ._sse import Event, StreamState, parse_event

__all__ = ["AsyncEventStream", "EventStream", "StreamSettings"]

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


class _Reconnects:
    """Counts failed connections and decides how long to wait before the next one."""

    def __init__(self, settings: StreamSettings, rand: Callable[[], float] = random.random) -> None:
        self.settings = settings
        self.failures = 0
        self.rand = rand

    def next_delay(self, delivered: bool, cause: BaseException | None) -> float:
        """Return the wait before reconnecting, or raise when the budget is spent."""
        if delivered:
            self.failures = 0
        self.failures += 1
        if self.failures > self.settings.max_reconnects:
            reason = f": {cause!r}" if cause is not None else ": the server kept closing it"
            msg = f"the event stream broke and {self.settings.max_reconnects} reconnects failed{reason}"
            raise EventStreamError(msg) from cause
        delay = backoff_delay(self.failures - 1, self.settings.backoff, self.rand)
        logger.info(
            "event stream interrupted (%s); reconnecting in %.2fs (attempt %d of %d)",
            "the server closed the connection" if cause is None else repr(cause),
            delay,
            self.failures,
            self.settings.max_reconnects,
        )
        return delay


def _check_status(response: httpx.Response) -> APIStatusError | None:
    """Return the error of a failed connection (body read), or `None` when it succeeded."""
    if response.status_code < 400:
        return None
    return error_from_response(response)


RequestBuilder = Callable[[], dict[str, Any]]
"""Returns the generated `_get_kwargs` of the stream's operation (method, url, params, headers)."""


class EventStream:
    """A live stream of events; iterate it, and close it (or use `with`) when done early.

    Created by `Task.events()` and `Client.events()`; not meant to be built directly.

    Args:
        http: Returns the httpx client to stream with.
        build: Returns the generated request arguments of the stream's operation.
        state: Where the stream starts and whether it ends at the terminal event.
        settings: Idle timeout and reconnect budget.
        is_done: For a task stream: tells whether the task is finished, asked when a
            connection ends cleanly without having delivered anything.
    """

    def __init__(
        self,
        http: Callable[[], httpx.Client],
        build: RequestBuilder,
        state: StreamState,
        settings: StreamSettings,
        is_done: Callable[[], bool] | None = None,
    ) -> None:
        self._http = http
        self._build = build
        self._state = state
        self._settings = settings
        self._is_done = is_done
        self._events = self._run()
        self.response: httpx.Response | None = None
        """The response of the current connection (for inspection and tests)."""

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event delivered; pass it as `after=` to resume later."""
        return self._state.last_event_id

    def _connect(self) -> contextlib.AbstractContextManager[Any]:
        kwargs = self._build()
        return connect_sse(
            self._http(),
            str(kwargs["method"]).upper(),
            str(kwargs["url"]),
            params=kwargs.get("params"),
            headers={**kwargs.get("headers", {}), **self._state.resume_headers()},
            timeout=self._settings.timeout(),
        )

    def _run(self) -> Generator[Event]:
        reconnects = _Reconnects(self._settings)
        while True:
            delivered = False
            cause: BaseException | None = None
            try:
                with self._connect() as source:
                    self.response = source.response
                    if source.response.status_code >= 400:
                        source.response.read()
                    error = _check_status(source.response)
                    if error is not None:
                        if not is_retryable_status(error.status_code):
                            raise error
                        cause = error
                    else:
                        for sse in source.iter_sse():
                            if not sse.data:
                                continue
                            event = parse_event(sse.data)
                            if self._state.accept(event):
                                delivered = True
                                yield event
                            if self._state.finished:
                                return
            # SSEError subclasses httpx.TransportError, so it must be caught first: an answer
            # that is not an event stream (a proxy's HTML page) is not fixed by reconnecting.
            except SSEError as sse_error:
                msg = f"the server did not answer with an event stream: {sse_error}"
                raise EventStreamError(msg) from sse_error
            except httpx.TransportError as transport_error:
                cause = transport_error
            if cause is None and not delivered and self._finished_elsewhere():
                return
            time.sleep(reconnects.next_delay(delivered, cause))

    def _finished_elsewhere(self) -> bool:
        """After an empty clean close of a task stream, tell whether the task is over."""
        if not self._state.stop_at_terminal or self._is_done is None:
            return False
        try:
            return self._is_done()
        except (httpx.TransportError, APIStatusError):
            return False

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        return next(self._events)

    def close(self) -> None:
        """Stop the stream and close its connection; safe to call more than once."""
        self._events.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncEventStream:
    """The asynchronous twin of `EventStream`: `async for event in stream`.

    Use it as `async with` to close the connection as soon as you stop early; otherwise it is
    closed when the stream is garbage-collected.

    Args:
        http: Returns the async httpx client to stream with.
        build: Returns the generated request arguments of the stream's operation.
        state: Where the stream starts and whether it ends at the terminal event.
        settings: Idle timeout and reconnect budget.
        is_done: For a task stream: tells whether the task is finished, asked when a
            connection ends cleanly without having delivered anything.
    """

    def __init__(
        self,
        http: Callable[[], httpx.AsyncClient],
        build: RequestBuilder,
        state: StreamState,
        settings: StreamSettings,
        is_done: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._http = http
        self._build = build
        self._state = state
        self._settings = settings
        self._is_done = is_done
        self._events = self._run()
        self.response: httpx.Response | None = None
        """The response of the current connection (for inspection and tests)."""

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event delivered; pass it as `after=` to resume later."""
        return self._state.last_event_id

    def _connect(self) -> contextlib.AbstractAsyncContextManager[Any]:
        kwargs = self._build()
        return aconnect_sse(
            self._http(),
            str(kwargs["method"]).upper(),
            str(kwargs["url"]),
            params=kwargs.get("params"),
            headers={**kwargs.get("headers", {}), **self._state.resume_headers()},
            timeout=self._settings.timeout(),
        )

    async def _run(self) -> AsyncGenerator[Event]:
        reconnects = _Reconnects(self._settings)
        while True:
            delivered = False
            cause: BaseException | None = None
            try:
                async with self._connect() as source:
                    self.response = source.response
                    if source.response.status_code >= 400:
                        await source.response.aread()
                    error = _check_status(source.response)
                    if error is not None:
                        if not is_retryable_status(error.status_code):
                            raise error
                        cause = error
                    else:
                        events = source.aiter_sse()
                        try:
                            async for sse in events:
                                if not sse.data:
                                    continue
                                event = parse_event(sse.data)
                                if self._state.accept(event):
                                    delivered = True
                                    yield event
                                if self._state.finished:
                                    return
                        finally:
                            await events.aclose()
            # SSEError subclasses httpx.TransportError, so it must be caught first: an answer
            # that is not an event stream (a proxy's HTML page) is not fixed by reconnecting.
            except SSEError as sse_error:
                msg = f"the server did not answer with an event stream: {sse_error}"
                raise EventStreamError(msg) from sse_error
            except httpx.TransportError as transport_error:
                cause = transport_error
            if cause is None and not delivered and await self._finished_elsewhere():
                return
            await anyio.sleep(reconnects.next_delay(delivered, cause))

    async def _finished_elsewhere(self) -> bool:
        if not self._state.stop_at_terminal or self._is_done is None:
            return False
        try:
            return await self._is_done()
        except (httpx.TransportError, APIStatusError):
            return False

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Event:
        return await anext(self._events)

    async def aclose(self) -> None:
        """Stop the stream and close its connection; safe to call more than once."""
        await self._events.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
