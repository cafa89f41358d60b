"""HTTP/1.1 spoken by hand over a socket, for tests that must control every byte a client sends.

httpx sends a whole request before it reads the answer; these helpers let a test send part of a
request, stop, and see whether (and what) the server answers meanwhile.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

__all__ = ["RawResponse", "connect", "read_response", "request_head"]


@dataclass(frozen=True)
class RawResponse:
    """A response read off a socket.

    Attributes:
        status: The status code.
        headers: The headers, names in lower case (the last of repeated names).
        body: The body (as long as `Content-Length` says; empty without one).
    """

    status: int
    headers: dict[str, str]
    body: bytes


def connect(port: int, timeout: float = 30.0) -> socket.socket:
    """Open a TCP connection to the server on loopback."""
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def request_head(method: str, target: str, headers: dict[str, str]) -> bytes:
    """Return the request line and headers of a request, up to and with the blank line."""
    lines = [
        f"{method} {target} HTTP/1.1",
        "Host: 127.0.0.1",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def read_response(sock: socket.socket) -> RawResponse:
    """Read one response: the status line, the headers and a `Content-Length` body.

    Raises:
        ConnectionError: The server closed the connection before a whole head arrived.
    """
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            msg = f"the connection closed after {len(data)} bytes of a response"
            raise ConnectionError(msg)
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return RawResponse(status=int(status_line.split()[1]), headers=headers, body=rest[:length])
