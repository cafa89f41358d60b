"""Shared parameters of the routes, with the contract's constraints."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Header, Path, Query
from pydantic import BeforeValidator

__all__ = [
    "IF_MATCH_PATTERN",
    "After",
    "AgentIdFilter",
    "ExecutionIdPath",
    "IdFilter",
    "IdempotencyKey",
    "IfMatch",
    "Limit",
    "Order",
    "SessionIdPath",
    "TaskIdPath",
    "TestIdPath",
]

IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]
"""The `Idempotency-Key` header."""

IF_MATCH_PATTERN = r'^(\*|(W/)?"?[0-9]{1,18}"?)( *, *(\*|(W/)?"?[0-9]{1,18}"?))*$'
"""What `If-Match` may hold: `*` or versions, quoted or bare, strong or weak, comma-separated."""

IfMatch = Annotated[
    str | None, Header(alias="If-Match", min_length=1, max_length=64, pattern=IF_MATCH_PATTERN)
]
"""The `If-Match` header."""


def _digits_only(value: object) -> object:
    # pydantic's lax mode reads "+5", " 10" and fullwidth digits as integers; the contract's
    # integer is plain ASCII digits.
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        msg = "must be a whole number written in digits only"
        raise ValueError(msg)
    return value


Limit = Annotated[int, Query(ge=1, le=100), BeforeValidator(_digits_only)]
"""The page size, 1 to 100 (default 20), in plain digits."""

After = Annotated[str | None, Query(min_length=1, max_length=512)]
"""The opaque cursor of the next page."""

Order = Annotated[Literal["asc", "desc"] | None, Query()]
"""`asc` (oldest first, when omitted) or `desc` (newest first)."""

TaskIdPath = Annotated[str, Path(min_length=1, max_length=64)]
"""A task id in the path."""

SessionIdPath = Annotated[str, Path(min_length=1, max_length=64)]
"""A session id in the path."""

ExecutionIdPath = Annotated[str, Path(min_length=1, max_length=64)]
"""An execution id in the path."""

TestIdPath = Annotated[str, Path(min_length=1, max_length=64)]
"""A test run id in the path."""

AgentIdFilter = Annotated[str | None, Query(min_length=1, max_length=128)]
"""An `agent_id` (or `user_id`) list filter."""

IdFilter = Annotated[str | None, Query(min_length=1, max_length=64)]
"""A `session_id` or `test_id` list filter."""
