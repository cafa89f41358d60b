"""The server's settings, fixed when the app is created."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from opentasks_server.db.engine import DEFAULT_DATABASE_URL
from opentasks_server.evaluator import Evaluator, NormalizedEquality

__all__ = ["DATABASE_URL_ENV", "DEFAULT_MAX_BODY_BYTES", "Settings", "database_url_from_env"]

DATABASE_URL_ENV = "OPENTASKS_DATABASE_URL"
# Large enough for a task logged with a full 1 MiB prompt and output (UTF-8 may take 4 bytes a
# character), small enough that one request cannot exhaust memory.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024


def database_url_from_env() -> str:
    """Return the database URL from `OPENTASKS_DATABASE_URL`, or the default SQLite file.

    Returns:
        The URL.
    """
    return os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL


@dataclass(frozen=True, slots=True)
class Settings:
    """What `create_app` was given.

    Attributes:
        database_url: The SQLAlchemy URL of the database.
        heartbeat_interval: Seconds between heartbeat comments on an idle event stream.
        rate_limit: Requests per minute allowed per API key (or per client without a key);
            `None` turns the limiter off.
        max_body_bytes: The largest request body accepted; larger ones answer 413.
        evaluator: Decides comparisons that arrive without a result.
    """

    database_url: str = DEFAULT_DATABASE_URL
    heartbeat_interval: float = 15.0
    rate_limit: int | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    evaluator: Evaluator = field(default_factory=NormalizedEquality)
