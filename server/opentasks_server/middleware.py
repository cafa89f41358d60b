"""ASGI middleware: request ids, the last-resort 500, body size and nesting limits.

They are plain ASGI callables rather than `BaseHTTPMiddleware`, so streamed responses (Server-Sent
Events) pass through unbuffered.
"""

from __future__ import annotations

import logging
import re

from opentasks_schema import FieldError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opentasks_server.ids import ulid
from opentasks_server.json_depth import MAX_JSON_DEPTH, json_depth_exceeds
from opentasks_server.json_numbers import non_finite_numbers
from opentasks_server.problems import problem_response

__all__ = ["BodyLimitMiddleware", "BodyTooLarge", "HeadMiddleware", "RequestContextMiddleware"]

_log = logging.getLogger("opentasks_server")
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
REQUEST_ID_HEADER = b"x-request-id"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


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
    """Give every request an id and turn crashes into a 500 problem.

    The id is the client's `X-Request-Id` when it is a sane token, otherwise a new one; it is
    put in `request.state.request_id` and on every response as `X-Request-Id`.

    Args:
        app: The wrapped app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

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

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:  # noqa: BLE001 - the last resort: every failure becomes a 500 problem
            # The traceback goes to the log, never to the client.
            _log.exception("unhandled error in request %s", request_id)
            if started:
                return
            response = problem_response(
                Request(scope),
                status=500,
                slug="internal-error",
                title="Internal server error",
                detail=f"The server failed to handle the request; quote request id {request_id} when reporting it.",
            )
            await response(scope, receive, send_with_id)


class BodyLimitMiddleware:
    """Enforce the body size and nesting limits before any parser sees the body.

    A body larger than `max_body_bytes` is refused with a 413, from its `Content-Length` when
    it declares one, else as soon as the bytes read pass the limit. A body that may be JSON is
    read here first and refused with a 422 when it nests deeper than
    `json_depth.MAX_JSON_DEPTH` (see that module), before any parser recurses into it.

    It sits inside the gate (`opentasks_server.gate`), so no body is read for a request without
    a valid key.

    Args:
        app: The wrapped app.
        max_body_bytes: The largest request body accepted.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http" or not _declares_body(scope):
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        request = Request(scope)
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(request, limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        if _has_body(request) and _is_api(request) and _names_another_media_type(request):
            await _unsupported_media_type(request)(scope, receive, send)
            return
        try:
            app_receive: Receive = receive_limited
            if _may_carry_json(request):
                body = await _read_body(receive_limited)
                if body is None:
                    return  # the client went away before sending the whole body
                if json_depth_exceeds(body):
                    await _too_deep(request)(scope, receive, send)
                    return
                non_finite = non_finite_numbers(body)
                if non_finite:
                    await _not_finite(request, non_finite)(scope, receive, send)
                    return
                app_receive = _replay(body, receive)
            await self.app(scope, app_receive, send_tracked)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(request, limit)(scope, receive, send)


class HeadMiddleware:
    """Answer `HEAD` on every `GET` route as `GET` would, without the body (RFC 9110, 9.3.2).

    The routes see a `GET` (FastAPI routes a `GET` route's `HEAD` nowhere); the server writes
    no body for a `HEAD` anyway. The response ends with its first body message, so a `HEAD` of
    an event stream answers its headers and ends instead of streaming.

    Args:
        app: The wrapped app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def send_head(message: Message) -> None:
            nonlocal ended
            if ended:
                return
            if message["type"] == "http.response.body":
                ended = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # A copy: the server keeps reading `method` from its own scope to leave the body out.
        await self.app({**scope, "method": "GET"}, receive, send_head)


def _too_large(request: Request, limit: int) -> Response:
    return problem_response(
        request,
        status=413,
        slug="payload-too-large",
        title="Request body too large",
        detail=str(BodyTooLarge(limit).detail),
    )


def _declares_body(scope: Scope) -> bool:
    # HTTP/1.1 frames a request body with Content-Length or Transfer-Encoding; a request with
    # neither has none (RFC 9112, 6.3), so there is nothing to limit, check or read.
    return any(
        name in (b"content-length", b"transfer-encoding") for name, _ in scope.get("headers", ())
    )


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return request.headers.get("transfer-encoding") is not None or (
        length is not None and length.strip() not in {"", "0"}
    )


def _names_another_media_type(request: Request) -> bool:
    # Only the methods whose bodies the routes read; FastAPI reads a body without a
    # Content-Type as JSON, so only a declared other type is refused.
    content_type = request.headers.get("content-type", "").lower()
    return request.method in _BODY_METHODS and bool(content_type) and "json" not in content_type


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/v1/")


def _unsupported_media_type(request: Request) -> Response:
    sent = request.headers.get("content-type", "").split(";")[0].strip()[:100]
    return problem_response(
        request,
        status=415,
        slug="unsupported-media-type",
        title="Unsupported media type",
        detail=(
            f"The request body is {sent!r}; this API takes JSON bodies only: send "
            "`Content-Type: application/json`."
        ),
    )


def _not_finite(request: Request, paths: list[list[str | int]]) -> Response:
    errors = [
        FieldError(
            loc=["body", *path],
            message="Not a finite number: JSON has no NaN or Infinity, and a number must fit "
            "a 64-bit float",
            type="non_finite_number",
        )
        for path in paths
    ]
    where = ", ".join(".".join(str(part) for part in path) for path in paths[:5])
    return problem_response(
        request,
        status=422,
        slug="validation-error",
        title="Validation error",
        detail=f"The request body holds numbers that are not finite ({where}); see `errors`.",
        errors=errors,
    )


def _may_carry_json(request: Request) -> bool:
    # FastAPI parses a body without a Content-Type as JSON too.
    content_type = request.headers.get("content-type", "").lower()
    return request.method in _BODY_METHODS and (not content_type or "json" in content_type)


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
