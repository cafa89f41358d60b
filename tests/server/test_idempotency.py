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


async def test_same_key_other_body_is_409(http: httpx.AsyncClient) -> None:
    """Reusing a key with another body is a 409 conflict problem, and creates nothing."""
    headers = {"Idempotency-Key": "k"}
    assert (
        await http.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
    ).status_code == 201
    response = await http.post("/v1/tasks", json={"agent_id": "b"}, headers=headers)
    problem = assert_problem(response, 409, "idempotency-key-reuse")
    assert "Idempotency-Key" in problem["detail"]
    # The same key on another path is another request as well.
    other_path = await http.post("/v1/sessions", json={}, headers=headers)
    assert_problem(other_path, 409, "idempotency-key-reuse")
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


async def test_patch_replay_answers_the_first_reply_not_a_412(http: httpx.AsyncClient) -> None:
    """A PATCH retried with its key and its now stale If-Match replays the first 200."""
    task = await create_task(http)
    headers = {"Idempotency-Key": "save-1", "If-Match": '"1"'}
    path = f"/v1/tasks/{task['id']}"
    first = await http.patch(path, json={"output": "done"}, headers=headers)
    again = await http.patch(path, json={"output": "done"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"] == '"2"'
    # The same stale If-Match under a new key is a new request: the version moved on.
    fresh = await http.patch(
        path, json={"output": "done"}, headers={**headers, "Idempotency-Key": "save-2"}
    )
    assert_problem(fresh, 412, "precondition-failed")
    updates = [e for e in await all_events(http) if e["type"] == "task_updated"]
    assert [e["data"]["version"] for e in updates] == [2]


async def test_patch_key_with_another_body_is_409(http: httpx.AsyncClient) -> None:
    """A PATCH key reused with another body is refused like a POST key."""
    task = await create_task(http)
    headers = {"Idempotency-Key": "save"}
    path = f"/v1/tasks/{task['id']}"
    assert (await http.patch(path, json={"output": "a"}, headers=headers)).status_code == 200
    response = await http.patch(path, json={"output": "b"}, headers=headers)
    assert_problem(response, 409, "idempotency-key-reuse")
    assert (await http.get(path)).json()["output"] == "a"


async def test_session_and_test_patches_replay(http: httpx.AsyncClient) -> None:
    """Session and test run updates replay their first reply too."""
    session = (await http.post("/v1/sessions", json={"agent_id": "a"})).json()
    run = (await http.post("/v1/tests", json={})).json()
    for path, body in (
        (f"/v1/sessions/{session['id']}", {"notes": "n"}),
        (f"/v1/tests/{run['id']}", {"status": "completed"}),
    ):
        headers = {"Idempotency-Key": f"update {path}", "If-Match": '"1"'}
        first = await http.patch(path, json=body, headers=headers)
        again = await http.patch(path, json=body, headers=headers)
        assert first.status_code == again.status_code == 200, again.text
        assert again.headers["idempotent-replayed"] == "true"
        assert again.json() == first.json()


async def test_delete_replay_answers_204_not_404(http: httpx.AsyncClient) -> None:
    """A DELETE retried with its key answers the first 204, though the session is gone."""
    session = (await http.post("/v1/sessions", json={"agent_id": "a"})).json()
    path = f"/v1/sessions/{session['id']}"
    headers = {"Idempotency-Key": "delete-1", "If-Match": '"1"'}
    first = await http.delete(path, headers=headers)
    again = await http.delete(path, headers=headers)
    assert first.status_code == again.status_code == 204
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == b""
    assert "content-type" not in again.headers
    assert_problem(await http.delete(path), 404, "not-found")
    deleted = [e for e in await all_events(http) if e["type"] == "session_deleted"]
    assert len(deleted) == 1
