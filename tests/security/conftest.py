"""Fixtures of the security tests: a server process with two projects, and their resources.

The server runs in a child process (`tests/_server_process.py`) at log level `debug`, with every
request in its access log, so the tests can scan what a server operator would see for API keys.
Every module gets a server of its own; tests run on SQLite, and again on PostgreSQL when
`OPENTASKS_TEST_POSTGRES_URL` is set (see `tests/_databases.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from opentasks_server import create_api_key

from tests._databases import (
    TestDatabases,
    backend,
    databases,
    module_databases,
    postgres_databases,
)
from tests._reliability import figures
from tests._server_process import ServerOptions, ServerProcess

__all__ = ["backend", "databases", "figures", "module_databases", "postgres_databases"]


@dataclass(frozen=True)
class Project:
    """A project of the server: a key of it and the ids of one resource of each kind.

    Attributes:
        key: An API key of the project.
        ids: `session_id`, `task_id`, `execution_id` and `test_id` of resources it owns.
    """

    key: str
    ids: dict[str, str]


@dataclass(frozen=True)
class Deployment:
    """A running server with two projects, `alpha` and `beta`.

    Attributes:
        server: The server process.
        database_url: Its database.
        alpha: The first project.
        beta: The second project.
    """

    server: ServerProcess
    database_url: str
    alpha: Project
    beta: Project

    def http(self, key: str | None) -> httpx.Client:
        """Return an HTTP client of the server sending `key` as a Bearer token (none if `None`)."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.server.base_url, headers=headers, timeout=30)


def populate(server: ServerProcess, key: str) -> dict[str, str]:
    """Create a session, a task in it, an execution of the task and a test run; return the ids."""
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:

        def post(path: str, body: dict[str, object]) -> str:
            response = http.post(path, json=body)
            assert response.status_code == 201, response.text
            created: str = response.json()["id"]
            return created

        session_id = post("/v1/sessions", {"agent_id": "agent"})
        test_id = post("/v1/tests", {})
        task_id = post(
            "/v1/tasks", {"agent_id": "agent", "session_id": session_id, "test_id": test_id}
        )
        execution_id = post(f"/v1/tasks/{task_id}/executions", {"arguments": {}})
        post(
            "/v1/comparisons",
            {"context_input": "q", "old_output": "a", "new_output": "a", "test_id": test_id},
        )
    return {
        "session_id": session_id,
        "task_id": task_id,
        "execution_id": execution_id,
        "test_id": test_id,
    }


@pytest.fixture(scope="module")
def deployment(
    module_databases: TestDatabases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    """A server at debug log level with projects `alpha` and `beta`, for the whole module."""
    folder = tmp_path_factory.mktemp("security")
    database_url = module_databases.new(folder)
    alpha_key = create_api_key(database_url, "alpha")
    beta_key = create_api_key(database_url, "beta")
    server = ServerProcess(database_url, folder, ServerOptions(log_level="debug"))
    server.start()
    try:
        yield Deployment(
            server=server,
            database_url=database_url,
            alpha=Project(alpha_key, populate(server, alpha_key)),
            beta=Project(beta_key, populate(server, beta_key)),
        )
    finally:
        server.stop()
    log = server.log_text()
    assert "Traceback" not in log, f"the server logged an error:\n{log[-6000:]}"
