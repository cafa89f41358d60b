"""Fixtures of the reliability tests: a server process on a fresh database, and keys of it.

Every test runs on SQLite, and again on PostgreSQL when `OPENTASKS_TEST_POSTGRES_URL` is set
(see `tests/_databases.py`). The server is a child process (`tests/_server_process.py`) that a
test may kill with SIGKILL and restart; its sizes come from `tests/_reliability.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from opentasks_server import create_api_key

from tests._databases import TestDatabases, backend, databases, postgres_databases
from tests._reliability import Sizes, figures, sizes
from tests._server_process import ServerOptions, ServerProcess, StartServer

__all__ = ["backend", "databases", "figures", "postgres_databases"]


@pytest.fixture
def database_url(databases: TestDatabases, tmp_path: Path) -> str:
    """A fresh database of the test's backend."""
    return databases.new(tmp_path)


@pytest.fixture
def api_key(database_url: str) -> str:
    """A key of the project `reliability`, made before the server starts."""
    return create_api_key(database_url, "reliability")


@pytest.fixture
def run_sizes() -> Sizes:
    """This run's sizes (`OPENTASKS_RELIABILITY_SCALE` and single overrides)."""
    return sizes()


@pytest.fixture
def start_server(database_url: str, api_key: str, tmp_path: Path) -> Iterator[StartServer]:
    """Start the server in a child process (`start_server(ServerOptions(...))`).

    Every server started is stopped after the test, and the test errors if a server logged a
    traceback: an unhandled error is a failure even when the client recovered from it.
    """
    started: list[ServerProcess] = []

    def start(options: ServerOptions | None = None) -> ServerProcess:
        folder = tmp_path / f"server-{len(started)}"
        folder.mkdir()
        server = ServerProcess(database_url, folder, options)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
    for server in started:
        log = server.log_text()
        assert "Traceback" not in log, f"the server logged an error:\n{log[-6000:]}"
