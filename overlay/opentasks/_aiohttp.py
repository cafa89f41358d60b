"""The default transport beneath the async client: aiohttp, through httpx-aiohttp.

httpx's own async transport (httpcore) spends most of a request's time on connection-pool
bookkeeping once many requests are in flight (encode/httpcore#1035): 64 concurrent GETs through a
default `httpx.AsyncClient` run slower than one at a time. aiohttp's connector does not, so the
async client sends through `httpx_aiohttp.AiohttpTransport`, while httpx still builds the requests
and responses the generated code and the retry transport work with.

This module adds what the SDK relies on and the upstream transport leaves out:

- **Precise errors.** httpx-aiohttp maps any aiohttp connection error to `httpx.ConnectTimeout`
  and a timeout to the base `httpx.TimeoutException`. The retry policy and the SDK's error tree
  tell a refused connection, a dropped one and a read timeout apart, so each aiohttp error is
  mapped again from its cause, for sending and for reading the body alike.
- **One session per event loop.** An aiohttp session belongs to the loop that made it; a client
  used from a second `asyncio.run()` gets a new session instead of one bound to a closed loop.
- **Other event loops.** aiohttp runs on asyncio only; under trio, requests go through httpx's
  own transport, so the client works wherever httpx does.
- **The direct path.** `exchange` sends the generated functions' requests straight to the
  session, without httpx's `Request` and `Response` (see `_direct.py`).
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import NoReturn

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport
from yarl import URL

from ._direct import RequestPlan, answer

__all__ = ["AsyncDefaultTransport"]

# Most specific first: the first class an error is an instance of decides.
_ERRORS: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),
    # The server closed the connection before its answer was complete.
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),
    (aiohttp.ClientConnectionResetError, httpx.ReadError),
    (aiohttp.ClientOSError, httpx.ReadError),
    (aiohttp.ClientConnectionError, httpx.ReadError),
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (TimeoutError, httpx.ReadTimeout),
)


def map_error(error: BaseException) -> httpx.TransportError | None:
    """Return the httpx error that stands for an aiohttp one, or `None` if there is none.

    Args:
        error: What aiohttp raised, or the httpx error httpx-aiohttp made of it (its cause is
            then the aiohttp error).

    Returns:
        A new httpx transport error, its message the original's, or `None`.
    """
    cause = error.__cause__ if isinstance(error, httpx.TransportError) else error
    if cause is None:
        return None
    for aiohttp_error, httpx_error in _ERRORS:
        if isinstance(cause, aiohttp_error):
            return httpx_error(str(cause) or type(cause).__name__)
    return None


def _raise_mapped(error: BaseException, request: httpx.Request) -> NoReturn:
    """Raise the httpx error that stands for `error`, naming the request; else `error` itself."""
    mapped = map_error(error)
    if mapped is None:
        raise error
    mapped.request = request
    raise mapped from error


@dataclass(eq=False)
class _MappedStream(httpx.AsyncByteStream):
    """A response body whose read errors come out as the right httpx errors."""

    stream: httpx.AsyncByteStream
    request: httpx.Request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.stream:
                yield chunk
        except (TimeoutError, aiohttp.ClientError, httpx.TransportError) as error:
            _raise_mapped(error, self.request)

    async def aclose(self) -> None:
        await self.stream.aclose()


@functools.lru_cache(maxsize=64)
def _client_timeout(
    connect: float | None, read: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    # As httpx-aiohttp maps them; aiohttp has no write timeout.
    return aiohttp.ClientTimeout(sock_connect=connect, sock_read=read, connect=pool)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """Return the running asyncio loop, or `None` under another event loop (trio, say)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _close_when_the_loop_ends(transport: AiohttpTransport) -> AsyncGenerator[None]:
    try:
        yield
    finally:
        await transport.aclose()


class AsyncDefaultTransport(httpx.AsyncBaseTransport):
    """The async client's default transport: aiohttp on asyncio, httpx's own elsewhere.

    Args:
        limits: Connection limits. `max_connections` bounds the connections open at once
            (aiohttp's connector waits for a free one beyond it); `keepalive_expiry` is how long
            an idle connection is kept.
    """

    def __init__(self, limits: httpx.Limits | None = None) -> None:
        # Idle connections are kept 15 s, aiohttp's own default, not httpx's 5 s: a client that
        # pauses between bursts of calls would otherwise open its connections again each time.
        self._limits = limits or httpx.Limits(max_connections=100, keepalive_expiry=15.0)
        self._aiohttp: AiohttpTransport | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._fallback: httpx.AsyncHTTPTransport | None = None
        self._guard: AsyncGenerator[None] | None = None

    async def _transport_for(self, loop: asyncio.AbstractEventLoop) -> AiohttpTransport:
        if self._aiohttp is None or self._loop is not loop:
            # A session left by a loop that ended without closing it cannot be closed any
            # more (its loop is gone); it is dropped, and the garbage collector frees it.
            transport = AiohttpTransport(limits=self._limits)
            self._aiohttp, self._loop = transport, loop
            # Run to its `yield` (it never suspends), the guard is one of the loop's async
            # generators, which `asyncio.run()` closes before it closes the loop: the session
            # is then closed on its own loop, even if the client never is.
            self._guard = _close_when_the_loop_ends(transport)
            await anext(self._guard)
        return self._aiohttp

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request and return the response, its body still to be read.

        Args:
            request: The request.

        Returns:
            The response; its stream raises httpx errors, as httpx's own transport would.

        Raises:
            httpx.TransportError: The request failed (refused, dropped, timed out).
        """
        loop = _running_loop()
        if loop is None:
            # aiohttp cannot run here, httpx's own transport can.
            if self._fallback is None:
                self._fallback = httpx.AsyncHTTPTransport(limits=self._limits)
            return await self._fallback.handle_async_request(request)
        transport = await self._transport_for(loop)
        try:
            response = await transport.handle_async_request(request)
        except (TimeoutError, aiohttp.ClientError, httpx.TransportError) as error:
            _raise_mapped(error, request)
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _MappedStream(response.stream, request)
        return response

    async def exchange(self, plan: RequestPlan) -> httpx.Response:
        """Send a planned request and read its answer in full.

        Args:
            plan: The request.

        Returns:
            The response, its body read.

        Raises:
            httpx.TransportError: The request failed (refused, dropped, timed out); its
                `request` is the plan's `httpx.Request`.
        """
        transport = self._aiohttp
        loop = _running_loop()
        if loop is None:
            # httpx's own transport, as for any other request.
            fallback = await self.handle_async_request(plan.httpx_request())
            await fallback.aread()
            return fallback
        if transport is None or self._loop is not loop:
            transport = await self._transport_for(loop)
        session = transport.client
        if not isinstance(session, aiohttp.ClientSession):
            session = transport.client = transport.get_client()
        started = time.monotonic()
        timeout = plan.timeout
        try:
            # The same options as httpx-aiohttp's transport: httpx's path decodes and
            # redirects (or not) itself, and so does this one.
            response = await session.request(
                plan.method,
                URL(plan.url, encoded=True),
                headers=plan.headers,
                data=plan.body,
                allow_redirects=False,
                auto_decompress=False,
                timeout=_client_timeout(timeout.connect, timeout.read, timeout.pool),
            )
            try:
                content = await response.read()
            finally:
                response.release()
        except (TimeoutError, aiohttp.ClientError) as error:
            _raise_mapped(error, plan.httpx_request())
        reason = response.reason or ""
        return answer(plan, response.status, response.raw_headers, content, reason, started)

    async def aclose(self) -> None:
        """Close the session and its connections."""
        guard, self._guard, self._aiohttp = self._guard, None, None
        fallback, self._fallback = self._fallback, None
        if guard is not None and _running_loop() is self._loop:
            await guard.aclose()  # closes the session
        if fallback is not None:
            await fallback.aclose()
