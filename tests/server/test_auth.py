"""Authentication: a key in `Authorization: Bearer` or `X-API-Key`, or a 401 problem."""

from __future__ import annotations

import httpx
import pytest

from tests.server.helpers import assert_problem


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/tasks"),
        ("POST", "/v1/tasks"),
        ("GET", "/v1/sessions"),
        ("GET", "/v1/tests"),
        ("POST", "/v1/comparisons"),
        ("GET", "/v1/executions/exe_01JD0000000000000000000000"),
    ],
)
async def test_no_key_is_401_with_how_to(anon: httpx.AsyncClient, method: str, path: str) -> None:
    """A request without a key is a 401 problem that says how to send one."""
    response = await anon.request(
        method, path, json={"agent_id": "a"} if method == "POST" else None
    )
    body = assert_problem(response, 401, "unauthorized")
    assert "Authorization: Bearer" in body["detail"]
    assert "X-API-Key" in body["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer ot_wrong"},
        {"X-API-Key": "ot_wrong"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer "},
    ],
)
async def test_wrong_key_is_401(anon: httpx.AsyncClient, key: str, headers: dict[str, str]) -> None:
    """A key that is not valid, in either header style, is a 401 problem."""
    response = await anon.get("/v1/tasks", headers=headers)
    assert_problem(response, 401, "unauthorized")


@pytest.mark.parametrize("style", ["bearer", "x-api-key", "lowercase-bearer"])
async def test_both_header_styles_work(anon: httpx.AsyncClient, key: str, style: str) -> None:
    """The same key works as a Bearer token and as `X-API-Key`."""
    headers = {
        "bearer": {"Authorization": f"Bearer {key}"},
        "x-api-key": {"X-API-Key": key},
        "lowercase-bearer": {"authorization": f"bearer {key}"},
    }[style]
    response = await anon.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
    assert response.status_code == 201, response.text


async def test_no_task_is_created_without_a_key(
    anon: httpx.AsyncClient, http: httpx.AsyncClient
) -> None:
    """A rejected request stores nothing."""
    await anon.post("/v1/tasks", json={"agent_id": "a"})
    page = (await http.get("/v1/tasks")).json()
    assert page["data"] == []


async def test_service_routes_need_no_key(anon: httpx.AsyncClient) -> None:
    """Health, readiness and the contract answer without a key."""
    assert (await anon.get("/healthz")).json() == {"status": "ok"}
    assert (await anon.get("/readyz")).json() == {"status": "ok", "database": "ok"}
    spec = await anon.get("/openapi.yaml")
    assert spec.status_code == 200
    assert spec.headers["content-type"].startswith("application/yaml")
    assert spec.text.startswith("openapi: 3.1")
