"""The FastAPI application: routes, middleware, error handlers and startup."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from http import HTTPStatus

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from opentasks_schema import FieldError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from opentasks_server import board
from opentasks_server.auth import DEFAULT_KEY_CACHE_SECONDS, KeyCache
from opentasks_server.board_auth import DEFAULT_BOARD_SESSION_SECONDS
from opentasks_server.broadcast import Broadcaster
from opentasks_server.config import Settings, database_url_from_env
from opentasks_server.cors import add_cors, cors_origins_from_env
from opentasks_server.db.engine import Database
from opentasks_server.db.migrate import upgrade
from opentasks_server.evaluator import Evaluator, NormalizedEquality
from opentasks_server.fanout import PostgresListener
from opentasks_server.gate import AuthGate
from opentasks_server.middleware import (
    BodyLimitMiddleware,
    HeadMiddleware,
    RequestContextMiddleware,
)
from opentasks_server.problems import ApiError, api_error_response, problem_response
from opentasks_server.rate_limit import RateLimiter
from opentasks_server.spec import allowed_methods
from opentasks_server.stream_limit import DEFAULT_MAX_STREAMS_PER_KEY, StreamSlots

__all__ = ["create_app"]

_ROUTE_MODULES = (
    "service",
    "sessions",
    "tasks",
    "executions",
    "tests",
    "comparisons",
    "events",
    "auth_session",
)
_HTTP_SLUGS = {
    400: ("bad-request", "Malformed request"),
    401: ("unauthorized", "Missing or invalid API key"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("payload-too-large", "Request body too large"),
}


def create_app(
    database_url: str | None = None,
    *,
    heartbeat_interval: float = 15.0,
    rate_limit: int | None = None,
    evaluator: Evaluator | None = None,
    max_body_bytes: int | None = None,
    max_streams_per_key: int | None = DEFAULT_MAX_STREAMS_PER_KEY,
    key_cache_seconds: float = DEFAULT_KEY_CACHE_SECONDS,
    board_session_seconds: float = DEFAULT_BOARD_SESSION_SECONDS,
    cors_origins: Sequence[str] | None = None,
) -> FastAPI:
    """Create the reference server's ASGI app.

    Startup runs the database migrations; nothing else needs setting up first.

    Args:
        database_url: The SQLAlchemy URL (`sqlite+aiosqlite:///path.db`,
            `postgresql+asyncpg://...`); defaults to `OPENTASKS_DATABASE_URL` or
            `sqlite+aiosqlite:///./opentasks.db`.
        heartbeat_interval: Seconds between heartbeat comments on idle event streams.
        rate_limit: Requests per minute per API key; `None` (the default) turns limiting off.
        evaluator: Decides comparisons sent without a result; the built-in normalised
            equality by default.
        max_body_bytes: The largest request body accepted (larger ones answer 413).
        max_streams_per_key: Event streams one API key may hold open at once in this process
            (one more answers 429); `None` allows any number.
        key_cache_seconds: How long a key found valid is trusted without reading it again, so
            a key revoked in the database stops working within this time; 0 reads the key on
            every request.
        board_session_seconds: How long a browser's login to the board (its session cookie)
            lasts.
        cors_origins: Origins whose pages may call the API from a browser (CORS), e.g.
            `["https://dash.example.com"]`; `None` reads the comma-separated
            `OPENTASKS_CORS_ORIGINS`, and an empty list (the default when that is unset) allows
            none. Only the listed origins, never a wildcard, and without credentials: such pages
            send an API key, since the board's cookie stays on its own site.

    Returns:
        The app.
    """
    defaults = Settings()
    settings = Settings(
        database_url=database_url or database_url_from_env(),
        heartbeat_interval=heartbeat_interval,
        rate_limit=rate_limit,
        max_body_bytes=max_body_bytes if max_body_bytes is not None else defaults.max_body_bytes,
        evaluator=evaluator if evaluator is not None else NormalizedEquality(),
    )
    database = Database(settings.database_url)
    broadcaster = Broadcaster()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await upgrade(database)
        # On PostgreSQL, events other server processes commit reach this one's streams too.
        listener = None if database.is_sqlite else PostgresListener(database, broadcaster)
        if listener is not None:
            await listener.start()
        try:
            yield
        finally:
            broadcaster.close()
            if listener is not None:
                await listener.close()
            await database.dispose()

    app = FastAPI(
        title="opentasks",
        lifespan=lifespan,
        # The contract is openapi.yaml, served at /openapi.yaml; FastAPI's own is not it.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        # A path that matches no route is a 404 problem: a redirect to the path without its
        # trailing slash would turn `/v1/tasks/` (an empty id) into a listing, and clients
        # that do not follow redirects would see a bare 307.
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.broadcaster = broadcaster
    app.state.evaluator = settings.evaluator
    app.state.heartbeat_interval = settings.heartbeat_interval
    app.state.stream_slots = StreamSlots(max_streams_per_key)
    app.state.key_cache = KeyCache(key_cache_seconds)
    app.state.board_session_seconds = board_session_seconds

    for name in _ROUTE_MODULES:
        module = importlib.import_module(f"opentasks_server.routes.{name}")
        app.include_router(module.router)

    # The task board's pages (`/`, `/board/...`) and its static files; not part of the API.
    app.include_router(board.router)
    app.mount("/board/static", board.static_files(), name="board-static")

    _add_exception_handlers(app)
    # Added innermost first. The gate checks the key (and the rate limit) from the headers
    # before the body limits read any body; the request-context middleware wraps everything, so
    # even a 401, a 429 or a crash carries X-Request-Id.
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    limiter = RateLimiter(settings.rate_limit) if settings.rate_limit is not None else None
    app.state.rate_limiter = limiter
    app.add_middleware(AuthGate, limiter=limiter)
    origins = cors_origins_from_env() if cors_origins is None else list(cors_origins)
    if origins:
        # Outside the gate (a preflight is not an API call, and a 401 or 429 must be readable
        # by the page) and inside the request context (a preflight carries X-Request-Id too).
        add_cors(app, origins)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(HeadMiddleware)
    return app


def _add_exception_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return api_error_response(request, exc)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        if any(error.get("type") == "json_invalid" for error in errors):
            return problem_response(
                request,
                status=400,
                slug="bad-request",
                title="Malformed request",
                detail="The request body is not valid JSON.",
            )
        fields = [
            FieldError(
                loc=[part for part in error.get("loc", ()) if isinstance(part, str | int)],
                message=str(error.get("msg", "Invalid value")),
                type=str(error.get("type", "value_error")),
            )
            for error in errors
        ]
        where = ", ".join(".".join(str(part) for part in field.loc) for field in fields[:5])
        return problem_response(
            request,
            status=422,
            slug="validation-error",
            title="Validation error",
            detail=f"The request does not validate ({where}); see `errors`.",
            errors=fields,
        )

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        headers = exc.headers
        slug, title = _HTTP_SLUGS.get(
            exc.status_code, ("http-error", HTTPStatus(exc.status_code).phrase)
        )
        if exc.status_code == 404:
            detail = f"There is no resource at {request.url.path}."
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}."
            # Starlette names only the first route that matched the path; the contract knows
            # every method of it.
            allowed = allowed_methods(request.url.path)
            if allowed:
                headers = {**(exc.headers or {}), "Allow": ", ".join(sorted(allowed))}
        else:
            detail = str(exc.detail)
        return problem_response(
            request,
            status=exc.status_code,
            slug=slug,
            title=title,
            detail=detail,
            headers=headers,
        )

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
