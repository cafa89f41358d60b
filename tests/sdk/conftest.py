"""Fixtures of the SDK tests: a real reference server on loopback, and clients of it.

Each test gets a client of a project of its own (a fresh API key), so tests share one server
but never each other's data. The server sends heartbeats every half second so that idle
streams are tested quickly.

The server runs once per database backend (`tests/_databases.py`): on a SQLite file, and on a
PostgreSQL database made from the migrated template when `OPENTASKS_TEST_POSTGRES_URL` is set
(skipped with a reason otherwise). Only the tests that reach a server through these fixtures run
twice; the unit tests (diffs, SSE parsing, retry policy, ...) take no backend and run once.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from opentasks import Client
from opentasks.testing import LocalServer, opentasks_client, opentasks_local_server

from tests._databases import (
    PostgresDatabases,
    TestDatabases,
    backend,
    databases,
    postgres_databases,
)

__all__ = [
    # Shared with the server tests: the backend parameter and PostgreSQL's databases.
    "backend",
    "databases",
    # The plugin's own fixtures, used by test_testing.py as a user's suite would use them.
    "opentasks_client",
    "opentasks_local_server",
    "postgres_databases",
]


@pytest.fixture(scope="session")
def server(
    backend: str,
    postgres_databases: PostgresDatabases | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LocalServer]:
    """One reference server per backend for the SDK tests, on a fresh database.

    Session-scoped like `backend`, so pytest runs all of one backend's tests on one server and
    starts the next backend's server once the first is done.
    """
    made = TestDatabases(backend, postgres_databases if backend == "postgresql" else None)
    try:
        url = made.new(tmp_path_factory.mktemp(f"sdk-{backend}"))
        with LocalServer(url, heartbeat_interval=0.5) as local:
            yield local
    finally:
        made.cleanup()


@pytest.fixture
def database_url(databases: TestDatabases, tmp_path: Path) -> str:
    """A fresh database of the test's backend, for a test that runs a server of its own."""
    return databases.new(tmp_path)


@pytest.fixture
def api_key(server: LocalServer) -> str:
    """A key of a fresh project."""
    return server.new_api_key(f"sdk-{uuid.uuid4().hex[:12]}")


@pytest.fixture
def client(server: LocalServer, api_key: str) -> Iterator[Client]:
    """A sync client of a fresh project."""
    with Client(api_key=api_key, base_url=server.base_url) as sdk:
        yield sdk


@pytest.fixture
async def aclient(server: LocalServer, api_key: str) -> AsyncIterator[Client]:
    """The same, for async tests (closed with `aclose`)."""
    async with Client(api_key=api_key, base_url=server.base_url) as sdk:
        yield sdk
