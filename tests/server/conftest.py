"""Shared fixtures of the server tests: a real SQLite file, the app, keys and HTTP clients.

Fixture names are relied on by several test modules; keep them stable:

- `database_url`: a fresh database: a SQLite file in `tmp_path`, and (each test runs twice) a
  PostgreSQL database of its own when `OPENTASKS_TEST_POSTGRES_URL` is set (see
  `tests/_databases.py`); `backend` says which.
- `app`: the app on that database, with its startup (migrations) run.
- `key`: an API key of the project `default`.
- `make_key`: makes a key of any project (`make_key("other")`).
- `http`: an `httpx.AsyncClient` on the app, sending `key` as a Bearer token.
- `anon`: the same client without a key.
- `live_server`: the base URL of the app served by real uvicorn on a loopback port.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from opentasks_server import create_api_key, create_app

from tests._databases import (
    TestDatabases,
    backend,
    databases,
    module_databases,
    postgres_databases,
)
from tests._live_server import run_server
from tests.server.helpers import client_for

# Fixtures defined in tests/_databases.py, shared with the contract tests.
__all__ = ["backend", "databases", "module_databases", "postgres_databases"]


@pytest.fixture
def database_url(databases: TestDatabases, tmp_path: Path) -> str:
    """A database of its own for each test, on each backend."""
    return databases.new(tmp_path)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[FastAPI]:
    """The app, started (migrations run) and shut down around the test."""
    application = create_app(database_url, heartbeat_interval=0.5)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def make_key(database_url: str) -> Callable[[str], str]:
    """Make an API key of a project, creating the project if needed."""

    def make(project: str = "default") -> str:
        return create_api_key(database_url, project)

    return make


@pytest.fixture
def key(make_key: Callable[[str], str]) -> str:
    """An API key of the project `default`."""
    return make_key("default")


@pytest.fixture
async def http(app: FastAPI, key: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, authenticated with `key`."""
    async with client_for(app, key) as client:
        yield client


@pytest.fixture
async def anon(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app that sends no key."""
    async with client_for(app) as client:
        yield client


@pytest.fixture
def live_server(database_url: str) -> Iterator[str]:
    """Serve the app with real uvicorn on a free loopback port; yield its base URL."""
    with run_server(create_app(database_url, heartbeat_interval=0.5)) as server:
        yield server.base_url
