"""A TCP server on loopback that misbehaves on purpose, for the transport tests.

Each connection is handled by the next behaviour of a script: answer, hang up before answering,
stall, cut a body short. The tests check how each client transport reports each failure.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

__all__ = [
    "KEY",
    "OK",
    "Behaviour",
    "ScriptedServer",
    "answer",
    "cut_body",
    "free_port",
    "hang_up",
    "keep_alive",
    "read_request",
    "scripted",
    "stall",
]

OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}'

# Not a server key: the client registers its key to redact it, and a short one would be redacted
# out of every log line of the rest of the run.
KEY = "ot_" + "x" * 43

Behaviour = Callable[[socket.socket], None]


def read_request(conn: socket.socket) -> bytes:
    """Read up to the end of a request's headers; return what arrived (empty if it closed)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    return data


def hang_up(conn: socket.socket) -> None:
    """Read the request, then close without a byte of answer."""
    read_request(conn)


def stall(conn: socket.socket) -> None:
    """Read the request and never answer."""
    read_request(conn)
    threading.Event().wait(3)


def cut_body(conn: socket.socket) -> None:
    """Answer with headers promising 100 bytes, send 10, close."""
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")


def answer(conn: socket.socket) -> None:
    """Answer `{"ok": true}`."""
    read_request(conn)
    conn.sendall(OK)


class ScriptedServer:
    """Accept connections on loopback; the n-th one is handled by the n-th behaviour.

    Connections past the script get the last behaviour. `connections` counts them.
    """

    def __init__(self, *script: Behaviour) -> None:
        self.script = list(script)
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            behaviour = self.script[min(self.connections, len(self.script) - 1)]
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn, behaviour), daemon=True).start()

    @staticmethod
    def _handle(conn: socket.socket, behaviour: Behaviour) -> None:
        with conn, contextlib.suppress(OSError):
            behaviour(conn)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._listener.close()


@contextlib.contextmanager
def scripted(*script: Behaviour) -> Iterator[ScriptedServer]:
    """Run a `ScriptedServer` for the block."""
    with ScriptedServer(*script) as server:
        yield server


def keep_alive(conn: socket.socket) -> None:
    """Answer `{"ok": true}` to every request on the connection until the client closes it."""
    data = b""
    while True:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        _, _, data = data.partition(b"\r\n\r\n")
        conn.sendall(OK)


def free_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as spare:
        port: int = spare.getsockname()[1]
    return port
