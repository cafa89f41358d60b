"""Board logins: an API key exchanged for a session cookie, CSRF on its writes, and CORS."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from opentasks_server import create_app
from opentasks_server.board_auth import SESSION_COOKIE
from opentasks_server.cli import serve
from opentasks_server.cors import parse_origin
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ApiKeyRow, BoardSessionRow
from sqlalchemy import func, select, update

from tests.server.helpers import assert_problem, client_for, create_task


@contextlib.asynccontextmanager
async def log_in(app: FastAPI, key: str) -> AsyncIterator[httpx.AsyncClient]:
    """Yield a client on the app holding a board login's cookie (and no key)."""
    async with client_for(app) as client:
        response = await client.post("/v1/auth/session", headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 201, response.text
        assert SESSION_COOKIE in client.cookies
        yield client


@pytest.fixture
async def board(app: FastAPI, key: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client logged in to the board of the project `default`."""
    async with log_in(app, key) as client:
        yield client


async def csrf_of(client: httpx.AsyncClient) -> str:
    """Read the login's CSRF token as the board does after a reload."""
    response = await client.get("/v1/auth/session")
    assert response.status_code == 200, response.text
    token = response.json()["csrf_token"]
    assert isinstance(token, str)
    return token


async def count_logins(app: FastAPI) -> int:
    """Count the rows of board_sessions."""
    database: Database = app.state.db
    async with database.read() as session:
        return int(await session.scalar(select(func.count()).select_from(BoardSessionRow)) or 0)


async def test_login_sets_a_strict_httponly_cookie_and_answers_the_csrf_token(
    app: FastAPI, key: str
) -> None:
    """The login's cookie is HttpOnly, SameSite=Strict, site-wide, not Secure over plain HTTP."""
    async with client_for(app) as client:
        response = await client.post("/v1/auth/session", headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    cookie = response.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "path", "max-age", "samesite"} <= attributes
    assert "samesite=strict" in cookie.lower()
    assert "path=/;" in cookie.lower() + ";"
    assert "secure" not in attributes
    assert key not in cookie
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["authenticated_by"] == "cookie"
    assert body["project_name"] == "default"
    assert body["csrf_token"]
    assert dt.datetime.fromisoformat(body["expires_at"]) > dt.datetime.now(dt.UTC)


async def test_login_over_https_marks_the_cookie_secure(app: FastAPI, key: str) -> None:
    """Over HTTPS (directly or as a proxy reports it) the cookie is Secure."""
    async with client_for(app) as client:
        client.base_url = httpx.URL("https://testserver")
        response = await client.post("/v1/auth/session", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.text
    assert "secure" in response.headers["set-cookie"].lower()


async def test_cookie_reads_its_project(board: httpx.AsyncClient, http: httpx.AsyncClient) -> None:
    """The cookie alone reads what the key reads, and says it is a cookie login."""
    task = await create_task(http)
    response = await board.get(f"/v1/tasks/{task['id']}")
    assert response.status_code == 200, response.text
    me = (await board.get("/v1/auth/session")).json()
    assert me["authenticated_by"] == "cookie"
    by_key = (await http.get("/v1/auth/session")).json()
    assert by_key["authenticated_by"] == "api_key"
    assert by_key["csrf_token"] is None
    assert by_key["expires_at"] is None
    assert by_key["project_id"] == me["project_id"]


async def test_cookie_of_one_project_sees_nothing_of_another(
    app: FastAPI, make_key: Callable[[str], str], board: httpx.AsyncClient
) -> None:
    """A login of project `default` gets 404 for project B's task and never lists it."""
    async with client_for(app, make_key("project-b")) as other:
        theirs = await create_task(other, agent_id="agent-b")
    response = await board.get(f"/v1/tasks/{theirs['id']}")
    assert_problem(response, 404, "not-found")
    listed = (await board.get("/v1/tasks")).json()
    assert listed["data"] == []
    events = (await board.get("/v1/events", headers={"Accept": "application/json"})).json()
    assert events["data"] == []


async def test_cookie_write_without_csrf_token_is_refused_and_changes_nothing(
    board: httpx.AsyncClient, http: httpx.AsyncClient
) -> None:
    """A write with the cookie but no (or a wrong) X-CSRF-Token is a 403; the right one works."""
    before = (await http.get("/v1/events", headers={"Accept": "application/json"})).json()
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = await board.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
        body = assert_problem(response, 403, "csrf-rejected")
        assert "X-CSRF-Token" in body["detail"]
    after = (await http.get("/v1/events", headers={"Accept": "application/json"})).json()
    assert after == before
    assert (await http.get("/v1/tasks")).json()["data"] == []
    token = await csrf_of(board)
    response = await board.post(
        "/v1/tasks", json={"agent_id": "a"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 201, response.text


async def test_a_key_needs_no_csrf_token_even_beside_a_cookie(
    board: httpx.AsyncClient, key: str
) -> None:
    """A request that sends the key is authenticated by the key; the cookie is not looked at."""
    response = await board.post(
        "/v1/tasks", json={"agent_id": "a"}, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 201, response.text


async def test_logout_needs_csrf_and_ends_the_login(app: FastAPI, board: httpx.AsyncClient) -> None:
    """Logout without the token is refused; with it the cookie is cleared and stops working."""
    cookie = board.cookies[SESSION_COOKIE]
    assert_problem(await board.delete("/v1/auth/session"), 403, "csrf-rejected")
    assert (await board.get("/v1/tasks")).status_code == 200
    response = await board.delete(
        "/v1/auth/session", headers={"X-CSRF-Token": await csrf_of(board)}
    )
    assert response.status_code == 204, response.text
    assert SESSION_COOKIE in response.headers["set-cookie"]
    assert SESSION_COOKIE not in board.cookies
    assert await count_logins(app) == 0
    board.cookies.set(SESSION_COOKIE, cookie)
    body = assert_problem(await board.get("/v1/tasks"), 401, "unauthorized")
    assert "not valid" in body["detail"]


async def test_logout_with_a_key_changes_nothing(
    app: FastAPI, board: httpx.AsyncClient, http: httpx.AsyncClient
) -> None:
    """A key has no login to end: logout answers 204 and every login stays."""
    response = await http.delete("/v1/auth/session")
    assert response.status_code == 204
    assert "set-cookie" not in response.headers
    assert await count_logins(app) == 1
    assert (await board.get("/v1/tasks")).status_code == 200


async def test_expired_cookie_is_refused_and_its_row_kept(
    app: FastAPI, board: httpx.AsyncClient
) -> None:
    """An expired login answers 401 saying it expired; reading it deletes nothing."""
    database: Database = app.state.db
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    async with database.write() as session:
        await session.execute(update(BoardSessionRow).values(expires_at=past))
    body = assert_problem(await board.get("/v1/tasks"), 401, "unauthorized")
    assert "expired" in body["detail"]
    assert "/board/login" in body["detail"]
    assert await count_logins(app) == 1


async def test_forged_cookie_is_refused(app: FastAPI) -> None:
    """A cookie that names no login is a 401 problem, and nothing is stored."""
    async with client_for(app) as client:
        client.cookies.set(SESSION_COOKIE, "forged-token")
        body = assert_problem(await client.get("/v1/tasks"), 401, "unauthorized")
        assert "session cookie is not valid" in body["detail"]
        assert_problem(await client.post("/v1/tasks", json={"agent_id": "a"}), 401)
    assert await count_logins(app) == 0


async def test_revoking_the_key_ends_its_logins(app: FastAPI, board: httpx.AsyncClient) -> None:
    """A login made with a key stops working when that key is revoked."""
    database: Database = app.state.db
    async with database.write() as session:
        await session.execute(update(ApiKeyRow).values(revoked_at=dt.datetime.now(dt.UTC)))
    assert_problem(await board.get("/v1/tasks"), 401, "unauthorized")


async def test_login_needs_a_valid_key(app: FastAPI, board: httpx.AsyncClient) -> None:
    """No key, a wrong key, or the cookie alone cannot log in; no login row is made."""
    assert await count_logins(app) == 1
    body = assert_problem(await board.post("/v1/auth/session"), 401, "unauthorized")
    assert "cookie cannot make another login" in body["detail"]
    async with client_for(app, "ot_not-a-key") as client:
        assert_problem(await client.post("/v1/auth/session"), 401, "unauthorized")
    async with client_for(app) as client:
        assert_problem(await client.post("/v1/auth/session"), 401, "unauthorized")
    assert await count_logins(app) == 1


async def test_a_new_login_prunes_the_projects_expired_ones(
    app: FastAPI, key: str, board: httpx.AsyncClient
) -> None:
    """Expired logins are deleted when the project logs in again, so the table stays small."""
    database: Database = app.state.db
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    async with database.write() as session:
        await session.execute(update(BoardSessionRow).values(expires_at=past))
    async with log_in(app, key):
        pass
    assert await count_logins(app) == 1


# --- CORS -----------------------------------------------------------------------------------


async def test_cors_is_off_by_default(http: httpx.AsyncClient) -> None:
    """Without an allow-list, no response says any other origin may read it."""
    response = await http.get("/v1/tasks", headers={"Origin": "https://dash.example.com"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_cors_allows_only_listed_origins(database_url: str, key: str) -> None:
    """A listed origin may call and read the API (without credentials); another may not."""
    app = create_app(database_url, cors_origins=["https://Dash.example.com/"])
    async with app.router.lifespan_context(app), client_for(app, key) as client:
        allowed = await client.get("/v1/tasks", headers={"Origin": "https://dash.example.com"})
        assert allowed.headers["access-control-allow-origin"] == "https://dash.example.com"
        assert "x-request-id" in allowed.headers["access-control-expose-headers"].lower()
        assert "access-control-allow-credentials" not in allowed.headers
        other = await client.get("/v1/tasks", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in other.headers
        preflight = await client.options(
            "/v1/tasks",
            headers={
                "Origin": "https://dash.example.com",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, idempotency-key",
            },
        )
        assert preflight.status_code == 200
        assert "x-request-id" in preflight.headers
        refused = await client.options(
            "/v1/tasks",
            headers={
                "Origin": "https://evil.example.com",
                "Access-Control-Request-Method": "POST",
            },
        )
        assert refused.status_code == 400


def test_cors_origins_from_the_environment(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`OPENTASKS_CORS_ORIGINS` is read when create_app gets no list; a bad entry is refused."""
    monkeypatch.setenv("OPENTASKS_CORS_ORIGINS", "https://a.example.com, http://localhost:3000")
    create_app(database_url)
    monkeypatch.setenv("OPENTASKS_CORS_ORIGINS", "*")
    with pytest.raises(ValueError, match="not an origin"):
        create_app(database_url)


@pytest.mark.parametrize(
    "value", ["*", "https://*.example.com", "example.com", "https://a.example.com/path", "ftp://a"]
)
def test_parse_origin_refuses_what_is_not_an_origin(value: str) -> None:
    """Wildcards, bare hosts, paths and other schemes are not origins."""
    with pytest.raises(ValueError, match="not an origin"):
        parse_origin(value)


def test_parse_origin_normalises() -> None:
    """An origin is lower-cased and loses a trailing slash, as browsers send it."""
    assert parse_origin(" HTTPS://Dash.Example.com:8443/ ") == "https://dash.example.com:8443"


def test_serve_refuses_a_bad_cors_origin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`opentasks serve --cors-origin '*'` exits 2 naming the option, before touching a database."""
    db = tmp_path / "never.db"
    assert serve(db=str(db), host="127.0.0.1", port=1, workers=1, cors_origins=["*"]) == 2
    assert "--cors-origin" in capsys.readouterr().err
    assert not db.exists()
