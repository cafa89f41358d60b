"""Cross-origin access (CORS) for dashboards that users host on their own origins.

Off unless origins are listed: `create_app(cors_origins=[...])`, or `opentasks serve
--cors-origin URL` (which sets `OPENTASKS_CORS_ORIGINS` for its workers). Only listed origins are
allowed, never `*`, and without credentials: a page of another origin authenticates with an API
key in `Authorization` (the board's cookie is `SameSite=Strict` and stays on the server's own
site), so no other origin can ride on a board login.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

__all__ = ["CORS_ORIGINS_ENV", "add_cors", "cors_origins_from_env", "parse_origin"]

CORS_ORIGINS_ENV = "OPENTASKS_CORS_ORIGINS"
# What a page may send beyond the CORS-safelisted headers, and read beyond the safelisted ones.
_ALLOWED_HEADERS = [
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "Last-Event-ID",
    "X-API-Key",
    "X-Request-Id",
]
_EXPOSED_HEADERS = ["ETag", "Idempotent-Replayed", "Retry-After", "X-Request-Id"]


def parse_origin(value: str) -> str:
    """Check an allowed origin and return it in the form browsers send in `Origin`.

    Args:
        value: `scheme://host[:port]`, e.g. `https://dash.example.com`.

    Returns:
        The origin, lower-cased, without a trailing slash.

    Raises:
        ValueError: When the value is not an http(s) origin (a wildcard, a path, no host).
    """
    origin = value.strip().rstrip("/").lower()
    parts = urlsplit(origin)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or "*" in origin
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        msg = (
            f"{value!r} is not an origin: give scheme://host[:port], e.g. "
            "https://dash.example.com (no path, no wildcard)"
        )
        raise ValueError(msg)
    return origin


def cors_origins_from_env() -> list[str]:
    """Read the allowed origins from `OPENTASKS_CORS_ORIGINS` (comma-separated).

    Returns:
        The origins; empty when the variable is unset or blank.

    Raises:
        ValueError: When an entry is not an origin.
    """
    raw = os.environ.get(CORS_ORIGINS_ENV, "")
    return [parse_origin(part) for part in raw.split(",") if part.strip()]


def add_cors(app: FastAPI, origins: Sequence[str]) -> None:
    """Allow browser pages of the given origins to call the API.

    Args:
        app: The app.
        origins: The allowed origins.

    Raises:
        ValueError: When an entry is not an origin.
    """
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[parse_origin(origin) for origin in origins],
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=_ALLOWED_HEADERS,
        expose_headers=_EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=600,
    )
