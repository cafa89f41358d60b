"""A small loopback TCP proxy that can break connections on purpose.

It sits between the SDK and the real server and forwards bytes both ways. Tests use it to
make the faults of a real network: drop every open connection mid-stream, swallow the reply to
a request the server has already carried out, or stall a connection so no byte arrives.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from types import TracebackType
from typing import Self


class _Link:
    """One client connection and its upstream connection."""

    def __init__(self, downstream: socket.socket, upstream: socket.socket) -> None:
        self.downstream = downstream
        self.upstream = upstream
        self.stalled = threading.Event()
        self.closed = False

    def close(self) -> None:
        self.closed = True
        for sock in (self.downstream, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()


class TCPProxy:
    """Forward `127.0.0.1:<port>` to a target port, with switches to break things.

    Args:
        target_port: The port of the real server on 127.0.0.1.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._replies_to_drop = 0
        self.connections = 0
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """The proxy's URL."""
        return f"http://127.0.0.1:{self.port}"

    def drop_replies(self, count: int = 1) -> None:
        """Close the next `count` connections as soon as the server starts answering.

        The server has then received and carried out the request, but the client never sees
        the answer: the case an Idempotency-Key exists for.
        """
        with self._lock:
            self._replies_to_drop = count

    def drop_all(self) -> None:
        """Close every open connection, as a network failure would."""
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            link.close()

    def stall_all(self) -> None:
        """Stop forwarding on every open connection without closing it (a silent network)."""
        with self._lock:
            for link in self._links:
                link.stalled.set()

    def close(self) -> None:
        """Stop accepting and close every connection."""
        self._running = False
        with contextlib.suppress(OSError):
            self._listener.close()
        self.drop_all()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while self._running:
            try:
                downstream, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                downstream.close()
                continue
            upstream.settimeout(None)
            link = _Link(downstream, upstream)
            with self._lock:
                self._links.append(link)
                self.connections += 1
            threading.Thread(target=self._pump, args=(link, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(link, False), daemon=True).start()

    def _take_drop(self) -> bool:
        with self._lock:
            if self._replies_to_drop > 0:
                self._replies_to_drop -= 1
                return True
            return False

    def _pump(self, link: _Link, to_upstream: bool) -> None:
        source, target = (
            (link.downstream, link.upstream) if to_upstream else (link.upstream, link.downstream)
        )
        first_reply = not to_upstream
        for chunk in _chunks(source):
            while link.stalled.is_set():
                if link.closed:
                    return
                time.sleep(0.05)
            if first_reply:
                first_reply = False
                if self._take_drop():
                    link.close()
                    return
            try:
                target.sendall(chunk)
            except OSError:
                break
        link.close()


def _chunks(sock: socket.socket) -> Iterator[bytes]:
    while True:
        try:
            data = sock.recv(65536)
        except OSError:
            return
        if not data:
            return
        yield data
