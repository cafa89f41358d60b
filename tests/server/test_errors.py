"""Errors: problem+json with X-Request-Id everywhere, and bad input stores nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentasks_server import create_app

from tests.server.helpers import all_events, assert_problem, client_for, create_task


async def _nothing_stored(http: httpx.AsyncClient) -> None:
    assert (await http.get("/v1/tasks")).json()["data"] == []
    assert await all_events(http) == []


async def test_unknown_route_is_404_problem(
    http: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """An unknown path is a 404 problem, with or without a key."""
    assert_problem(await http.get("/v1/nothing-here"), 404, "not-found")
    assert_problem(await anon.get("/nothing"), 404, "not-found")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/tasks/",
        "/v1/tasks//events",
        "/v1/tasks/task_x/",
        "/v1/sessions/",
        "/v1/sessions//tasks",
        "/v1/executions/",
        "/v1/tests/",
        "/v1/events/",
        "/healthz/",
    ],
)
async def test_malformed_paths_are_404_problems_never_redirects(
    http: httpx.AsyncClient, path: str
) -> None:
    """An empty id or a trailing slash is a 404 problem naming the path, not a redirect."""
    for method in ("GET", "POST", "PATCH", "DELETE"):
        response = await http.request(method, path, json={})
        assert not response.is_redirect, (method, path, response.headers)
        body = assert_problem(response, 404, "not-found")
        assert path in body["detail"]


async def test_method_not_allowed_is_405_problem(http: httpx.AsyncClient) -> None:
    """A known path with the wrong method is a 405 problem with `Allow`."""
    response = await http.put("/v1/tasks", json={})
    assert_problem(response, 405, "method-not-allowed")
    assert response.headers["allow"] == "GET, POST"
    # Every method the contract documents for the path, not only the first route's.
    other = await http.post("/v1/sessions/ses_x", json={})
    assert_problem(other, 405, "method-not-allowed")
    assert other.headers["allow"] == "DELETE, GET, PATCH"


async def test_unexpected_failure_is_500_without_traceback(
    app: FastAPI, http: httpx.AsyncClient
) -> None:
    """A crash is a 500 problem with the request id and no stack trace."""

    async def boom() -> None:
        msg = "secret internals"
        raise RuntimeError(msg)

    app.add_api_route("/v1/boom", boom)
    response = await http.get("/v1/boom", headers={"X-Request-Id": "trace-me-123"})
    body = assert_problem(response, 500, "internal-error")
    assert response.headers["x-request-id"] == "trace-me-123"
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert "trace-me-123" in body["detail"]


async def test_request_id_on_success_and_generated(http: httpx.AsyncClient) -> None:
    """Every response carries a request id; a client's sane one is kept, a bad one replaced."""
    assert (await http.get("/healthz")).headers["x-request-id"].startswith("req_")
    kept = await http.get("/v1/tasks", headers={"X-Request-Id": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    replaced = await http.get("/v1/tasks", headers={"X-Request-Id": "bad id\twith spaces"})
    assert replaced.headers["x-request-id"].startswith("req_")


async def test_malformed_json_is_400(http: httpx.AsyncClient) -> None:
    """A body that is not JSON is a 400 problem."""
    response = await http.post(
        "/v1/tasks", content=b'{"agent_id": ', headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400, "bad-request")
    await _nothing_stored(http)


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({}, ["body", "agent_id"], "missing"),
        ({"agent_id": 42}, ["body", "agent_id"], "string_type"),
        ({"agent_id": ""}, ["body", "agent_id"], "string_too_short"),
        ({"agent_id": "a", "bogus": 1}, ["body", "bogus"], "extra_forbidden"),
        ({"agent_id": "a", "status": "executing"}, ["body", "status"], "enum"),
        ({"agent_id": "a", "flag": "maybe"}, ["body", "flag"], "enum"),
        ({"agent_id": "a", "metadata": None}, ["body", "metadata"], "null_not_allowed"),
        ({"agent_id": "a", "metadata": [1]}, ["body", "metadata"], "model_attributes_type"),
        ({"agent_id": "a", "file_urls": "x"}, ["body", "file_urls"], "list_type"),
        ({"agent_id": "a", "main": [{"kind": "nope"}]}, ["body", "main", 0], "union_tag_invalid"),
        (
            {"agent_id": "a", "main": [{"kind": "tool_call", "tool": "t", "arguments": None}]},
            ["body", "main", 0, "arguments"],
            "null_not_allowed",
        ),
        ({"agent_id": "a", "name": "x" * 201}, ["body", "name"], "string_too_long"),
    ],
)
async def test_bad_bodies_are_422_with_field_errors(
    http: httpx.AsyncClient, body: dict[str, Any], loc: list[Any], kind: str
) -> None:
    """Wrong types, unknown fields, bad enums and forbidden nulls are 422 problems naming the field."""
    problem = assert_problem(await http.post("/v1/tasks", json=body), 422, "validation-error")
    matches = [e for e in problem["errors"] if e["loc"][: len(loc)] == loc]
    assert matches, problem["errors"]
    assert any(e["type"] == kind for e in matches), problem["errors"]
    assert all(e["message"] for e in problem["errors"])
    await _nothing_stored(http)


async def test_non_object_body_is_422(http: httpx.AsyncClient) -> None:
    """A JSON body that is not an object is a 422 problem; a body that is not JSON is a 415."""
    assert_problem(await http.post("/v1/tasks", json=["agent_id"]), 422, "validation-error")
    assert_problem(
        await http.post("/v1/tasks", content=b"agent_id=a", headers={"Content-Type": "text/plain"}),
        415,
        "unsupported-media-type",
    )
    await _nothing_stored(http)


async def test_bad_header_and_path_values_are_422(http: httpx.AsyncClient) -> None:
    """Over-long ids, idempotency keys and If-Match values are 422 problems."""
    assert_problem(await http.get("/v1/tasks/" + "t" * 65), 422)
    assert_problem(
        await http.post(
            "/v1/tasks", json={"agent_id": "a"}, headers={"Idempotency-Key": "k" * 256}
        ),
        422,
    )
    task = await create_task(http)
    assert_problem(
        await http.patch(f"/v1/tasks/{task['id']}", json={}, headers={"If-Match": "1" * 65}), 422
    )
    # Only what the contract's pattern allows: versions (quoted or bare, strong or weak) and `*`.
    for if_match in ('"abc"', "W/", '"1" "2"', "1;2"):
        response = await http.patch(
            f"/v1/tasks/{task['id']}", json={}, headers={"If-Match": if_match}
        )
        assert_problem(response, 422)


async def test_bad_enum_in_status_change_is_422(http: httpx.AsyncClient) -> None:
    """A status that does not exist is a 422, not a 409."""
    task = await create_task(http)
    problem = assert_problem(
        await http.post(f"/v1/tasks/{task['id']}/status", json={"status": "done"}), 422
    )
    assert problem["errors"][0]["loc"] == ["body", "status"]
    assert (await http.get(f"/v1/tasks/{task['id']}")).json()["version"] == 1


async def test_oversized_body_is_413(database_url: str, key: str) -> None:
    """A body over the limit is a 413 problem, whether declared or streamed; nothing is stored."""
    application = create_app(database_url, max_body_bytes=1000)
    async with (
        application.router.lifespan_context(application),
        client_for(application, key) as http,
    ):
        big = {"agent_id": "a", "prompt": "x" * 2000}
        assert_problem(await http.post("/v1/tasks", json=big), 413, "payload-too-large")

        async def chunks() -> AsyncIterator[bytes]:  # a generator body has no Content-Length
            yield b'{"agent_id": "a", "prompt": "'
            for _ in range(20):
                yield b"x" * 100
            yield b'"}'

        streamed = await http.post(
            "/v1/tasks", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert_problem(streamed, 413, "payload-too-large")
        await _nothing_stored(http)


async def test_default_limit_accepts_large_logged_tasks(http: httpx.AsyncClient) -> None:
    """A task with a maximal prompt and output fits the default body limit."""
    response = await http.post(
        "/v1/tasks",
        json={
            "agent_id": "a",
            "prompt": "é" * 1_048_576,
            "output": "o" * 1_048_576,
            "status": "completed",
        },
    )
    assert response.status_code == 201


async def test_rate_limit_answers_429_with_retry_after(database_url: str, key: str) -> None:
    """With a rate limit, the request over it is a 429 problem with `Retry-After`."""
    application = create_app(database_url, rate_limit=3)
    async with (
        application.router.lifespan_context(application),
        client_for(application, key) as http,
    ):
        statuses = [(await http.get("/v1/tasks")).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        limited = await http.get("/v1/tasks")
        assert_problem(limited, 429, "rate-limited")
        assert int(limited.headers["retry-after"]) >= 1
        # Service routes are not limited.
        assert (await http.get("/healthz")).status_code == 200


async def test_readyz_is_503_when_the_database_is_gone(
    app: FastAPI, anon: httpx.AsyncClient, tmp_path: object
) -> None:
    """Readiness fails with a 503 problem when the database cannot be reached."""
    from opentasks_server.db.engine import Database

    healthy = app.state.db
    app.state.db = Database("sqlite+aiosqlite:////nonexistent-dir/x.db")
    try:
        response = await anon.get("/readyz")
    finally:
        await app.state.db.dispose()
        app.state.db = healthy
    assert_problem(response, 503)
    assert response.headers["retry-after"]
