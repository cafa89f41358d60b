"""Limits on connections: how long a request's head may take, how long one may idle, how many.

uvicorn bounds the idle time *between* requests (`timeout_keep_alive`) and answers 503 past a
number of connections (`limit_concurrency`), but it has no timeout on reading a request: its
keep-alive timer stops at the first byte of the next request, and nothing starts one on a new
connection. A client that connects and sends nothing, or sends a header a byte at a time
(slowloris), holds its socket for as long as it likes; a few thousand of them exhaust the
process's file descriptors.

`HeaderTimeoutProtocol` adds the missing timer to uvicorn's HTTP/1.1 protocol (h11, the parser a
plain `pip install uvicorn` gives): from the moment a connection opens, or a byte of a new request
arrives, the request's head (the request line and every header) must be complete within
`header_timeout` seconds, or the connection is closed. The timer stops once the head is in, so a
slow upload or a long event stream is never cut by it; it starts again after the response, so a
client still sending the body of a request already answered (a 401 sent before the body was read)
must finish within the same time.

The protocol also sends each response in one write where uvicorn makes two. uvicorn writes a
response's head as the app sends it and its body as a second write; each write is a `send` of its
own, and on loopback or a busy machine each wakes the client, which reads the head, finds no body
yet and sleeps again. Writes made while the event loop runs one callback now wait for the end of
that callback's turn of the loop and go out together (`_CoalescedWrites`); nothing waits longer.

`ServerConfig` is uvicorn's `Config` with the three limits on by default (see the `DEFAULT_*`
values); `opentasks serve` takes them as `--header-timeout`, `--keep-alive-timeout` and
`--max-connections`. A reverse proxy in front (nginx's `client_header_timeout`) does the same job
and may be used as well.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol, RequestResponseCycle
from uvicorn.server import ServerState

__all__ = [
    "DEFAULT_HEADER_TIMEOUT",
    "DEFAULT_KEEP_ALIVE_TIMEOUT",
    "DEFAULT_MAX_CONNECTIONS",
    "HeaderTimeoutProtocol",
    "ServerConfig",
]

DEFAULT_HEADER_TIMEOUT = 10.0
"""Seconds a connection has to send a whole request head (from opening, or from a new request's
first byte). Ample for any client on a working network; a browser sends its head at once."""
DEFAULT_KEEP_ALIVE_TIMEOUT = 5
"""Seconds an idle connection stays open between requests (uvicorn's own default)."""
DEFAULT_MAX_CONNECTIONS = 1000
"""Open connections (and requests in flight) above which new requests answer 503. Below the
usual limit of 1024 file descriptors a process may hold, with room for the database's."""

_log = logging.getLogger("opentasks_server")


class _CoalescedWrites:
    """A transport whose writes of one turn of the event loop are sent as one.

    The first write of a turn schedules the flush with `call_soon`, so it runs once the
    callbacks ready now have run: a response's head and body, written one after the other by
    the same task, leave in one `send`. Closing or aborting flushes (or drops) what is held.
    Everything else is the wrapped transport's.

    Args:
        transport: The connection's transport.
        loop: The event loop it runs on.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: list[bytes] = []

    def write(self, data: bytes) -> None:
        """Hold `data` until the end of this turn of the loop.

        Args:
            data: The bytes to send.
        """
        if not data:
            return
        if not self._held:
            self._loop.call_soon(self._flush)
        self._held.append(data)

    def _flush(self) -> None:
        held, self._held = self._held, []
        if held and not self._transport.is_closing():
            self._transport.write(held[0] if len(held) == 1 else b"".join(held))

    def close(self) -> None:
        """Send what is held, then close (the transport sends its own buffer before closing)."""
        self._flush()
        self._transport.close()

    def abort(self) -> None:
        """Close at once, dropping what is held."""
        self._held = []
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - whatever the transport has
        return getattr(self._transport, name)


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request head does not arrive in time.

    The time comes from the config's `header_timeout` (see `ServerConfig`). Its responses leave
    in one write each (see the module).

    Args:
        config: The server's config.
        server_state: uvicorn's state shared by the server's connections.
        app_state: The lifespan state copied into each request's scope.
        _loop: The event loop (uvicorn passes it in tests).
    """

    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout = float(getattr(config, "header_timeout", DEFAULT_HEADER_TIMEOUT))
        self._head_timer: asyncio.TimerHandle | None = None

    def _awaiting_head(self) -> bool:
        # No request yet, or the last one answered: whatever arrives now is (or precedes) the
        # head of the next request.
        # (uvicorn types `cycle` as never `None`, though it is until the first request.)
        cycle: RequestResponseCycle | None = self.cycle
        return cycle is None or cycle.response_complete

    def _arm(self) -> None:
        if self._head_timer is None and self.header_timeout > 0:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._awaiting_head() and not self.transport.is_closing():
            _log.debug("closing a connection that sent no whole request head in time")
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the head timer as the connection opens.

        Args:
            transport: The connection.
        """
        super().connection_made(transport)
        # uvicorn hands `self.transport` to each request's cycle, which writes the response.
        self.transport = cast("asyncio.Transport", _CoalescedWrites(transport, self.loop))
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Feed the bytes to the parser; stop the timer once a head is in, start it otherwise.

        Args:
            data: The bytes received.
        """
        super().data_received(data)
        if self._awaiting_head():
            self._arm()
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        """Answered: uvicorn's keep-alive timer takes over the idle time until the next byte."""
        self._disarm()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the timer of a closed connection.

        Args:
            exc: Why the connection was lost, if by error.
        """
        self._disarm()
        super().connection_lost(exc)


class ServerConfig(uvicorn.Config):
    """uvicorn's `Config`, serving HTTP with `HeaderTimeoutProtocol` and the limits on.

    Args:
        app: The ASGI app, or an import string.
        header_timeout: Seconds a connection has to send a request head; 0 turns it off.
        keep_alive_timeout: Seconds an idle connection stays open between requests.
        max_connections: Connections and requests in flight above which new requests answer
            503; `None` allows any number.
        **kwargs: Any other option of `uvicorn.Config`.
    """

    def __init__(
        self,
        app: Any,  # noqa: ANN401 - whatever uvicorn.Config takes
        *,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        keep_alive_timeout: int = DEFAULT_KEEP_ALIVE_TIMEOUT,
        max_connections: int | None = DEFAULT_MAX_CONNECTIONS,
        **kwargs: Any,  # noqa: ANN401 - passed on to uvicorn.Config
    ) -> None:
        super().__init__(
            app,
            http=HeaderTimeoutProtocol,
            timeout_keep_alive=keep_alive_timeout,
            limit_concurrency=max_connections,
            **kwargs,
        )
        self.header_timeout = header_timeout
