"""ASGI middleware: request ids, body size and nesting limits, the last-resort 500, rate limits.

They are plain ASGI callables rather than `BaseHTTPMiddleware`, so streamed responses (Server-Sent
Events) pass through unbuffered.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import time
from dataclasses import dataclass

from opentasks_schema import FieldError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opentasks_server.ids import ulid
from opentasks_server.json_depth import MAX_JSON_DEPTH, json_depth_exceeds
from opentasks_server.problems import problem_response

__all__ = ["BodyTooLarge", "RateLimitMiddleware", "RequestContextMiddleware"]

_log = logging.getLogger("opentasks_server")
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
REQUEST_ID_HEADER = b"x-request-id"


class BodyTooLarge(HTTPException):
    """The request body passed the size limit while it was read.

    An `HTTPException`, so FastAPI's body parsing lets it through unchanged and the app's
    handler answers it as a 413 problem.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"The request body is larger than the {limit} bytes this server accepts.",
        )


class RequestContextMiddleware:
    """Give every request an id, enforce the body limits, and turn crashes into a 500 problem.

    The id is the client's `X-Request-Id` when it is a sane token, otherwise a new one; it is
    put in `request.state.request_id` and on every response as `X-Request-Id`. A body that may
    be JSON is read here first and refused with a 422 when it nests deeper than
    `json_depth.MAX_JSON_DEPTH` (see that module), before any parser recurses into it.

    Args:
        app: The wrapped app.
        max_body_bytes: The largest request body accepted.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER, b"").decode("latin-1")
        request_id = incoming if _CLIENT_REQUEST_ID.fullmatch(incoming) else "req_" + ulid()
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() != REQUEST_ID_HEADER
                ]
                headers.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        limit = self.max_body_bytes
        request = Request(scope)
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = problem_response(
                request,
                status=413,
                slug="payload-too-large",
                title="Request body too large",
                detail=BodyTooLarge(limit).detail,
            )
            await response(scope, receive, send_with_id)
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            app_receive: Receive = receive_limited
            if _may_carry_json(request):
                body = await _read_body(receive_limited)
                if body is None:
                    return  # the client went away before sending the whole body
                if json_depth_exceeds(body):
                    await _too_deep(request)(scope, receive, send_with_id)
                    return
                app_receive = _replay(body, receive)
            await self.app(scope, app_receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the last resort: every failure becomes a 500 problem
            if isinstance(exc, BodyTooLarge) and not started:
                response = problem_response(
                    request,
                    status=413,
                    slug="payload-too-large",
                    title="Request body too large",
                    detail=str(exc.detail),
                )
                await response(scope, receive, send_with_id)
                return
            # The traceback goes to the log, never to the client.
            _log.exception("unhandled error in request %s", request_id)
            if started:
                return
            response = problem_response(
                request,
                status=500,
                slug="internal-error",
                title="Internal server error",
                detail=f"The server failed to handle the request; quote request id {request_id} when reporting it.",
            )
            await response(scope, receive, send_with_id)


def _may_carry_json(request: Request) -> bool:
    # FastAPI parses a body without a Content-Type as JSON too.
    content_type = request.headers.get("content-type", "").lower()
    return request.method in {"POST", "PUT", "PATCH"} and (
        not content_type or "json" in content_type
    )


async def _read_body(receive: Receive) -> bytes | None:
    """Read the whole request body (the size limit applies while reading); `None` on disconnect."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """Hand the app the body already read, then the connection's later messages."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _too_deep(request: Request) -> Response:
    return problem_response(
        request,
        status=422,
        slug="validation-error",
        title="Validation error",
        detail=(
            f"The request body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; "
            "flatten it."
        ),
        errors=[
            FieldError(
                loc=["body"],
                message=f"JSON nested more than {MAX_JSON_DEPTH} levels deep",
                type="json_too_deep",
            )
        ],
    )


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimitMiddleware:
    """A token bucket per API key (or per client address without one) on `/v1` paths.

    Args:
        app: The wrapped app.
        per_minute: Requests allowed per minute; the bucket holds that many at most.
    """

    def __init__(self, app: ASGIApp, *, per_minute: int) -> None:
        self.app = app
        self.capacity = float(max(per_minute, 1))
        self.rate = self.capacity / 60.0
        self.buckets: dict[str, _Bucket] = {}

    def _identity(self, request: Request) -> str:
        credential = request.headers.get("authorization") or request.headers.get("x-api-key")
        if credential:
            # Keep a digest, not the key itself, in memory.
            return "key:" + hashlib.sha256(credential.encode("utf-8")).hexdigest()
        return "addr:" + (request.client.host if request.client else "unknown")

    def _take(self, identity: str) -> float:
        now = time.monotonic()
        bucket = self.buckets.get(identity)
        if bucket is None:
            bucket = self.buckets[identity] = _Bucket(tokens=self.capacity, updated=now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/v1"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        wait = self._take(self._identity(request))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        response = problem_response(
            request,
            status=429,
            slug="rate-limited",
            title="Too many requests",
            detail=f"This key sent more than {int(self.capacity)} requests a minute; retry after {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )
        await response(scope, receive, send)
