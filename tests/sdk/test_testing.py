"""`opentasks.testing`: a real server for users' own tests, as a context manager and fixtures."""

from __future__ import annotations

import sys

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
