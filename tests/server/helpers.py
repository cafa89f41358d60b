"""Small helpers shared by the server tests."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

PROBLEM_TYPE = "application/problem+json"


def client_for(app: FastAPI, key: str | None = None) -> httpx.AsyncClient:
    """Return an HTTP client on the app in process, sending `key` as a Bearer token."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=headers
    )


def assert_problem(
    response: httpx.Response, status: int, slug: str | None = None
) -> dict[str, Any]:
    """Check that a response is a problem of a status (and kind), with the request id; return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_TYPE), response.headers
    request_id = response.headers["x-request-id"]
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["request_id"] == request_id
    assert body["title"]
    assert body["detail"]
    if slug is not None:
        assert body["type"] == f"https://opentasks.dev/problems/{slug}"
    return body


async def create_task(http: httpx.AsyncClient, **fields: object) -> dict[str, Any]:
    """Create a task (agent `agent123` unless given) and return its JSON."""
    response = await http.post("/v1/tasks", json={"agent_id": "agent123", **fields})
    assert response.status_code == 201, response.text
    task: dict[str, Any] = response.json()
    return task


async def all_events(http: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Read the project's whole event log as JSON pages."""
    events: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 100}
        if after:
            params["after"] = after
        response = await http.get(
            "/v1/events", params=params, headers={"Accept": "application/json"}
        )
        assert response.status_code == 200, response.text
        page = response.json()
        events.extend(page["data"])
        after = page["next_cursor"]
        if not page["has_more"]:
            return events
