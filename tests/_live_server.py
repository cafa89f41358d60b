"""Run an ASGI app under a real uvicorn server on a loopback port, in a background thread.

Tests that need real HTTP (streams cut mid-way, events arriving while a client waits, the
contract test) talk to this server with an ordinary HTTP client. The server binds port 0 itself,
so parallel test runs never fight over a port, and it is shut down the way `opentasks serve` is
shut down (`opentasks_server.serving.Server`), so a test also proves that open event streams do
not hold a shutdown up.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from opentasks_server.serving import Server

__all__ = ["LiveServer", "run_server"]


@dataclass(frozen=True)
class LiveServer:
    """A server running in a background thread.

    Attributes:
        base_url: `http://127.0.0.1:<port>`, without a trailing slash.
        server: The uvicorn server; its `should_exit` stops it.
    """

    base_url: str
    server: Server


def _wait_until_healthy(base_url: str, thread: threading.Thread, deadline: float) -> None:
    with httpx.Client(base_url=base_url, timeout=2) as client:
        while time.monotonic() < deadline:
            if not thread.is_alive():
                msg = "the server thread died while starting; see its log above"
                raise RuntimeError(msg)
            with contextlib.suppress(httpx.TransportError):
                if client.get("/healthz").status_code == 200:
                    return
            time.sleep(0.02)
    msg = "the server did not answer /healthz in time"
    raise TimeoutError(msg)


@contextlib.contextmanager
def run_server(
    app: Any,  # noqa: ANN401 - any ASGI application
    *,
    startup_timeout: float = 30.0,
    shutdown_timeout: float = 10.0,
) -> Iterator[LiveServer]:
    """Serve `app` on a free loopback port for the duration of the block.

    Args:
        app: The ASGI application.
        startup_timeout: Seconds to wait for `/healthz` to answer 200.
        shutdown_timeout: Seconds the server may take to stop once asked.

    Yields:
        The running server.

    Raises:
        RuntimeError: If the server does not stop within `shutdown_timeout` (a stuck stream).
    """
    # IPPROTO_TCP so that connections get TCP_NODELAY (see opentasks_server.serving.tcp_socket).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        # h11 and no websockets keep the server's imports (and their warnings) to a minimum.
        http="h11",
        ws="none",
    )
    server = Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
    )
    base_url = f"http://127.0.0.1:{port}"
    thread.start()
    try:
        _wait_until_healthy(base_url, thread, time.monotonic() + startup_timeout)
        yield LiveServer(base_url=base_url, server=server)
    finally:
        server.should_exit = True
        thread.join(shutdown_timeout)
        sock.close()
        if thread.is_alive():
            server.force_exit = True
            thread.join(shutdown_timeout)
            msg = f"the server did not shut down within {shutdown_timeout} s"
            raise RuntimeError(msg)
