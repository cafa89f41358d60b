"""Browser logins: an API key exchanged for a session cookie, and CSRF checks on its writes.

A browser cannot keep a key safe: JavaScript can read anything it stores, and a key put in a URL
(the only way `EventSource` could send one) lands in access logs and history. So the board logs in
once, sending the key in `Authorization` to `POST /v1/auth/session`, and gets back a cookie that
is `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page makes the browser send
it) and `Secure` when the request came over HTTPS. The cookie holds 256 random bits; the server
keeps only their SHA-256 in `board_sessions`, beside the project, the key it was made with (a
revoked key ends its logins) and an expiry.

A request authenticated by the cookie may read as a key of its project may. A write (any method
but GET, HEAD and OPTIONS) must also carry the login's CSRF token in `X-CSRF-Token`: the token is
handed only to a same-origin script (in the login's response body), so a forged cross-site form
or `fetch` cannot send it. SameSite=Strict already keeps the cookie off cross-site requests; the
token also covers browsers and same-site origins where it does not.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import delete, select
from starlette.responses import Response

from opentasks_server.auth import Principal, hash_key
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ApiKeyRow, BoardSessionRow, ProjectRow
from opentasks_server.db.types import utcnow
from opentasks_server.ids import new_id
from opentasks_server.problems import ApiError, Unauthorized

__all__ = [
    "CSRF_HEADER",
    "DEFAULT_BOARD_SESSION_SECONDS",
    "SAFE_METHODS",
    "SESSION_COOKIE",
    "BoardLogin",
    "CsrfRejected",
    "LoginExpired",
    "board_login",
    "clear_session_cookie",
    "end_board_session",
    "open_board_session",
    "set_session_cookie",
]

SESSION_COOKIE = "opentasks_session"
CSRF_HEADER = "X-CSRF-Token"
DEFAULT_BOARD_SESSION_SECONDS = 12 * 60 * 60
"""How long a board login lasts: a working day, after which the board asks for the key again."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_LOG_IN_AGAIN = "Log in again at /board/login, or send an API key in `Authorization: Bearer <key>`."


class CsrfRejected(ApiError):  # noqa: N818 - named after its problem type, as the others are
    """A write authenticated by the session cookie came without its CSRF token."""

    status = 403
    slug = "csrf-rejected"
    title = "CSRF token missing or wrong"


class LoginExpired(Unauthorized):
    """The session cookie names a login that has expired."""


@dataclass(frozen=True, slots=True)
class BoardLogin:
    """A board session found valid for a request.

    Attributes:
        principal: The project and key the login was made with.
        session_id: The `board_sessions` row.
        csrf_token: The token writes must send in `X-CSRF-Token`.
        expires_at: When the login ends.
        project_name: The project's name, for the board to show.
    """

    principal: Principal
    session_id: str
    csrf_token: str
    expires_at: dt.datetime
    project_name: str


async def open_board_session(
    database: Database, principal: Principal, seconds: float
) -> tuple[str, BoardLogin]:
    """Record a new login of a key's project and return the cookie's token.

    The project's expired logins are deleted in the same transaction, so the table holds at most
    the logins of the last `seconds`.

    Args:
        database: The database.
        principal: The key that logs in.
        seconds: How long the login lasts.

    Returns:
        The token to put in the cookie (shown only this once) and the login.
    """
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = BoardSessionRow(
        id=new_id("bses"),
        token_hash=hash_key(token),
        project_id=principal.project_id,
        key_id=principal.key_id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + dt.timedelta(seconds=seconds),
    )
    async with database.write() as session:
        await session.execute(
            delete(BoardSessionRow).where(
                BoardSessionRow.project_id == principal.project_id,
                BoardSessionRow.expires_at <= now,
            )
        )
        session.add(row)
        project_name = await session.scalar(
            select(ProjectRow.name).where(ProjectRow.id == principal.project_id)
        )
    login = BoardLogin(
        principal=principal,
        session_id=row.id,
        csrf_token=row.csrf_token,
        expires_at=row.expires_at,
        project_name=project_name or "",
    )
    return token, login


async def board_login(request: Request, token: str) -> BoardLogin:
    """Resolve a session cookie to its login, and check the CSRF token of a write.

    Reading only: an expired or unknown cookie changes nothing stored.

    Args:
        request: The request that carried the cookie.
        token: The cookie's value.

    Returns:
        The login; it is also kept in `request.state.board_login`.

    Raises:
        Unauthorized: When the cookie names no login, or one whose key was revoked.
        LoginExpired: When the cookie names an expired login.
        CsrfRejected: When a write lacks the login's CSRF token.
    """
    digest = hash_key(token)
    database: Database = request.app.state.db
    async with database.read() as session:
        found = (
            await session.execute(
                select(BoardSessionRow, ProjectRow.name)
                .join(ApiKeyRow, ApiKeyRow.id == BoardSessionRow.key_id)
                .join(ProjectRow, ProjectRow.id == BoardSessionRow.project_id)
                .where(BoardSessionRow.token_hash == digest, ApiKeyRow.revoked_at.is_(None))
            )
        ).first()
    if found is None or not hmac.compare_digest(found[0].token_hash, digest):
        raise Unauthorized(
            "The session cookie is not valid: it names no login of this server "
            "(logged out, or its key was revoked). " + _LOG_IN_AGAIN
        )
    row, project_name = found
    if row.expires_at <= utcnow():
        raise LoginExpired(
            f"The board login expired at {row.expires_at.isoformat()}. " + _LOG_IN_AGAIN
        )
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode("utf-8"), row.csrf_token.encode("utf-8")):
            raise CsrfRejected(
                f"A write authenticated by the session cookie must send the login's CSRF token "
                f"in `{CSRF_HEADER}` (`csrf_token` of `GET /v1/auth/session`)."
            )
    login = BoardLogin(
        principal=Principal(project_id=row.project_id, key_id=row.key_id),
        session_id=row.id,
        csrf_token=row.csrf_token,
        expires_at=row.expires_at,
        project_name=project_name,
    )
    request.state.board_login = login
    return login


async def end_board_session(database: Database, session_id: str) -> None:
    """Delete a login, so its cookie stops working at once (logout).

    Args:
        database: The database.
        session_id: The login's row id.
    """
    async with database.write() as session:
        await session.execute(delete(BoardSessionRow).where(BoardSessionRow.id == session_id))


def set_session_cookie(response: Response, request: Request, token: str, seconds: float) -> None:
    """Put the login's cookie on a response.

    Args:
        response: The response.
        request: The request, whose scheme decides `Secure`.
        token: The login's token.
        seconds: The cookie's lifetime, the login's.
    """
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(seconds),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    """Tell the browser to drop the login's cookie.

    Args:
        response: The response.
        request: The request, whose scheme decides `Secure`.
    """
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
