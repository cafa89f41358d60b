"""Errors as RFC 9457 problem details (`application/problem+json`).

Route code raises an `ApiError` subclass; the app's exception handlers (see `_app.py`) turn it,
FastAPI's validation errors and Starlette's HTTP errors into a problem body that carries the
request id, so every error a client sees has the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opentasks_schema import FieldError, Problem
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

__all__ = [
    "PROBLEM_BASE",
    "ApiError",
    "BadRequest",
    "Conflict",
    "IdempotencyKeyReuse",
    "IllegalTransition",
    "NotFound",
    "PreconditionFailed",
    "Unauthorized",
    "ValidationFailed",
    "problem_response",
]

PROBLEM_BASE = "https://opentasks.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class ApiError(Exception):
    """An error answered to the client as a problem.

    Args:
        detail: What went wrong in this request, and what to do about it.
        headers: Extra response headers (e.g. `Retry-After`).
    """

    status: int = 500
    slug: str = "internal-error"
    title: str = "Internal server error"

    def __init__(self, detail: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})


class BadRequest(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """The request is malformed (e.g. the body is not JSON)."""

    status = 400
    slug = "bad-request"
    title = "Malformed request"


class Unauthorized(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """No API key, or an unknown one.

    The answer carries `WWW-Authenticate: Bearer` (RFC 9110 requires a challenge on a 401), with
    `error="invalid_token"` when a key was sent but is not valid (RFC 6750).

    Args:
        detail: What went wrong and how to send a key.
        invalid_token: Whether a key was sent and refused, rather than none sent.
    """

    status = 401
    slug = "unauthorized"
    title = "Missing or invalid API key"

    def __init__(self, detail: str, *, invalid_token: bool = False) -> None:
        challenge = 'Bearer realm="opentasks"'
        if invalid_token:
            challenge += ', error="invalid_token"'
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class NotFound(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """No such resource in the key's project."""

    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """The change is not allowed in the resource's current state."""

    status = 409
    slug = "conflict"
    title = "Conflict"


class IllegalTransition(Conflict):
    """A status change the state machine does not allow."""

    slug = "illegal-transition"
    title = "Illegal status transition"


class PreconditionFailed(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """`If-Match` names a version that is no longer current."""

    status = 412
    slug = "precondition-failed"
    title = "Precondition failed"


class ValidationFailed(ApiError):  # noqa: N818 - named after the HTTP status, as the problem title
    """The request does not validate; `errors` says where and why.

    Args:
        detail: A summary of what is wrong.
        errors: One `{loc, message, type}` entry per invalid field.
    """

    status = 422
    slug = "validation-error"
    title = "Validation error"

    def __init__(self, detail: str, errors: Sequence[FieldError]) -> None:
        super().__init__(detail)
        self.errors = list(errors)


class IdempotencyKeyReuse(Conflict):
    """An `Idempotency-Key` reused with a different request.

    A 409, not the 422 of the IETF draft: the request is valid in itself and would succeed
    with a fresh key; what refuses it is the server's state, a key already bound to another
    request. Example-driven tools that draw keys (and repeat them) read a 409 as such a
    conflict, and a 422 as a request the contract should have described as invalid.
    """

    slug = "idempotency-key-reuse"
    title = "Idempotency key reused"


def request_id_of(conn: HTTPConnection) -> str:
    """Return the id the request-id middleware gave this request.

    Args:
        conn: The request.

    Returns:
        The request id, or `unknown` if the middleware did not run.
    """
    value = conn.scope.get("state", {}).get("request_id")
    return value if isinstance(value, str) else "unknown"


def problem_response(
    conn: HTTPConnection,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    errors: Sequence[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build a problem response for a request.

    Args:
        conn: The request that failed.
        status: The HTTP status.
        slug: The last part of the problem `type` URI.
        title: A short summary of the kind of problem.
        detail: What went wrong in this request, and what to do about it.
        errors: Per-field errors, for validation problems.
        headers: Extra response headers.

    Returns:
        The response, `application/problem+json`.
    """
    problem = Problem(
        type=PROBLEM_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        instance=conn.url.path,
        request_id=request_id_of(conn),
        errors=list(errors) if errors is not None else None,
    )
    body: dict[str, Any] = problem.model_dump(mode="json", exclude_none=True)
    return JSONResponse(
        body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_MEDIA_TYPE
    )


def api_error_response(conn: HTTPConnection, exc: ApiError) -> JSONResponse:
    """Build the problem response for an `ApiError`.

    Args:
        conn: The request that failed.
        exc: The error.

    Returns:
        The response.
    """
    return problem_response(
        conn,
        status=exc.status,
        slug=exc.slug,
        title=exc.title,
        detail=exc.detail,
        errors=exc.errors if isinstance(exc, ValidationFailed) else None,
        headers=exc.headers,
    )
