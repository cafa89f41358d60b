"""Authentication: a key in `Authorization: Bearer` or `X-API-Key`, or a 401 problem."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from opentasks_server import create_app
from opentasks_server.auth import (
    DEFAULT_KEY_CACHE_SECONDS,
    KeyCache,
    Principal,
    generate_key,
    hash_key,
)
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ApiKeyRow, ProjectRow
from opentasks_server.db.types import utcnow
from opentasks_server.ids import new_id
from sqlalchemy import select, update

from tests.server.helpers import assert_problem, client_for


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


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        """Return the current reading."""
        return self.now


async def _revoke_every_key(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.write() as session:
            await session.execute(update(ApiKeyRow).values(revoked_at=utcnow()))
    finally:
        await database.dispose()


async def test_a_revoked_key_stops_working_within_the_cache_time(
    app: FastAPI, http: httpx.AsyncClient, database_url: str
) -> None:
    """A key found valid is trusted for `key_cache_seconds`, then read again."""
    clock = FakeClock()
    app.state.key_cache = KeyCache(DEFAULT_KEY_CACHE_SECONDS, clock=clock)
    assert (await http.get("/v1/tasks")).status_code == 200
    await _revoke_every_key(database_url)
    # Within the cache time the process still trusts what it read...
    clock.now += DEFAULT_KEY_CACHE_SECONDS - 0.1
    assert (await http.get("/v1/tasks")).status_code == 200
    # ...and once it has passed, the revocation holds.
    clock.now += 0.2
    assert_problem(await http.get("/v1/tasks"), 401, "unauthorized")


async def test_without_the_cache_a_revocation_holds_at_once(database_url: str, key: str) -> None:
    """`create_app(key_cache_seconds=0)` reads the key on every request."""
    application = create_app(database_url, key_cache_seconds=0)
    async with (
        application.router.lifespan_context(application),
        client_for(application, key) as client,
    ):
        assert (await client.get("/v1/tasks")).status_code == 200
        await _revoke_every_key(database_url)
        assert_problem(await client.get("/v1/tasks"), 401, "unauthorized")


async def test_an_unknown_key_is_not_remembered(
    anon: httpx.AsyncClient, database_url: str, key: str
) -> None:
    """A key refused once works as soon as it exists: only valid keys are cached."""
    assert key  # the project `default` exists
    candidate = generate_key()
    headers = {"Authorization": f"Bearer {candidate}"}
    assert_problem(await anon.get("/v1/tasks", headers=headers), 401, "unauthorized")
    database = Database(database_url)
    try:
        async with database.write() as session:
            project_id = await session.scalar(select(ProjectRow.id))
            session.add(
                ApiKeyRow(
                    id=new_id("key"),
                    project_id=project_id,
                    key_hash=hash_key(candidate),
                    created_at=utcnow(),
                )
            )
    finally:
        await database.dispose()
    assert (await anon.get("/v1/tasks", headers=headers)).status_code == 200


def test_the_key_cache_forgets_the_oldest_key_when_full_and_never_holds_keys() -> None:
    """At most `max_entries` hashes are kept; a cache of 0 seconds keeps nothing."""
    clock = FakeClock()
    cache = KeyCache(5.0, max_entries=2, clock=clock)
    first, second, third = (Principal(project_id=f"prj_{n}", key_id=f"key_{n}") for n in "abc")
    cache.put("hash-a", first)
    cache.put("hash-b", second)
    cache.put("hash-c", third)
    assert (cache.get("hash-a"), cache.get("hash-b"), cache.get("hash-c")) == (
        None,
        second,
        third,
    )
    clock.now += 5.0
    assert cache.get("hash-b") is None
    off = KeyCache(0)
    off.put("hash-a", first)
    assert off.get("hash-a") is None
