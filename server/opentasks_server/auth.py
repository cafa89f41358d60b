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
    "KeyCache",
    "Principal",
    "ProjectScope",
    "generate_key",
    "hash_key",
    "key_from_headers",
]

KEY_PREFIX = "ot_"
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

    Args:
        authorization: The `Authorization` header (`Bearer <key>`).
        x_api_key: The `X-API-Key` header.

    Returns:
        The key, or `None` when neither header carries one.
    """
    if authorization:
        scheme, _, credentials = authorization.strip().partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
    if x_api_key and x_api_key.strip():
        return x_api_key.strip()
    return None


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


async def authenticate(request: Request) -> Principal:
    """Resolve the request's API key to its project (a FastAPI dependency).

    Args:
        request: The request.

    Returns:
        The caller.

    Raises:
        Unauthorized: When no key was sent or it is not a valid key, or a session cookie
            (sent without a key) names no valid board login.
        CsrfRejected: When a write authenticated by the session cookie lacks its CSRF token.
    """
    key = key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if key is None:
        cookie = request.cookies.get("opentasks_session")
        if cookie:
            # A browser logged in to the board; see board_auth (imported here: it imports us).
            from opentasks_server.board_auth import board_login

            login = await board_login(request, cookie)
            request.state.project_id = login.principal.project_id
            return login.principal
        raise Unauthorized("No API key was sent. " + _HOW_TO)
    digest = hash_key(key)
    cache: KeyCache = request.app.state.key_cache
    principal = cache.get(digest)
    if principal is None:
        database: Database = request.app.state.db
        async with database.read() as session:
            row = (
                await session.execute(
                    select(ApiKeyRow.id, ApiKeyRow.project_id, ApiKeyRow.key_hash).where(
                        ApiKeyRow.key_hash == digest, ApiKeyRow.revoked_at.is_(None)
                    )
                )
            ).first()
        if row is None or not hmac.compare_digest(row.key_hash, digest):
            raise Unauthorized("The API key is not valid. " + _HOW_TO)
        principal = Principal(project_id=row.project_id, key_id=row.id)
        cache.put(digest, principal)
    request.state.project_id = principal.project_id
    return principal


ProjectScope = Annotated[Principal, Depends(authenticate)]
"""A route parameter that requires a valid key and carries its project."""
