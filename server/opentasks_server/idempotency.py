"""Exactly-once writes with `Idempotency-Key`: every POST, and PATCH and DELETE.

PATCH and DELETE need it as much as POST does: a PATCH sent with `If-Match` and retried after its
reply was lost would otherwise meet the version its first attempt created and answer 412, and a
retried DELETE would answer 404, though each had succeeded. With a key, the retry is answered with
the first reply.

The key is stored per project with a hash of the request (method, path and the body in canonical
JSON form) and the response. The key row is claimed first, inside the same transaction as the
work, with `INSERT ... ON CONFLICT DO NOTHING RETURNING`: a row back means the key is new and the
work runs; no row means the key is taken, and the stored response is read and replayed. While a
first request with the key is still running, a second one's insert waits on the unique index
(PostgreSQL) or for the write lock (SQLite) until the first commits, then finds the key taken and
replays; it never does the work, so it cannot answer a 412 or 409 that the first request's own
change caused. If the work fails, the transaction rolls back with the key row, so a retry runs
again: only successful responses are stored.

The statements are Core statements built once (the claim, the read of a stored response, the
update that stores the response): an SDK sends a key with every write, so this is the path most
writes take, and the ORM's unit of work cost more than the statements.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from opentasks_server.db.engine import Database
from opentasks_server.db.models import IdempotencyKeyRow, table
from opentasks_server.outbox import write_transaction
from opentasks_server.problems import IdempotencyKeyReuse

__all__ = ["REPLAYED_HEADER", "idempotent_write", "request_hash"]

REPLAYED_HEADER = "Idempotent-Replayed"
# Response headers worth replaying; X-Request-Id is the replaying request's own.
_STORED_HEADERS = ("etag", "location")
_ATTEMPTS = 5

Action = Callable[[AsyncSession], Awaitable[Response]]

_KEYS = table(IdempotencyKeyRow)
# The claim: a row back (its pk) means this request owns the key. One per dialect, as
# ON CONFLICT is spelled by each dialect's own insert construct.
_CLAIM = {
    name: dialect.insert(_KEYS)
    .on_conflict_do_nothing(index_elements=[_KEYS.c.project_id, _KEYS.c.key])
    .returning(_KEYS.c.pk)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
_STORED = select(
    _KEYS.c.request_hash, _KEYS.c.status_code, _KEYS.c.response_body, _KEYS.c.response_headers
).where(_KEYS.c.project_id == bindparam("project"), _KEYS.c.key == bindparam("key"))
_STORE = (
    update(_KEYS)
    .where(_KEYS.c.pk == bindparam("claimed"))
    .values(
        status_code=bindparam("status"),
        response_body=bindparam("body"),
        response_headers=bindparam("headers"),
    )
)


def request_hash(method: str, path: str, body: bytes) -> str:
    """Hash what makes two requests "the same request" for an idempotency key.

    Args:
        method: The HTTP method.
        path: The URL path.
        body: The raw body; JSON is put in canonical form first, so key order and spacing
            do not matter.

    Returns:
        The SHA-256 in hex.
    """
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
    except (ValueError, UnicodeDecodeError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _replay(status_code: int | None, body: str | None, headers: dict[str, str]) -> Response:
    content = body or ""
    return Response(
        content=content,
        status_code=status_code or 200,
        headers={**headers, REPLAYED_HEADER: "true"},
        # A 204 (a delete) has no body, and so no content type.
        media_type="application/json" if content else None,
    )


async def idempotent_write(
    request: Request, *, project_id: str, key: str | None, action: Action
) -> Response:
    """Run a write once per idempotency key, replaying its response on repeats.

    Args:
        request: The request (its method, path and body make the request hash).
        project_id: The caller's project; keys are scoped to it.
        key: The `Idempotency-Key` header, or `None` to just run the write.
        action: Does the work in the given session (inside the write transaction) and
            returns the response.

    Returns:
        The response of the first successful request with this key.

    Raises:
        IdempotencyKeyReuse: When the key was used with a different request.
    """
    if key is None:
        async with write_transaction(request) as session:
            return await action(session)
    fingerprint = request_hash(request.method, request.url.path, await request.body())
    database: Database = request.app.state.db
    for attempt in range(_ATTEMPTS):
        try:
            async with write_transaction(request) as session:
                claim = _CLAIM["sqlite" if database.is_sqlite else "postgresql"]
                values = {"project_id": project_id, "key": key, "request_hash": fingerprint}
                claimed = (await session.execute(claim, values)).scalar()
                if claimed is None:
                    stored = (
                        await session.execute(_STORED, {"project": project_id, "key": key})
                    ).first()
                    if stored is None:
                        continue  # not visible yet (cannot happen at READ COMMITTED); again
                    if stored.request_hash != fingerprint:
                        raise IdempotencyKeyReuse(
                            "This Idempotency-Key was already used with a different request; "
                            "send a new key for a new request."
                        )
                    return _replay(
                        stored.status_code, stored.response_body, stored.response_headers
                    )
                response = await action(session)
                headers = {
                    name: value
                    for name, value in response.headers.items()
                    if name.lower() in _STORED_HEADERS
                }
                stored_response = {
                    "claimed": claimed,
                    "status": response.status_code,
                    "body": bytes(response.body).decode("utf-8"),
                    "headers": headers,
                }
                await session.execute(_STORE, stored_response)
                return response
        except IntegrityError:
            # Another request with this key committed first; the next attempt replays it.
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover
