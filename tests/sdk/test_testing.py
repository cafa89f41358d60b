"""`opentasks.testing`: a real server for users' own tests, as a context manager and fixtures."""

from __future__ import annotations

import socket
import sys
import time

import pytest
from opentasks import Client, OpenTasksError
from opentasks.testing import LocalServer, serve


def test_the_client_fixture_talks_to_a_fresh_project(opentasks_client: Client) -> None:
    """The plugin's `opentasks_client` is ready to use and sees only its own data."""
    assert list(opentasks_client.tasks.list()) == []
    task = opentasks_client.tasks.create(agent_id="fixture")
    assert [t.id for t in opentasks_client.tasks.list()] == [task.id]


def test_serve_starts_and_stops_a_server() -> None:
    """`serve()` yields a running server with a key and a client, and stops it after."""
    with serve() as server:
        assert server.running
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.api_key.startswith("ot_")
        assert "running" in repr(server)
        client = server.client()
        assert client.tasks.create(agent_id="a").status == "pending"
        other = server.client(project="elsewhere")
        assert list(other.tasks.list()) == []
    assert not server.running


def test_a_server_not_started_has_no_key() -> None:
    """Asking a stopped server for its key explains how to start it."""
    server = LocalServer()
    try:
        with pytest.raises(OpenTasksError, match="start"):
            _ = server.api_key
    finally:
        server.close()


def test_missing_server_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the server extra installed, starting a server says which extra to install."""
    monkeypatch.setitem(sys.modules, "opentasks_server", None)
    server = LocalServer()
    try:
        with pytest.raises(ImportError, match=r'pip install "opentasks\[server\]"'):
            server.start()
    finally:
        server.close()


def test_servers_cut_a_connection_that_never_sends_its_head() -> None:
    """A test server has the header timeout of `opentasks serve`: a stalled head is cut.

    Each new connection reads the timeout from the server's config, so the test shortens it
    (the default is 10 s); a server without the timeout keeps the connection open.
    """
    with serve() as server:
        assert server._server is not None
        server._server.config.header_timeout = 0.5  # type: ignore[attr-defined]
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            started = time.monotonic()
            try:
                closed = sock.recv(1024) == b""
            except TimeoutError:
                closed = False
            waited = time.monotonic() - started
        assert closed, f"the connection was still open after {waited:.1f} s"
        client = server.client()
        assert client.tasks.create(agent_id="after").status == "pending"
