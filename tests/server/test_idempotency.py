"""Idempotency-Key: replays answer the first response; nothing is created twice."""

from __future__ import annotations

import asyncio

import httpx

from tests.server.helpers import all_events, assert_problem, create_task


async def test_replay_returns_the_first_response(http: httpx.AsyncClient) -> None:
    """A repeat with the same key and body replays status, body and ETag, marked as a replay."""
    headers = {"Idempotency-Key": "create-1"}
    first = await http.post("/v1/tasks", json={"agent_id": "a", "prompt": "p"}, headers=headers)
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    # Key order and spacing do not make a different request.
    second = await http.post(
        "/v1/tasks",
        content=b'{ "prompt": "p",  "agent_id": "a" }',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert second.json() == first.json()
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    page = (await http.get("/v1/tasks")).json()
    assert len(page["data"]) == 1
    created = [e for e in await all_events(http) if e["type"] == "task_created"]
    assert len(created) == 1


async def test_same_key_other_body_is_422(http: httpx.AsyncClient) -> None:
    """Reusing a key with another body is a 422 problem, and creates nothing."""
    headers = {"Idempotency-Key": "k"}
    assert (
        await http.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
    ).status_code == 201
    response = await http.post("/v1/tasks", json={"agent_id": "b"}, headers=headers)
    problem = assert_problem(response, 422, "idempotency-key-reuse")
    assert problem["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    # The same key on another path is another request as well.
    other_path = await http.post("/v1/sessions", json={}, headers=headers)
    assert_problem(other_path, 422, "idempotency-key-reuse")
    assert len((await http.get("/v1/tasks")).json()["data"]) == 1


async def test_concurrent_burst_creates_exactly_one(http: httpx.AsyncClient) -> None:
    """Twenty concurrent requests with one key create exactly one task, all answering it."""
    headers = {"Idempotency-Key": "burst"}
    responses = await asyncio.gather(
        *(http.post("/v1/tasks", json={"agent_id": "a"}, headers=headers) for _ in range(20))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 19
    assert len((await http.get("/v1/tasks")).json()["data"]) == 1


async def test_failed_request_is_not_stored(http: httpx.AsyncClient) -> None:
    """A request that failed runs again on retry with the same key."""
    task = await create_task(http)
    headers = {"Idempotency-Key": "status-1"}
    path = f"/v1/tasks/{task['id']}/status"
    assert_problem(await http.post(path, json={"status": "paused"}, headers=headers), 409)
    ok = await http.post(path, json={"status": "paused"}, headers=headers)
    assert_problem(ok, 409)  # still illegal, and not a replay of a stored answer
    assert "idempotent-replayed" not in ok.headers


async def test_status_change_replay_does_not_move_twice(http: httpx.AsyncClient) -> None:
    """Replaying a status change answers the first result instead of a 409."""
    task = await create_task(http)
    headers = {"Idempotency-Key": "exec"}
    path = f"/v1/tasks/{task['id']}/status"
    first = await http.post(path, json={"status": "executing"}, headers=headers)
    again = await http.post(path, json={"status": "executing"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["version"] == first.json()["version"] == 2


async def test_keys_are_per_project(http: httpx.AsyncClient, app: object, make_key: object) -> None:
    """The same key in two projects makes two resources."""
    from collections.abc import Callable

    from fastapi import FastAPI

    from tests.server.helpers import client_for

    assert isinstance(app, FastAPI)
    assert callable(make_key)
    maker: Callable[[str], str] = make_key
    headers = {"Idempotency-Key": "shared"}
    mine = await http.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
    async with client_for(app, maker("other")) as other:
        theirs = await other.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
    assert theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"]
