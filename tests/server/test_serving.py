"""Running the app under uvicorn: the shutdown hook finds the broadcaster, sockets get NODELAY."""

from __future__ import annotations

import socket
from pathlib import Path

from opentasks_server import create_app
from opentasks_server.serving import find_broadcaster, tcp_socket
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def test_find_broadcaster_looks_through_uvicorn_wrappers(tmp_path: Path) -> None:
    """Finds `app.state.broadcaster` inside the middlewares uvicorn wraps the app in."""
    app = create_app(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    wrapped = ProxyHeadersMiddleware(ProxyHeadersMiddleware(app))  # type: ignore[arg-type]
    assert find_broadcaster(wrapped) is app.state.broadcaster
    assert find_broadcaster(object()) is None
    assert find_broadcaster(None) is None


def test_tcp_socket_says_tcp_and_keeps_the_original() -> None:
    """Gives a proto-0 socket a TCP twin, so asyncio sets TCP_NODELAY on its connections."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as plain:
        plain.bind(("127.0.0.1", 0))
        assert plain.proto == 0
        twin = tcp_socket(plain)
        with twin:
            assert twin.proto == socket.IPPROTO_TCP
            assert twin.getsockname() == plain.getsockname()
        assert plain.fileno() != -1
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as tcp:
        assert tcp_socket(tcp) is tcp
