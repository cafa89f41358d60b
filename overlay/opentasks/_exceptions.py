"""The errors the SDK raises, all in one tree.

```
OpenTasksError                    anything this SDK raises on purpose
├── APIError                      something went wrong talking to the API
│   ├── APIStatusError            the server answered with an error status (4xx/5xx)
│   │   ├── BadRequestError           400: the body is not valid JSON
│   │   ├── AuthenticationError       401: no API key, or not a valid one
│   │   ├── PermissionDeniedError     403: the key may not do this
│   │   ├── NotFoundError             404: no such resource in the key's project
│   │   ├── ConflictError             409: not allowed in the current state
│   │   ├── PreconditionFailedError   412: If-Match named a stale version
│   │   ├── UnprocessableEntityError  422: the request does not validate
│   │   ├── RateLimitError            429: too many requests
│   │   └── InternalServerError       5xx: the server failed
│   ├── APIConnectionError        no answer: connection refused, reset, ...
│   │   └── APITimeoutError           no answer in time
│   └── APIResponseValidationError  a success answer that does not parse as the spec says
├── ClientClosedError             the client was closed; make a new one
└── EventStreamError              an event stream broke and could not be resumed
```

Every `APIStatusError` carries the status code, the server's RFC 9457 problem details, the
request id and the raw `httpx.Response`, and its message quotes the server's `detail` and the
request id, so a log line is enough to find the request on the server. No message ever contains
the API key: the key is only ever in a request header, and httpx redacts `Authorization` in its
own `repr`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import httpx

from ._logging import redact

if TYPE_CHECKING:
    from opentasks_api.models import FieldError, Problem

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "EventStreamError",
    "InternalServerError",
    "NotFoundError",
    "OpenTasksError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "error_from_response",
    "response_validation_error",
]


class OpenTasksError(Exception):
    """The base of every error this SDK raises on purpose."""


class APIError(OpenTasksError):
    """Something went wrong while talking to the API.

    Attributes:
        request: The request that failed, when there was one.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(redact(message))
        self.request = request


class APIStatusError(APIError):
    """The server answered with an error status.

    Attributes:
        status_code: The HTTP status code.
        problem: The server's problem details, or `None` when the body was not a problem
            document (e.g. an HTML page from a proxy).
        request_id: The server's id of the request (`X-Request-Id`), if it sent one.
        response: The raw response; its body has been read.
        body: The response body, decoded as JSON when possible, else as text.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        problem: Problem | None,
        body: object,
    ) -> None:
        super().__init__(message, request=_request_of(response))
        self.response = response
        self.status_code = response.status_code
        self.problem = problem
        self.body = body
        self.request_id: str | None = (
            problem.request_id if problem is not None else None
        ) or response.headers.get("x-request-id")

    @property
    def type(self) -> str | None:
        """The problem type URI, e.g. `https://opentasks.dev/problems/not-found`."""
        return self.problem.type_ if self.problem is not None else None

    @property
    def title(self) -> str | None:
        """The problem's short summary."""
        return self.problem.title if self.problem is not None else None

    @property
    def detail(self) -> str | None:
        """What went wrong in this request, as the server explains it."""
        return self.problem.detail if self.problem is not None else None

    @property
    def errors(self) -> list[FieldError]:
        """Per-field validation errors (empty unless the server sent some)."""
        if self.problem is None or not isinstance(self.problem.errors, list):
            return []
        return self.problem.errors


class BadRequestError(APIStatusError):
    """400: the request body is not valid JSON."""


class AuthenticationError(APIStatusError):
    """401: no API key was sent, or it is not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the key is not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: no such resource in the key's project."""


class ConflictError(APIStatusError):
    """409: the change is not allowed in the resource's current state (e.g. an illegal status)."""


class PreconditionFailedError(APIStatusError):
    """412: `If-Match` named a version that is no longer current; refresh and try again."""


class UnprocessableEntityError(APIStatusError):
    """422: the request does not validate; `errors` says where and why."""


class RateLimitError(APIStatusError):
    """429: too many requests, even after the retries."""


class InternalServerError(APIStatusError):
    """5xx: the server failed, even after the retries."""


class APIConnectionError(APIError):
    """No answer from the server: the connection was refused, reset or dropped."""


class APITimeoutError(APIConnectionError):
    """No answer from the server in time."""


class APIResponseValidationError(APIError):
    """The server answered with a success status, but the body does not parse as the spec says.

    A server older or newer than the client may leave out a property this client requires, or
    send a value of another type; this error says so instead of a bare `KeyError` from the
    generated parser.

    Attributes:
        response: The raw response; its body has been read.
        status_code: The HTTP status code.
        body: The response body, decoded as JSON when possible, else as text.
        request_id: The server's id of the request (`X-Request-Id`), if it sent one.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.request_id: str | None = response.headers.get("x-request-id")


class ClientClosedError(OpenTasksError):
    """A call on a client after `close()`, `aclose()` or the end of its `with` block.

    A closed client sends nothing: its connections are gone, and opening new ones would leak
    them. Make a new `Client` (or keep the block open) instead.
    """


class EventStreamError(OpenTasksError):
    """An event stream broke and could not be resumed within its reconnect budget."""


_BY_STATUS: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _request_of(source: httpx.Response | httpx.RequestError) -> httpx.Request | None:
    """The request of a response or an error; httpx raises for one made without it (`expect`)."""
    try:
        return source.request
    except RuntimeError:
        return None


def _decode_body(content: bytes) -> object:
    """Decode a body as JSON when it is JSON, else as text; never raises."""
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def _parse_problem(body: object) -> Problem | None:
    """Parse a problem document, or return `None` when the body is not one."""
    # Imported on the first error, not with the SDK: most programs never parse one.
    from opentasks_api.models import Problem

    if not isinstance(body, dict):
        return None
    try:
        # A JSON object decoded by json.loads: string keys; from_dict checks the values.
        return Problem.from_dict(cast("dict[str, Any]", body))
    except (KeyError, TypeError, ValueError):
        return None


def _message(
    status_code: int, problem: Problem | None, body: object, request_id: str | None
) -> str:
    if problem is not None:
        text = f"{status_code} {problem.title}: {problem.detail}"
        if problem.errors:
            fields = "; ".join(
                f"{'.'.join(str(part) for part in error.loc)}: {error.message}"
                for error in problem.errors
            )
            text = f"{text} ({fields})"
    else:
        snippet = body if isinstance(body, str) else json.dumps(body)
        reason = httpx.codes.get_reason_phrase(status_code) or "Error"
        text = f"{status_code} {reason}: {snippet[:500]}" if snippet else f"{status_code} {reason}"
    if request_id:
        text = f"{text} [request_id={request_id}]"
    return text


def error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the error for an error response.

    Args:
        response: The response; its body must have been read.

    Returns:
        An instance of the most specific `APIStatusError` subclass for the status, carrying the
        parsed problem details when the body is a problem document.
    """
    body = _decode_body(response.content)
    problem = _parse_problem(body)
    request_id = (problem.request_id if problem else None) or response.headers.get("x-request-id")
    status = response.status_code
    # Every 5xx is an `InternalServerError`; a 4xx without a class of its own, an `APIStatusError`.
    cls = InternalServerError if status >= 500 else _BY_STATUS.get(status, APIStatusError)
    message = _message(status, problem, body, request_id)
    return cls(message, response=response, problem=problem, body=body)


def connection_error(error: httpx.TransportError) -> APIConnectionError:
    """Wrap an httpx transport error (after the retries gave up) in the SDK's tree.

    Args:
        error: What httpx raised.

    Returns:
        An `APITimeoutError` for timeouts, else an `APIConnectionError`.
    """
    request = _request_of(error)
    where = f" ({request.method} {request.url})" if request is not None else ""
    reason = f"{type(error).__name__}: {_transport_reason(error)}"
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"The request timed out{where}: {reason}", request=request)
    return APIConnectionError(f"Could not reach the server{where}: {reason}", request=request)


# Each transport words its timeouts its own way; the SDK says which timeout ran out.
_TIMEOUTS: tuple[tuple[type[httpx.TimeoutException], str], ...] = (
    (httpx.ConnectTimeout, "no connection within the connect timeout"),
    (httpx.ReadTimeout, "no answer within the read timeout"),
    (httpx.WriteTimeout, "the request could not be sent within the write timeout"),
    (httpx.PoolTimeout, "no free connection within the pool timeout"),
)


def _transport_reason(error: BaseException) -> str:
    """Say why a connection failed in the same words whichever transport failed.

    The standard library's transport and aiohttp's word the same refusal differently (aiohttp
    adds `ssl:default` even for an http:// URL), so the operating system's own error, found
    beneath the transport's, is quoted when there is one.
    """
    for kind, phrase in _TIMEOUTS:
        if isinstance(error, kind):
            return phrase
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and cause.errno:
            return f"[Errno {cause.errno}] {os.strerror(cause.errno)}"
        cause = cause.__cause__ or cause.__context__
    return str(error) or "no answer"


def response_validation_error(
    response: httpx.Response, error: Exception
) -> APIResponseValidationError:
    """Build the error for a success response that the generated parser could not read.

    Args:
        response: The response; its body has been read.
        error: What the generated parser raised.

    Returns:
        The error, naming the request, the status and what did not parse.
    """
    body = _decode_body(response.content)
    request = response.request
    what = f"missing property {error.args[0]!r}" if isinstance(error, KeyError) else str(error)
    message = (
        f"The {response.status_code} answer to {request.method} {request.url.path} does not "
        f"match the schema this client was built from: {what}"
    )
    request_id = response.headers.get("x-request-id")
    if request_id:
        message = f"{message} [request_id={request_id}]"
    return APIResponseValidationError(message, response=response, body=body)
