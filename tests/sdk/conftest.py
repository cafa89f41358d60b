"""Fixtures of the SDK tests: a real reference server on loopback, and clients of it.

Each test gets a client of a project of its own (a fresh API key), so tests share one server
but never each other's data. The server sends heartbeats every half second so that idle
streams are tested quickly.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from opentasks import Client
from opentasks.testing import LocalServer, opentasks_client, opentasks_local_server

# The plugin's own fixtures, used by test_testing.py as a user's suite would use them.
__all__ = ["opentasks_client", "opentasks_local_server"]


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    """One reference server for the SDK tests, on a temporary SQLite file."""
    with LocalServer(heartbeat_interval=0.5) as local:
        yield local


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
