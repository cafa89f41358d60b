"""The gate in front of the `/v1` routes: the API key and the rate limit, from headers alone.

It runs before anything reads the request body, so a request without a valid key is answered
401 at once: its body is never read into memory nor parsed, however large it is (uvicorn then
discards whatever of it still arrives). A valid key's `Principal` is left in
`scope["state"]` (`auth.PRINCIPAL_STATE`), where the routes' `ProjectScope` dependency takes it.

With a rate limiter, every `/v1` request spends one request of its caller's bucket first: the
key's when it is valid, the client address's otherwise, so guessing keys is limited too.
`OPTIONS` passes ungated: it carries no body and reads nothing, and browsers send CORS
preflights without credentials.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from opentasks_server.auth import PRINCIPAL_STATE, Principal, principal_of
from opentasks_server.problems import ApiError, api_error_response, problem_response
from opentasks_server.rate_limit import RateLimiter

__all__ = ["GATED_PREFIX", "LOGIN_PATH", "AuthGate", "caller_identity"]

GATED_PREFIX = "/v1/"
"""Paths that need a key; the service routes (`/healthz`, `/readyz`, `/openapi.yaml`) do not."""
LOGIN_PATH = "/v1/auth/session"
"""Where a key is exchanged for a board login: a `POST` there takes a key, never the cookie."""


def caller_identity(conn: HTTPConnection, principal: Principal | None) -> str:
    """Name the caller a request is counted against.

    Args:
        conn: The request.
        principal: Its valid key, or `None` when it has none.

    Returns:
        `key:<key id>`, or `addr:<client address>` without a valid key.
    """
    if principal is not None:
        return "key:" + principal.key_id
    return "addr:" + (conn.client.host if conn.client else "unknown")


class AuthGate:
    """Authenticate and rate-limit `/v1` requests before their body is read.

    Args:
        app: The wrapped app.
        limiter: The rate limiter; `None` turns limiting off.
    """

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter | None = None) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if (
            scope["type"] != "http"
            or not str(scope.get("path", "")).startswith(GATED_PREFIX)
            or scope.get("method") == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        # A request without `receive`: reading its body here would fail rather than block.
        conn = Request(scope)
        principal: Principal | None = None
        refused: ApiError | None = None
        try:
            logging_in = scope.get("method") == "POST" and scope.get("path") == LOGIN_PATH
            principal = await principal_of(conn, cookie=not logging_in)
        except ApiError as exc:  # 401, or 403 for a cookie write without its CSRF token
            refused = exc
        if self.limiter is not None:
            wait = self.limiter.take(caller_identity(conn, principal))
            if wait > 0:
                retry_after = self.limiter.retry_after(wait)
                who = "This key" if principal is not None else "This client"
                response = problem_response(
                    conn,
                    status=429,
                    slug="rate-limited",
                    title="Too many requests",
                    detail=(
                        f"{who} sent more than {int(self.limiter.capacity)} requests a minute; "
                        f"retry after {retry_after} s."
                    ),
                    headers={"Retry-After": str(retry_after)},
                )
                await response(scope, receive, send)
                return
        if refused is not None:
            await api_error_response(conn, refused)(scope, receive, send)
            return
        scope.setdefault("state", {})[PRINCIPAL_STATE] = principal
        await self.app(scope, receive, send)
