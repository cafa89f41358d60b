"""Board logins over HTTP: `create_auth_session`, `get_auth_session`, `delete_auth_session`.

See `opentasks_server.board_auth` for why a browser holds a cookie rather than the key.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from opentasks_schema import AuthenticatedBy, AuthSession, Timestamp
from sqlalchemy import select

from opentasks_server.auth import ProjectScope, authenticate, key_from_headers
from opentasks_server.board_auth import (
    BoardLogin,
    clear_session_cookie,
    end_board_session,
    open_board_session,
    set_session_cookie,
)
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ProjectRow
from opentasks_server.problems import Unauthorized
from opentasks_server.serialize import dump

__all__ = ["router"]

router = APIRouter(tags=["auth"])


def _login_of(request: Request) -> BoardLogin | None:
    login = getattr(request.state, "board_login", None)
    return login if isinstance(login, BoardLogin) else None


def _answer(
    login: BoardLogin | None, project_id: str, project_name: str, status: int
) -> JSONResponse:
    body = AuthSession(
        project_id=project_id,
        project_name=project_name,
        authenticated_by=AuthenticatedBy.API_KEY if login is None else AuthenticatedBy.COOKIE,
        expires_at=None if login is None else Timestamp(login.expires_at),
        csrf_token=None if login is None else login.csrf_token,
    )
    # A login's answer holds its CSRF token: no cache may keep it.
    return JSONResponse(dump(body), status_code=status, headers={"Cache-Control": "no-store"})


@router.post("/v1/auth/session", operation_id="create_auth_session", status_code=201)
async def create_auth_session(request: Request) -> Response:
    """Exchange the API key in the request's headers for a board login cookie."""
    key = key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if key is None:
        # Without this check a session cookie would authenticate the call and extend itself.
        raise Unauthorized(
            "Logging in needs an API key in `Authorization: Bearer <key>` or `X-API-Key`; "
            "a session cookie cannot make another login."
        )
    principal = await authenticate(request)
    seconds: float = request.app.state.board_session_seconds
    token, login = await open_board_session(request.app.state.db, principal, seconds)
    response = _answer(login, principal.project_id, login.project_name, 201)
    set_session_cookie(response, request, token, seconds)
    return response


@router.get("/v1/auth/session", operation_id="get_auth_session")
async def get_auth_session(request: Request, principal: ProjectScope) -> Response:
    """Describe the caller's project and, for a board login, its expiry and CSRF token."""
    login = _login_of(request)
    if login is not None:
        return _answer(login, principal.project_id, login.project_name, 200)
    database: Database = request.app.state.db
    async with database.read() as session:
        name = await session.scalar(
            select(ProjectRow.name).where(ProjectRow.id == principal.project_id)
        )
    return _answer(None, principal.project_id, name or "", 200)


@router.delete("/v1/auth/session", operation_id="delete_auth_session", status_code=204)
async def delete_auth_session(request: Request, principal: ProjectScope) -> Response:
    """End the board login the cookie names and clear the cookie."""
    del principal  # authenticated (and, for a cookie, CSRF-checked) by the dependency
    login = _login_of(request)
    response = Response(status_code=204)
    if login is not None:
        await end_board_session(request.app.state.db, login.session_id)
        clear_session_cookie(response, request)
    return response
