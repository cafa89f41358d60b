"""The task board's pages: served from the package, behind a login, with strict headers."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.server.helpers import client_for


async def test_root_sends_the_browser_to_the_board(anon: httpx.AsyncClient) -> None:
    """`/` redirects to `/board`."""
    response = await anon.get("/")
    assert response.status_code == 307
    assert response.headers["location"] == "/board"


@pytest.mark.parametrize(
    ("path", "location"), [("/board/", "/board"), ("/board/?status=failed", "/board?status=failed")]
)
async def test_the_board_with_a_trailing_slash_redirects_to_the_board(
    anon: httpx.AsyncClient, path: str, location: str
) -> None:
    """`/board/` answers a permanent redirect to `/board`, with its query."""
    response = await anon.get(path)
    assert response.status_code == 308
    assert response.headers["location"] == location


@pytest.mark.parametrize("path", ["/v1/tasks/", "/board/sessions/", "/healthz/"])
async def test_other_paths_with_a_trailing_slash_are_not_found(
    http: httpx.AsyncClient, path: str
) -> None:
    """Only the board's own address is redirected: other paths match exactly, slash and all."""
    response = await http.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path", ["/board", "/board/tasks/task_1", "/board/sessions", "/board/tests/test_1"]
)
async def test_a_page_without_login_redirects_to_the_login_form(
    anon: httpx.AsyncClient, path: str
) -> None:
    """Without a cookie each board page answers 303 to the login form, naming where to go back."""
    response = await anon.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/board/login?next={path}"


async def test_a_key_is_not_a_board_login(http: httpx.AsyncClient) -> None:
    """A page is for a browser's login: an API key in a header does not open it."""
    response = await http.get("/board")
    assert response.status_code == 303


async def test_a_forged_cookie_redirects_saying_it_is_not_valid(anon: httpx.AsyncClient) -> None:
    """A cookie that names no login leads to the login form with the reason."""
    anon.cookies.set("opentasks_session", "forged")
    response = await anon.get("/board/sessions")
    assert response.headers["location"] == "/board/login?next=/board/sessions&reason=invalid"


async def test_a_logged_in_page_carries_its_project_and_event_head(
    app: FastAPI, key: str, http: httpx.AsyncClient
) -> None:
    """The shell names the page, the resource and the project's last event, with strict headers."""
    await http.post("/v1/tasks", json={"agent_id": "a"})
    async with client_for(app) as browser:
        login = await browser.post("/v1/auth/session", headers={"X-API-Key": key})
        assert login.status_code == 201
        response = await browser.get("/board/tasks/task_1")
    assert response.status_code == 200
    assert 'data-page="task"' in response.text
    assert 'data-resource-id="task_1"' in response.text
    assert 'data-event-head="evt_000000000001"' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


async def test_an_odd_resource_id_is_refused(app: FastAPI, key: str) -> None:
    """A resource id with characters no id has is a 422 problem, never put into a page."""
    async with client_for(app) as browser:
        await browser.post("/v1/auth/session", headers={"X-API-Key": key})
        response = await browser.get('/board/tasks/"><script>')
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_static_files_and_login_page_need_no_login(anon: httpx.AsyncClient) -> None:
    """The login form and the static files hold no data and are served to anyone."""
    login = await anon.get("/board/login")
    assert login.status_code == 200
    assert "frame-ancestors 'none'" in login.headers["content-security-policy"]
    script = await anon.get("/board/static/board.js")
    assert script.status_code == 200
    assert "EventSource" in script.text or "text/event-stream" in script.text
