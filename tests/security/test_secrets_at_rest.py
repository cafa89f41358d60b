"""Secrets at rest and in logs: a private database file, and no key in the access log."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from opentasks_server import create_api_key

from tests.security.conftest import Deployment


def mode(path: Path) -> int:
    """A file's permission bits."""
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """The database file, and its WAL and shared-memory files, are created 0600."""
    database = tmp_path / "private.db"
    create_api_key(f"sqlite+aiosqlite:///{database}", "private")
    assert mode(database) == 0o600
    for companion in (tmp_path / "private.db-wal", tmp_path / "private.db-shm"):
        if companion.exists():
            assert mode(companion) == 0o600, companion


def test_an_existing_database_keeps_its_mode(tmp_path: Path) -> None:
    """A file the operator made is opened as it is; its permissions are theirs to choose."""
    database = tmp_path / "shared.db"
    database.touch(mode=0o640)
    database.chmod(0o640)
    create_api_key(f"sqlite+aiosqlite:///{database}", "shared")
    assert mode(database) == 0o640


@pytest.mark.parametrize("name", ["api_key", "API_KEY", "key", "token", "access_token"])
def test_the_access_log_redacts_secret_query_parameters(deployment: Deployment, name: str) -> None:
    """A key pasted into the query string does not reach the access log; other parameters do."""
    if deployment.server.log_path is None:  # pragma: no cover - the fixture always logs
        pytest.skip("no server log")
    key = deployment.alpha.key
    marker = f"marker{time.monotonic_ns()}"
    with deployment.http(deployment.alpha.key) as http:
        http.get("/v1/tasks", params={name: key, "limit": "5", "agent_id": marker})
    deadline = time.monotonic() + 5
    while marker not in deployment.server.log_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    line = next(line for line in deployment.server.log_text().splitlines() if marker in line)
    assert key not in line
    assert f"{name}=[redacted]" in line
    assert "limit=5" in line
