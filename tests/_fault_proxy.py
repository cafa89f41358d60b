"""A loopback HTTP/1.1 proxy that breaks individual requests on purpose, on real sockets.

`tests/sdk/proxy.py` forwards bytes and can only act on a whole connection; this one reads each
request and each response as HTTP messages, so a test decides request by request what happens:

- `Fault.FORWARD`: pass the request to the server and its response back;
- `Fault.DROP_REPLY`: pass the request on, read the server's *whole* response (so the server has
  certainly handled it and committed), then close the client's connection without sending a
  byte of it: the case `Idempotency-Key` exists for;
- `Fault.CUT_BODY`: the same, but the response's head (status and headers) is sent first, as
  when a server dies between writing the head and the body;
- an `Answer`: answer the request itself (e.g. 503 with `Retry-After`) without forwarding it.

An event stream's response (`text/event-stream`) is forwarded as it arrives: after its head, the
connection becomes a plain byte pipe both ways. Each client connection gets its own connection to
the server, made when its first request is forwarded.
"""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

__all__ = ["Answer", "Fault", "HTTPFaultProxy", "ProxyStats", "RequestInfo"]

_HEAD_END = b"\r\n\r\n"
_MAX_HEAD = 64 * 1024


class Fault(enum.Enum):
    """What the proxy does with one request."""

    FORWARD = "forward"
    DROP_REPLY = "drop_reply"
    CUT_BODY = "cut_body"
    """Pass the response's head on, then close before its body (a server dying in between)."""


@dataclass(frozen=True)
class Answer:
    """A response the proxy sends itself instead of forwarding the request.

    Attributes:
        status: The HTTP status.
        headers: Response headers (Content-Length is added).
        body: The response body.
    """

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def encode(self) -> bytes:
        """Return the response's bytes."""
        lines = [f"HTTP/1.1 {self.status} Proxy Answer"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclass(frozen=True)
class RequestInfo:
    """One request, as the decision function sees it.

    Attributes:
        number: 1 for the first request through the proxy, then 2, 3, …
        method: The HTTP method.
        target: The request target (path and query).
        headers: The headers, names in lower case.
    """

    number: int
    method: str
    target: str
    headers: dict[str, str]


Decide = Callable[[RequestInfo], "Fault | Answer"]


@dataclass
class ProxyStats:
    """What the proxy did so far.

    Attributes:
        connections: Client connections accepted.
        requests: Requests read from clients.
        forwarded: Responses passed back to clients.
        dropped: Responses read from the server and not passed on.
        answered: Requests the proxy answered itself.
        upstream_failures: Requests whose server connection failed (the server was down).
    """

    connections: int = 0
    requests: int = 0
    forwarded: int = 0
    dropped: int = 0
    answered: int = 0
    upstream_failures: int = 0


class _Reader:
    """Buffered reads of HTTP framing from a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        try:
            data = self.sock.recv(65536)
        except OSError:
            return False
        self.buffer += data
        return bool(data)

    def head(self) -> bytes | None:
        """Read up to and including the blank line after the headers; `None` at EOF."""
        while _HEAD_END not in self.buffer:
            if len(self.buffer) > _MAX_HEAD or not self._fill():
                return None
        end = self.buffer.index(_HEAD_END) + len(_HEAD_END)
        head, self.buffer = self.buffer[:end], self.buffer[end:]
        return head

    def exactly(self, size: int) -> bytes | None:
        while len(self.buffer) < size:
            if not self._fill():
                return None
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def line(self) -> bytes | None:
        while b"\r\n" not in self.buffer:
            if not self._fill():
                return None
        end = self.buffer.index(b"\r\n") + 2
        data, self.buffer = self.buffer[:end], self.buffer[end:]
        return data

    def chunked(self) -> bytes | None:
        """Read a chunked body, framing included (it is forwarded as it came)."""
        parts: list[bytes] = []
        while True:
            size_line = self.line()
            if size_line is None:
                return None
            parts.append(size_line)
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while True:  # trailers, up to the empty line
                    trailer = self.line()
                    if trailer is None:
                        return None
                    parts.append(trailer)
                    if trailer == b"\r\n":
                        return b"".join(parts)
            data = self.exactly(size + 2)
            if data is None:
                return None
            parts.append(data)


def _parse_head(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def _body(reader: _Reader, headers: dict[str, str]) -> bytes | None:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return reader.chunked()
    return reader.exactly(int(headers.get("content-length", "0") or "0"))


def _close(*socks: socket.socket | None) -> None:
    for sock in socks:
        if sock is None:
            continue
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()


def _pipe(source: socket.socket, target: socket.socket) -> None:
    while True:
        try:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
        except OSError:
            break
    _close(source, target)


class HTTPFaultProxy:
    """Forward `127.0.0.1:<port>` to a server on loopback, breaking requests as told.

    Args:
        target_port: The server's port on 127.0.0.1 (read on every new connection, so a callable
            may follow a server that moved).
        decide: Says what to do with each request; forwarding everything when omitted.
    """

    def __init__(self, target_port: int | Callable[[], int], decide: Decide | None = None) -> None:
        self._target = target_port
        self._decide: Decide = decide or (lambda _request: Fault.FORWARD)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.stats = ProxyStats()
        self.requests: list[RequestInfo] = []
        """Every request read, in order."""
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._running = True
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """The proxy's URL."""
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        """Stop accepting and close every connection."""
        self._running = False
        _close(self._listener)
        with self._lock:
            sockets, self._open = self._open, set()
        _close(*sockets)
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._track(client)
            with self._lock:
                self.stats.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _connect(self) -> socket.socket | None:
        port = self._target() if callable(self._target) else self._target
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError:
            return None
        upstream.settimeout(None)
        self._track(upstream)
        return upstream

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        reader = _Reader(client)
        try:
            while True:
                head = reader.head()
                if head is None:
                    return
                request_line, headers = _parse_head(head)
                body = _body(reader, headers)
                if body is None:
                    return
                method, target = [*request_line.split(" "), "", ""][:2]
                with self._lock:
                    self.stats.requests += 1
                    info = RequestInfo(self.stats.requests, method, target, headers)
                    self.requests.append(info)
                decision = self._decide(info)
                if isinstance(decision, Answer):
                    client.sendall(decision.encode())
                    with self._lock:
                        self.stats.answered += 1
                    continue
                if upstream is None:
                    upstream = self._connect()
                up_reader = _Reader(upstream) if upstream is not None else None
                if upstream is None or up_reader is None:
                    with self._lock:
                        self.stats.upstream_failures += 1
                    return  # as if the server refused: the client sees a closed connection
                upstream.sendall(head + body)
                if not self._relay(method, decision, client, upstream, up_reader):
                    return
        except OSError:
            return
        finally:
            _close(client, upstream)

    def _relay(
        self,
        method: str,
        decision: Fault,
        client: socket.socket,
        upstream: socket.socket,
        reader: _Reader,
    ) -> bool:
        """Pass one response back (or drop it); return whether the connection goes on."""
        head = reader.head()
        if head is None:
            with self._lock:
                self.stats.upstream_failures += 1
            return False
        status_line, headers = _parse_head(head)
        status = int(status_line.split(" ")[1])
        if "text/event-stream" in headers.get("content-type", ""):
            if decision is not Fault.FORWARD:
                if decision is Fault.CUT_BODY:
                    client.sendall(head)
                return False
            client.sendall(head + reader.buffer)
            reader.buffer = b""
            with self._lock:
                self.stats.forwarded += 1
            # From here on the connection is a byte pipe until either side closes it.
            back = threading.Thread(target=_pipe, args=(client, upstream), daemon=True)
            back.start()
            _pipe(upstream, client)
            back.join(timeout=5)
            return False
        no_body = method == "HEAD" or status in {204, 304} or 100 <= status < 200
        body = b"" if no_body else _body(reader, headers)
        if body is None:
            with self._lock:
                self.stats.upstream_failures += 1
            return False
        if decision is not Fault.FORWARD:
            if decision is Fault.CUT_BODY:
                client.sendall(head)
            with self._lock:
                self.stats.dropped += 1
            return False
        client.sendall(head + body)
        with self._lock:
            self.stats.forwarded += 1
        return headers.get("connection", "").lower() != "close"
