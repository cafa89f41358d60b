"""Exactly-once writes with `Idempotency-Key`: every POST, and PATCH and DELETE.

PATCH and DELETE need it as much as POST does: a PATCH sent with `If-Match` and retried after its
reply was lost would otherwise meet the version its first attempt created and answer 412, and a
retried DELETE would answer 404, though each had succeeded. With a key, the retry is answered with
the first reply.

The key is stored per project with a hash of the request (method, path and the body in canonical
JSON form) and the response. The key row is inserted first, inside the same transaction as the
work: a second request with the same key either finds the committed row and replays it, or (on
PostgreSQL, while the first is still running) blocks on the unique index until the first
commits, gets an integrity error, and then replays. On SQLite `BEGIN IMMEDIATE` already lets one
writer in at a time. If the work fails, the transaction rolls back with the key row, so a retry
runs again: only successful responses are stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from opentasks_server.db.models import IdempotencyKeyRow
from opentasks_server.outbox import write_transaction
from opentasks_server.problems import IdempotencyKeyReuse

__all__ = ["REPLAYED_HEADER", "idempotent_write", "request_hash"]

REPLAYED_HEADER = "Idempotent-Replayed"
# Response headers worth replaying; X-Request-Id is the replaying request's own.
_STORED_HEADERS = ("etag", "location")
_ATTEMPTS = 5

Action = Callable[[AsyncSession], Awaitable[Response]]


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


def _replay(row: IdempotencyKeyRow) -> Response:
    headers = dict(row.response_headers)
    headers[REPLAYED_HEADER] = "true"
    body = row.response_body or ""
    return Response(
        content=body,
        status_code=row.status_code or 200,
        headers=headers,
        # A 204 (a delete) has no body, and so no content type.
        media_type="application/json" if body else None,
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
    for attempt in range(_ATTEMPTS):
        try:
            async with write_transaction(request) as session:
                existing = await session.scalar(
                    select(IdempotencyKeyRow).where(
                        IdempotencyKeyRow.project_id == project_id, IdempotencyKeyRow.key == key
                    )
                )
                if existing is not None:
                    if existing.request_hash != fingerprint:
                        raise IdempotencyKeyReuse(
                            "This Idempotency-Key was already used with a different request; "
                            "send a new key for a new request."
                        )
                    return _replay(existing)
                row = IdempotencyKeyRow(project_id=project_id, key=key, request_hash=fingerprint)
                session.add(row)
                # The insert comes first: a concurrent request with the key waits here.
                await session.flush()
                response = await action(session)
                row.status_code = response.status_code
                row.response_body = bytes(response.body).decode("utf-8")
                row.response_headers = {
                    name: value
                    for name, value in response.headers.items()
                    if name.lower() in _STORED_HEADERS
                }
                return response
        except IntegrityError:
            # Another request with this key committed first; the next attempt replays it.
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover
