"""The task board: the project's tasks, sessions and test runs, live, in a browser.

The pages are one HTML shell and one script, shipped as static files in the package (no build
step, no Node toolchain): the server answers the shell for every board page, and the script reads
the API with the login's cookie (see `opentasks_server.board_auth`) and follows the project's one
event stream, so a page holds a single stream connection whatever it shows.

A board page without a valid login redirects to `/board/login`, saying whether the login expired
or was not valid. The shell carries the project's latest event id at the moment it was served;
the script reads its data after that and streams from that id, so no change made in between is
missed, and the browser's own `Last-Event-ID` resumes the stream after a dropped connection.
"""

from __future__ import annotations

import html
from importlib import resources
from string import Template
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select

from opentasks_server.board_auth import SESSION_COOKIE, BoardLogin, LoginExpired, board_login
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ProjectRow
from opentasks_server.event_log import format_event_id
from opentasks_server.problems import Unauthorized

__all__ = ["STATIC_DIR", "router", "static_files"]

STATIC_DIR = resources.files(__name__).joinpath("static")
"""The board's HTML, script, style sheet and icon."""

# Scripts and styles come only from the server itself, never inline, so an injected string
# cannot run; pages cannot be framed (clickjacking); the API is on the same origin.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_PAGES = {"tasks", "task", "sessions", "session", "tests", "test"}
ResourceId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]

router = APIRouter(include_in_schema=False)


def static_files() -> StaticFiles:
    """Return the app that serves the board's static files under `/board/static`.

    Returns:
        The static files app.
    """
    return StaticFiles(directory=str(STATIC_DIR))


def _read(name: str) -> str:
    return STATIC_DIR.joinpath(name).read_text(encoding="utf-8")


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=_SECURITY_HEADERS)


def _to_login(request: Request, reason: str | None) -> Response:
    target = "/board/login?next=" + quote(request.url.path, safe="/")
    if reason:
        target += f"&reason={reason}"
    return RedirectResponse(target, status_code=303, headers=_SECURITY_HEADERS)


async def _login_or_redirect(request: Request) -> BoardLogin | Response:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return _to_login(request, None)
    try:
        return await board_login(request, token)
    except LoginExpired:
        return _to_login(request, "expired")
    except Unauthorized:
        return _to_login(request, "invalid")


async def _page(request: Request, page: str, resource_id: str = "") -> Response:
    assert page in _PAGES
    login = await _login_or_redirect(request)
    if not isinstance(login, BoardLogin):
        return login
    database: Database = request.app.state.db
    async with database.read() as session:
        head = await session.scalar(
            select(ProjectRow.last_event_seq).where(ProjectRow.id == login.principal.project_id)
        )
    shell = Template(_read("board.html")).substitute(
        page=page,
        resource_id=html.escape(resource_id),
        event_head=format_event_id(head) if head else "",
        project=html.escape(login.project_name),
    )
    return _html(shell)


@router.get("/")
async def root() -> Response:
    """Send a browser that opens the server's address to the board."""
    return RedirectResponse("/board", status_code=307)


@router.get("/board/login")
async def login_page() -> Response:
    """The login form: it sends the key in a header, never in the URL."""
    return _html(_read("login.html"))


@router.get("/board")
async def tasks_page(request: Request) -> Response:
    """The project's tasks, with filters, pages and live statuses."""
    return await _page(request, "tasks")


@router.get("/board/")
async def tasks_page_with_slash(request: Request) -> Response:
    """Send `/board/` to `/board`, keeping the query.

    The app matches paths exactly (no redirect of trailing slashes, so that an API path never
    answers a redirect); this one address is often typed or linked with its slash.
    """
    query = request.url.query
    return RedirectResponse(f"/board?{query}" if query else "/board", status_code=308)


@router.get("/board/tasks/{task_id}")
async def task_page(request: Request, task_id: ResourceId) -> Response:
    """One task: its fields, workflow steps, executions and live events."""
    return await _page(request, "task", task_id)


@router.get("/board/sessions")
async def sessions_page(request: Request) -> Response:
    """The project's sessions."""
    return await _page(request, "sessions")


@router.get("/board/sessions/{session_id}")
async def session_page(request: Request, session_id: ResourceId) -> Response:
    """One session and its tasks."""
    return await _page(request, "session", session_id)


@router.get("/board/tests")
async def test_runs_page(request: Request) -> Response:
    """The project's test runs."""
    return await _page(request, "tests")


@router.get("/board/tests/{test_id}")
async def test_run_page(request: Request, test_id: ResourceId) -> Response:
    """One test run and its comparisons."""
    return await _page(request, "test", test_id)
