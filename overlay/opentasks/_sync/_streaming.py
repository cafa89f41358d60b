# generated from overlay/opentasks/_async/_streaming.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""A resumable stream of events (see `_streaming.py` for how it resumes).

httpx-sse connects (`connect_sse`); the frames are decoded by `FrameDecoder`, which does per
event a fraction of the work of httpx-sse's line-by-line decoder.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Generator
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx
from httpx_sse import EventSource, SSEError, connect_sse
from opentasks_api.types import UNSET

from opentasks._arguments import check_path_arguments
from opentasks._exceptions import APIStatusError, EventStreamError, error_from_response
from opentasks._retry import RETRYABLE_STATUSES
from opentasks._sse import Event, FrameDecoder, StreamState, parse_event
from opentasks._streaming import Reconnects, RequestBuilder, StreamSettings

if TYPE_CHECKING:
    from opentasks._client import ClientBase

__all__ = ["EventStream", "stream"]


def stream(
    client: ClientBase,
    endpoint: ModuleType,
    /,
    *args: str,
    after: str | None,
    idle_timeout: float | None,
    max_reconnects: int | None,
    **query: object,
) -> EventStream:
    """Open the event stream of a generated operation; the SDK's stream methods call it.

    The generated function buffers the whole answer, so the stream sends the request that the
    generated builder (`_get_kwargs`) describes itself. A stream that takes `follow` is a task's:
    unless it follows, it ends after the task's terminal event, and after a clean close that
    delivered nothing, the task itself says whether it ended meanwhile.

    Args:
        client: The client the stream talks through.
        endpoint: The generated module of the operation (e.g. `list_task_events`).
        *args: The operation's path arguments (a task's id).
        after: Start after this event id.
        idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
        max_reconnects: Failed reconnects before `EventStreamError` (client default).
        **query: The operation's other query parameters.

    Returns:
        The stream.
    """
    build = endpoint._get_kwargs
    check_path_arguments(build, args)
    until_terminal = query.get("follow") is False

    def task_done() -> bool:
        return (client.tasks.get(*args)).is_terminal

    return EventStream(
        client.api.get_httpx_client,
        functools.partial(build, *args, limit=UNSET, after=after or UNSET, **query),
        StreamState(after, stop_at_terminal=until_terminal),
        client._stream_settings(idle_timeout, max_reconnects),
        is_done=task_done if until_terminal else None,
    )


def _event_data(source: EventSource) -> Generator[bytes]:
    """Yield the data of each event of an event stream's answer (see `FrameDecoder`)."""
    # httpx-sse's check, and its error: an answer that is not an event stream is refused.
    content_type = source.response.headers.get("content-type", "").partition(";")[0]
    if "text/event-stream" not in content_type:
        msg = (
            "Expected response header Content-Type to contain 'text/event-stream', "
            f"got {content_type!r}"
        )
        raise SSEError(msg)
    decoder = FrameDecoder()
    for chunk in source.response.iter_bytes():
        for data in decoder.feed(chunk):
            yield data


class EventStream:
    """A live stream of events: `for event in stream`; close it when done early.

    Use it as a context manager (`with`) to close the connection as soon as you stop
    early; otherwise it is closed when the stream is garbage-collected. Created by
    `Task.events()` and `Client.events()`; not meant to be built directly.

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
        reconnects = Reconnects(self._settings)
        while True:
            delivered = False
            cause: BaseException | None = None
            try:
                with self._connect() as source:
                    self.response = source.response
                    if source.response.status_code == 204:
                        return  # the server says nothing follows: the task's stream has ended
                    if source.response.status_code >= 400:
                        source.response.read()
                        error = error_from_response(source.response)
                        if error.status_code not in RETRYABLE_STATUSES:
                            raise error
                        cause = error
                    else:
                        # Closed explicitly so that an early stop closes the connection now,
                        # not when the garbage collector finalises the generator.
                        with contextlib.closing(_event_data(source)) as events:
                            for data in events:
                                event = parse_event(data)
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

    def __iter__(self) -> Self:
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
