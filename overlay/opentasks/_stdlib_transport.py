"""The default transport beneath the sync client: the standard library's `http.client`.

httpx builds the requests and responses the generated code and the retry transport work with;
this transport only moves their bytes. httpcore, httpx's own transport, spends several times
what `http.client` spends on a small request over a kept-alive connection (h11's event machinery,
the pool's bookkeeping, tracing hooks), and on a fast server that is most of a call's time.

What it does, and what httpx's transport would otherwise have done:

- **Keep-alive pool.** Idle connections are kept per origin (most recent first) for
  `keepalive_expiry` seconds; one the server has closed meanwhile (readable at rest) is dropped
  before use, as httpcore does. A request that fails anyway is not sent again here: retrying is
  the retry transport's decision (it knows the policy and the idempotency keys).
- **Timeouts.** The request's `timeout` extension, which httpx fills from the client and the
  call: `connect` for connecting, `write` while sending, `read` while waiting for each read.
- **Streaming.** The body is read as it arrives (`read1`), so event streams flow.
- **Errors.** Everything comes out as the httpx exception httpx's own transport raises for the
  same failure, so the retry policy and the SDK's error tree see no difference.

It speaks HTTP/1.1 over TCP or TLS, and nothing else (no proxies, no HTTP/2): pass
`transport=httpx.HTTPTransport(...)` to the client for those.

Its `exchange` sends the generated functions' requests without httpx's `Request` and
`Response` (see `_direct.py`).
"""

from __future__ import annotations

import contextlib
import http.client
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, cast

import httpx

from ._direct import RequestPlan, answer

__all__ = ["SyncDefaultTransport"]

_CHUNK = 65536
_Origin = tuple[str, str, int]


def _is_readable_at_rest(sock: socket.socket) -> bool:
    """Tell whether an idle connection has something to read: the server closed it (EOF)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])


@contextmanager
def _mapped(
    phase: str,
    timeout_error: type[httpx.TimeoutException],
    os_error: type[httpx.NetworkError],
    request: httpx.Request | None,
) -> Generator[None]:
    """Turn the socket and `http.client` errors of one phase into httpx's exceptions."""
    try:
        yield
    except TimeoutError as error:
        raise timeout_error(f"timed out while {phase}", request=request) from error
    except (http.client.IncompleteRead, http.client.RemoteDisconnected) as error:
        # Subclasses of the two below, so first: the server hung up mid-answer.
        message = str(error) or "the server closed the connection mid-answer"
        raise httpx.RemoteProtocolError(message, request=request) from error
    except http.client.HTTPException as error:
        message = f"malformed answer: {error!r}"
        raise httpx.RemoteProtocolError(message, request=request) from error
    except ssl.SSLError as error:
        raise httpx.ConnectError(f"TLS failed: {error}", request=request) from error
    except OSError as error:
        raise os_error(str(error), request=request) from error


_MAX_LINE = 65536  # http.client's limits on a header line and on the number of headers
_MAX_HEADERS = 100


def _read_head(fp: BinaryIO) -> http.client.HTTPMessage:
    """Read a response's header lines into an `HTTPMessage` without the `email` parser.

    http.client hands the lines to `email.parser`, whose feed parser costs more than the rest
    of a small exchange. The header lines of an HTTP answer need none of its MIME machinery:
    `name: value`, a line starting with a space or tab continuing the one before it.
    """
    headers: list[tuple[str, str]] = []
    while True:
        line = fp.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            msg = "header line"
            raise http.client.LineTooLong(msg)
        if line in (b"\r\n", b"\n", b""):
            break
        if len(headers) >= _MAX_HEADERS:
            msg = f"got more than {_MAX_HEADERS} headers"
            raise http.client.HTTPException(msg)
        text = line.decode("iso-8859-1").rstrip("\r\n")
        if text[:1] in (" ", "\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, f"{value} {text.strip()}")
            continue
        name, colon, value = text.partition(":")
        if colon:
            headers.append((name, value.lstrip(" \t")))
    message = http.client.HTTPMessage()
    # The message's own list of (name, value), as its parser would have filled it.
    message._headers = headers  # type: ignore[attr-defined]
    return message


def _header_pairs(response: http.client.HTTPResponse) -> list[tuple[bytes, bytes]]:
    # The lines as `_read_head` kept them (decoded as ISO-8859-1, so encoding them back gives
    # the bytes received); `getheaders()` would pass each through the `email` policy first.
    lines = cast("list[tuple[str, str]]", response.msg._headers)  # type: ignore[attr-defined]
    return [(name.encode("iso-8859-1"), value.encode("iso-8859-1")) for name, value in lines]


class _Response(http.client.HTTPResponse):
    """`HTTPResponse` with the header lines read by `_read_head`; the rest as http.client does."""

    def begin(self) -> None:
        """Read the status line and the headers (see `http.client.HTTPResponse.begin`)."""
        # http.client's own helpers, undeclared in its type stubs.
        read_status = cast("Callable[[], tuple[str, int, str]]", getattr(self, "_read_status"))  # noqa: B009
        check_close = cast("Callable[[], bool]", getattr(self, "_check_close"))  # noqa: B009
        method = cast("str | None", getattr(self, "_method"))  # noqa: B009
        while True:
            version, status, reason = read_status()
            if status != http.client.CONTINUE:
                break
            _read_head(self.fp)  # the headers of a 100 Continue
        vars(self)["code"] = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        self.headers = self.msg = _read_head(self.fp)
        transfer_encoding = self.headers.get("transfer-encoding")
        self.chunked = bool(transfer_encoding and transfer_encoding.lower() == "chunked")
        self.chunk_left = None
        self.will_close = check_close()
        self.length = None
        length = self.headers.get("content-length")
        if length and not self.chunked:
            with contextlib.suppress(ValueError):
                self.length = int(length) if int(length) >= 0 else None
        if status in (204, 304) or 100 <= status < 200 or method == "HEAD":
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True


def _send(
    connection: http.client.HTTPConnection,
    method: str,
    target: str,
    headers: Iterable[tuple[str | bytes, str | bytes]],
    body: bytes | Iterable[bytes] | None,
    timeouts: tuple[float | None, float | None],
    request: httpx.Request | None,
    *,
    chunked: bool = False,
) -> http.client.HTTPResponse:
    """Send a request and wait for the head of its answer; `headers` include `Host`.

    `body` is bytes, or parts streamed as they come (chunked-encoded with `chunked`); `request`
    is the one errors name, if there is one yet.
    """
    sock = connection.sock
    assert isinstance(sock, socket.socket)  # connected by _check_out
    with _mapped("sending", httpx.WriteTimeout, httpx.WriteError, request):
        sock.settimeout(timeouts[0])
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        if body is None or isinstance(body, bytes):
            # Headers and a small body leave in one packet.
            connection.endheaders(body or None)
        else:
            connection.endheaders()
            for part in body:
                connection.send(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
            if chunked:
                connection.send(b"0\r\n\r\n")
    with _mapped("waiting for the answer", httpx.ReadTimeout, httpx.ReadError, request):
        sock.settimeout(timeouts[1])
        return connection.getresponse()


@dataclass(eq=False)
class _Body(httpx.SyncByteStream):
    """A response body read from its connection; the connection goes back to the pool at the end."""

    transport: SyncDefaultTransport
    origin: _Origin
    connection: http.client.HTTPConnection
    response: http.client.HTTPResponse
    request: httpx.Request
    closed: bool = False

    def __iter__(self) -> Iterator[bytes]:
        with _mapped("reading", httpx.ReadTimeout, httpx.ReadError, self.request):
            while chunk := self.response.read1(_CHUNK):
                yield chunk
            # read1 ends quietly when the connection closes early: check the promised length.
            missing = self.response.length
            if missing:
                raise http.client.IncompleteRead(b"", missing)
            # Marks the answer complete (read1 leaves that to a later read()).
            self.response.read()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        reusable = self.response.isclosed() and not self.response.will_close
        self.response.close()
        self.transport._check_in(self.origin, self.connection, reusable=reusable)


class SyncDefaultTransport(httpx.BaseTransport):
    """The sync client's default transport: HTTP/1.1 on `http.client`, with a keep-alive pool.

    Args:
        ssl_context: The TLS settings of `https` URLs; `httpx.create_ssl_context()` (httpx's
            defaults: certifi's certificates) when omitted, made on the first `https` request.
        max_idle: Idle connections kept per origin.
        keepalive_expiry: Seconds an idle connection is kept.
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_idle: int = 20,
        keepalive_expiry: float = 5.0,
    ) -> None:
        self._ssl_context = ssl_context
        self._max_idle = max_idle
        self._keepalive_expiry = keepalive_expiry
        self._idle: dict[_Origin, list[tuple[http.client.HTTPConnection, float]]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request and return the response, its body still to be read.

        Args:
            request: The request.

        Returns:
            The response; its stream reads the body from the connection.

        Raises:
            httpx.UnsupportedProtocol: The URL is neither `http` nor `https`.
            httpx.TransportError: The request failed (refused, dropped, timed out).
        """
        url = request.url
        if url.scheme not in ("http", "https"):
            msg = f"the URL {url} is neither http nor https"
            raise httpx.UnsupportedProtocol(msg, request=request)
        origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        timeouts: Mapping[str, float | None] = request.extensions.get("timeout", {})
        chunked = request.headers.get("transfer-encoding", "").lower() == "chunked"
        body: bytes | Iterable[bytes] = cast("httpx.SyncByteStream", request.stream)
        if not chunked:
            with contextlib.suppress(httpx.RequestNotRead):
                body = request.content
        connection = self._check_out(origin, timeouts.get("connect"), request)
        try:
            response = _send(
                connection,
                request.method,
                request.url.raw_path.decode("ascii"),
                request.headers.raw,
                body,
                (timeouts.get("write"), timeouts.get("read")),
                request,
                chunked=chunked,
            )
        except BaseException:
            connection.close()
            raise
        return httpx.Response(
            status_code=response.status,
            headers=_header_pairs(response),
            stream=_Body(self, origin, connection, response, request),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": response.reason.encode("ascii", "replace"),
            },
        )

    def exchange(self, plan: RequestPlan) -> httpx.Response:
        """Send a planned request and read its answer in full.

        Args:
            plan: The request.

        Returns:
            The response, its body read.

        Raises:
            httpx.TransportError: The request failed (refused, dropped, timed out); its
                `request` is the plan's `httpx.Request`.
        """
        # The plan's URL is `http` or `https`: `ClientShape` leaves any other to httpx.
        origin = plan.base.origin
        timeout = plan.timeout
        try:
            connection = self._check_out(origin, timeout.connect, None)
            started = time.monotonic()
            try:
                head = [("Host", plan.base.host), *plan.headers.items()]
                timeouts = (timeout.write, timeout.read)
                response = _send(
                    connection, plan.method, plan.target, head, plan.body, timeouts, None
                )
                with _mapped("reading", httpx.ReadTimeout, httpx.ReadError, None):
                    content = response.read()
            except BaseException:
                connection.close()
                raise
        except httpx.TransportError as error:
            error.request = plan.httpx_request()
            raise
        self._check_in(origin, connection, reusable=not response.will_close)
        pairs = _header_pairs(response)
        return answer(plan, response.status, pairs, content, response.reason, started)

    def _connect(
        self, origin: _Origin, timeout: float | None, request: httpx.Request | None
    ) -> http.client.HTTPConnection:
        scheme, host, port = origin
        connection: http.client.HTTPConnection
        if scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            connection = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=self._ssl_context
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.response_class = _Response
        with _mapped("connecting", httpx.ConnectTimeout, httpx.ConnectError, request):
            connection.connect()
        return connection

    def _check_out(
        self, origin: _Origin, timeout: float | None, request: httpx.Request | None
    ) -> http.client.HTTPConnection:
        now = time.monotonic()
        with self._lock:
            idle = self._idle.get(origin, [])
            while idle:
                connection, since = idle.pop()
                sock = connection.sock
                if (
                    now - since < self._keepalive_expiry
                    and isinstance(sock, socket.socket)
                    and not _is_readable_at_rest(sock)
                ):
                    return connection
                connection.close()
        return self._connect(origin, timeout, request)

    def _check_in(
        self, origin: _Origin, connection: http.client.HTTPConnection, *, reusable: bool
    ) -> None:
        # Closes the connection instead when it is not reusable, or when it is one too many.
        with self._lock:
            if reusable and not self._closed:
                idle = self._idle.setdefault(origin, [])
                idle.append((connection, time.monotonic()))
                if len(idle) <= self._max_idle:
                    return
                connection, _ = idle.pop(0)
        connection.close()

    def close(self) -> None:
        """Close every idle connection; connections in use close when their answer is read."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection, _ in connections:
                connection.close()
