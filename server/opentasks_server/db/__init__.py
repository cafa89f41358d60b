"""The database layer: tables, engine and migrations."""

from opentasks_server.db.engine import DEFAULT_DATABASE_URL, Database, normalise_url
from opentasks_server.db.migrate import upgrade
from opentasks_server.db.models import (
    ApiKeyRow,
    Base,
    ComparisonRow,
    EventRow,
    ExecutionRow,
    IdempotencyKeyRow,
    ProjectRow,
    SessionRow,
    TaskRow,
    TestRow,
)

__all__ = [
    "DEFAULT_DATABASE_URL",
    "ApiKeyRow",
    "Base",
    "ComparisonRow",
    "Database",
    "EventRow",
    "ExecutionRow",
    "IdempotencyKeyRow",
    "ProjectRow",
    "SessionRow",
    "TaskRow",
    "TestRow",
    "normalise_url",
    "upgrade",
]
