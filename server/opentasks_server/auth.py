"""API keys: how they look, how they are stored, and how a request proves it holds one.

A key is `ot_` and 43 URL-safe characters (256 random bits). The server keeps only its SHA-256;
a request's key is hashed and looked up by that hash, and the stored hash is compared with
`hmac.compare_digest` so no timing difference tells how much of a guess was right.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from opentasks_server.db.engine import Database
from opentasks_server.db.models import ApiKeyRow
from opentasks_server.problems import Unauthorized

__all__ = [
    "KEY_PREFIX",
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


async def authenticate(request: Request) -> Principal:
    """Resolve the request's API key to its project (a FastAPI dependency).

    Args:
        request: The request.

    Returns:
        The caller.

    Raises:
        Unauthorized: When no key was sent or it is not a valid key.
    """
    key = key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if key is None:
        raise Unauthorized("No API key was sent. " + _HOW_TO)
    digest = hash_key(key)
    database: Database = request.app.state.db
    async with database.read() as session:
        row = await session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_hash == digest))
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, digest):
        raise Unauthorized("The API key is not valid. " + _HOW_TO)
    request.state.project_id = row.project_id
    return Principal(project_id=row.project_id, key_id=row.id)


ProjectScope = Annotated[Principal, Depends(authenticate)]
"""A route parameter that requires a valid key and carries its project."""
