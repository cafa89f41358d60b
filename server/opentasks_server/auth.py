"""API keys: how they look, how they are stored, and how a request proves it holds one.

A key is `ot_` and 43 URL-safe characters (256 random bits). The server keeps only its SHA-256;
a request's key is hashed and looked up by that hash, and the stored hash is compared with
`hmac.compare_digest` so no timing difference tells how much of a guess was right.

A key found valid is remembered in memory, by its hash, for `DEFAULT_KEY_CACHE_SECONDS` (see
`KeyCache`): without it every request opened a read transaction of its own just to learn its
project, which cost as much as the work most requests came for. The price is that a key revoked
in the database (`api_keys.revoked_at`; there is no revocation API yet) keeps working in a
server process for at most that long. Unknown and revoked keys are never remembered, so a new
key works at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from opentasks_server.db.engine import Database
from opentasks_server.db.models import ApiKeyRow
from opentasks_server.problems import Unauthorized

__all__ = [
    "DEFAULT_KEY_CACHE_SECONDS",
    "KEY_PREFIX",
    "PRINCIPAL_STATE",
    "KeyCache",
    "Principal",
    "ProjectScope",
    "authenticate",
    "generate_key",
    "hash_key",
    "key_from_headers",
    "missing_key_message",
    "principal_of",
]

KEY_PREFIX = "ot_"
PRINCIPAL_STATE = "principal"
"""The key of `scope["state"]` under which the gate leaves the request's `Principal`."""
_HOW_TO = (
    "Send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`; "
    "`opentasks keys create --project NAME` makes one."
)


def generate_key() -> str:
    """Return a new API key in clear text.

    Returns:
        `ot_` and 43 URL-safe characters.
    """
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """Return the stored form of a key.

    Args:
        key: The key in clear text.

    Returns:
        The SHA-256 of the key, in hex.
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """Pick the API key out of a request's headers.

    The scheme of `Authorization` is matched without regard to case and any run of spaces or
    tabs may separate it from the key, as RFC 9110 allows, so every spelling of one key is the
    same key.

    Args:
        authorization: The `Authorization` header (`Bearer <key>`).
        x_api_key: The `X-API-Key` header.

    Returns:
        The key, or `None` when neither header carries one.
    """
    if authorization:
        scheme, credentials = _split_authorization(authorization)
        if scheme.lower() == "bearer" and credentials:
            return credentials
    if x_api_key and x_api_key.strip():
        return x_api_key.strip()
    return None


def _split_authorization(authorization: str) -> tuple[str, str]:
    parts = authorization.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def missing_key_message(authorization: str | None) -> str:
    """Say why a request's headers carry no API key, and how to send one.

    Args:
        authorization: The request's `Authorization` header, if any.

    Returns:
        The detail of the 401 problem.
    """
    if authorization and authorization.strip():
        scheme, _ = _split_authorization(authorization)
        if scheme.lower() != "bearer":
            return (
                f"The Authorization header uses the {scheme[:32]!r} scheme; this server takes "
                "only Bearer API keys. " + _HOW_TO
            )
        return "The Authorization header names the Bearer scheme but carries no key. " + _HOW_TO
    return "No API key was sent. " + _HOW_TO


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's project.

    Attributes:
        project_id: The project every query of the request is scoped to.
        key_id: The id of the key used.
    """

    project_id: str
    key_id: str


DEFAULT_KEY_CACHE_SECONDS = 5.0
"""How long a server process trusts a key it found valid before it reads the key again."""


class KeyCache:
    """Valid keys' projects, by key hash, each for a fixed time after it was read.

    Only hashes are held, never keys. At most `max_entries` are kept; past that the oldest
    entry is dropped, so a flood of distinct valid keys cannot grow memory without bound.

    Args:
        seconds: How long an entry is trusted; 0 turns the cache off.
        max_entries: The most keys remembered at once.
        clock: Monotonic seconds; tests pass a fake.
    """

    def __init__(
        self,
        seconds: float = DEFAULT_KEY_CACHE_SECONDS,
        *,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._clock = clock
        self._entries: dict[str, tuple[float, Principal]] = {}

    def get(self, digest: str) -> Principal | None:
        """Return the principal of a key hash read less than `seconds` ago.

        Args:
            digest: The key's SHA-256, in hex.

        Returns:
            The principal, or `None` when the key must be read from the database.
        """
        entry = self._entries.get(digest)
        if entry is None:
            return None
        expires, principal = entry
        if self._clock() >= expires:
            del self._entries[digest]
            return None
        return principal

    def put(self, digest: str, principal: Principal) -> None:
        """Remember a key found valid.

        Args:
            digest: The key's SHA-256, in hex.
            principal: Its project and key id.
        """
        if self.seconds <= 0:
            return
        self._entries.pop(digest, None)
        while len(self._entries) >= self.max_entries:
            # Dicts keep insertion order: the first entry is the oldest.
            del self._entries[next(iter(self._entries))]
        self._entries[digest] = (self._clock() + self.seconds, principal)

    def clear(self) -> None:
        """Forget every key, so the next request of each reads it again."""
        self._entries.clear()


async def principal_of(conn: Request, *, cookie: bool = True) -> Principal:
    """Resolve a request's API key (or board login cookie), from its headers alone, to its project.

    Nothing of the body is read, so `opentasks_server.gate` calls it before the body arrives.

    Args:
        conn: The request; its body is not touched.
        cookie: Whether a board login cookie may stand in for a key (not when logging in:
            a cookie must not make another login).

    Returns:
        The caller.

    Raises:
        Unauthorized: When no key was sent or it is not a valid key, or a session cookie
            (sent without a key) names no valid board login.
        CsrfRejected: When a write authenticated by the session cookie lacks its CSRF token.
    """
    authorization = conn.headers.get("authorization")
    key = key_from_headers(authorization, conn.headers.get("x-api-key"))
    if key is None:
        token = conn.cookies.get("opentasks_session")
        if token and not cookie:
            raise Unauthorized(
                "Logging in needs an API key in `Authorization: Bearer <key>` or `X-API-Key`; "
                "a session cookie cannot make another login."
            )
        if token:
            # A browser logged in to the board; see board_auth (imported here: it imports us).
            from opentasks_server.board_auth import board_login

            return (await board_login(conn, token)).principal
        raise Unauthorized(missing_key_message(authorization))
    digest = hash_key(key)
    cache: KeyCache = conn.app.state.key_cache
    principal = cache.get(digest)
    if principal is None:
        database: Database = conn.app.state.db
        async with database.read() as session:
            row = (
                await session.execute(
                    select(ApiKeyRow.id, ApiKeyRow.project_id, ApiKeyRow.key_hash).where(
                        ApiKeyRow.key_hash == digest, ApiKeyRow.revoked_at.is_(None)
                    )
                )
            ).first()
        if row is None or not hmac.compare_digest(row.key_hash, digest):
            raise Unauthorized("The API key is not valid. " + _HOW_TO, invalid_token=True)
        principal = Principal(project_id=row.project_id, key_id=row.id)
        cache.put(digest, principal)
    return principal


async def authenticate(request: Request) -> Principal:
    """Return the request's caller (a FastAPI dependency).

    The gate in front of the app has already resolved the key from the headers (see
    `opentasks_server.gate`); an app without it resolves the key here.

    Args:
        request: The request.

    Returns:
        The caller.

    Raises:
        Unauthorized: When no key was sent or it is not a valid key, or a session cookie
            (sent without a key) names no valid board login.
        CsrfRejected: When a write authenticated by the session cookie lacks its CSRF token.
    """
    principal = request.scope.get("state", {}).get(PRINCIPAL_STATE)
    if not isinstance(principal, Principal):
        principal = await principal_of(request)
    request.state.project_id = principal.project_id
    return principal


ProjectScope = Annotated[Principal, Depends(authenticate)]
"""A route parameter that requires a valid key and carries its project."""
