"""The database tables, as SQLAlchemy 2 declarative models.

Every resource row carries `project_id`, and every query the routes make filters on it: that is
what keeps one project's data invisible to another project's keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import opentasks_schema as schema
from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from opentasks_server.db.schema_columns import add_schema_columns
from opentasks_server.db.types import UTCDateTime, key_type, text_type, utcnow

__all__ = [
    "SCHEMA_COLUMNS",
    "SCHEMA_ROWS",
    "ApiKeyRow",
    "Base",
    "BoardSessionRow",
    "ComparisonRow",
    "EventRow",
    "ExecutionRow",
    "IdempotencyKeyRow",
    "ProjectRow",
    "SessionRow",
    "TaskRow",
    "TestRow",
    "table",
]

# Deterministic constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Python `None` is stored as SQL NULL (not the JSON text `null`). On PostgreSQL this is `json`,
# not `jsonb`: `jsonb` refuses the escape `\u0000` (its strings are `text`), while `json` keeps
# the text as written, as SQLite does. No query looks inside these columns, so nothing needs
# `jsonb`'s operators or indexes.
Json = JSON(none_as_null=True)
# The server's ids; on PostgreSQL a client's value compared with one is NUL-escaped (types.py).
_Id = key_type(64)

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
_BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    """The declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class ProjectRow(Base):
    """A project: the unit of isolation. Its row also holds the event sequence counter."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    # The last event sequence number handed out; incremented under this row's lock.
    last_event_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApiKeyRow(Base):
    """An API key; only the SHA-256 of the key is stored."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class BoardSessionRow(Base):
    """A browser's login, made by exchanging an API key for a session cookie.

    Only the SHA-256 of the cookie's token is stored. The row names the key it was made with,
    so revoking that key ends the login too; logging out deletes the row.
    """

    __tablename__ = "board_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    # Sent back in `X-CSRF-Token` on every cookie-authenticated write.
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()


class SessionRow(Base):
    """A session grouping tasks."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_project_id_id", "project_id", "id"),)

    id: Mapped[str] = mapped_column(_Id, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    agent_id: Mapped[str | None] = mapped_column(text_type(128))
    user_id: Mapped[str | None] = mapped_column(text_type(128))
    # `metadata` is reserved by SQLAlchemy's declarative base; the column keeps the API name.
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", Json, default=dict)
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    notes: Mapped[str | None] = mapped_column(text_type())
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TestRow(Base):
    """A test run."""

    __tablename__ = "tests"
    __table_args__ = (Index("ix_tests_project_id_id", "project_id", "id"),)
    # Keeps pytest from collecting this class when a test module imports it.
    __test__ = False

    id: Mapped[str] = mapped_column(_Id, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(32))
    summary: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    terminated_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class TaskRow(Base):
    """A task."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_project_id_id", "project_id", "id"),
        Index("ix_tasks_project_id_agent_id_id", "project_id", "agent_id", "id"),
        Index("ix_tasks_project_id_session_id_id", "project_id", "session_id", "id"),
        Index("ix_tasks_project_id_status_id", "project_id", "status", "id"),
    )

    id: Mapped[str] = mapped_column(_Id, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    agent_id: Mapped[str] = mapped_column(text_type(128))
    session_id: Mapped[str | None] = mapped_column(
        _Id, ForeignKey("sessions.id", ondelete="SET NULL"), default=None
    )
    test_id: Mapped[str | None] = mapped_column(
        _Id, ForeignKey("tests.id", ondelete="SET NULL"), default=None
    )
    name: Mapped[str | None] = mapped_column(text_type(200))
    description: Mapped[str | None] = mapped_column(text_type())
    prompt: Mapped[str | None] = mapped_column(text_type())
    file_urls: Mapped[list[str]] = mapped_column(Json, default=list)
    output: Mapped[str | None] = mapped_column(text_type())
    status: Mapped[str] = mapped_column(String(32))
    status_reason: Mapped[str | None] = mapped_column(text_type())
    flag: Mapped[str | None] = mapped_column(String(16))
    flag_source: Mapped[str | None] = mapped_column(text_type(128))
    notes: Mapped[str | None] = mapped_column(text_type())
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", Json, default=dict)
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    additional_input: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    additional_output: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    sender_id: Mapped[str | None] = mapped_column(text_type(128))
    tools_available: Mapped[list[str]] = mapped_column(Json, default=list)
    input_schema: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    main: Mapped[list[dict[str, Any]]] = mapped_column(Json, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ExecutionRow(Base):
    """An execution (one run) of a task."""

    __tablename__ = "executions"
    __table_args__ = (Index("ix_executions_project_id_task_id_id", "project_id", "task_id", "id"),)

    id: Mapped[str] = mapped_column(_Id, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    task_id: Mapped[str] = mapped_column(_Id, ForeignKey("tasks.id", ondelete="CASCADE"))
    arguments: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    status: Mapped[str] = mapped_column(String(32))
    output: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    error: Mapped[str | None] = mapped_column(text_type(), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ComparisonRow(Base):
    """A comparison of two outputs."""

    __tablename__ = "comparisons"
    __table_args__ = (Index("ix_comparisons_project_id_test_id_id", "project_id", "test_id", "id"),)

    id: Mapped[str] = mapped_column(_Id, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    test_id: Mapped[str | None] = mapped_column(
        _Id, ForeignKey("tests.id", ondelete="SET NULL"), default=None
    )
    context_input: Mapped[str] = mapped_column(text_type())
    old_output: Mapped[str] = mapped_column(text_type())
    new_output: Mapped[str] = mapped_column(text_type())
    instructions: Mapped[str | None] = mapped_column(text_type())
    comparison_result: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(text_type(128))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EventRow(Base):
    """One entry of a project's append-only event log (the outbox)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("project_id", "seq", name="uq_events_project_id_seq"),
        Index("ix_events_project_id_task_id_seq", "project_id", "task_id", "seq"),
        Index("ix_events_project_id_type_seq", "project_id", "type", "seq"),
    )

    # A surrogate key keeps the row addressable on every backend; (project_id, seq) is the
    # public identity and is unique.
    pk: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    # The server's names and those of the publish body's pattern: no NUL or U+0001 is stored,
    # but a client's filter is compared with them.
    type: Mapped[str] = mapped_column(key_type(64))
    task_id: Mapped[str | None] = mapped_column(_Id, default=None)
    execution_id: Mapped[str | None] = mapped_column(_Id, default=None)
    session_id: Mapped[str | None] = mapped_column(_Id, default=None)
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def event_id(self) -> str:
        """The public event id, `evt_` and the zero-padded sequence number."""
        return f"evt_{self.seq:012d}"


class IdempotencyKeyRow(Base):
    """A stored response to a request made with an `Idempotency-Key`."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("project_id", "key", name="uq_idempotency_keys_project_id_key"),
    )

    pk: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    response_body: Mapped[str | None] = mapped_column(Text, default=None)
    response_headers: Mapped[dict[str, str]] = mapped_column(Json, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# A property added to a resource's schema gets a column (see schema_columns.py); the generated
# models are imported here so that every import of the tables, Alembic's included, sees them.
SCHEMA_ROWS: Mapping[type[BaseModel], type[Base]] = {
    schema.Task: TaskRow,
    schema.Session: SessionRow,
    schema.Execution: ExecutionRow,
    schema.Test: TestRow,
    schema.Comparison: ComparisonRow,
}
"""The row class of each resource's generated model."""
SCHEMA_COLUMNS: Mapping[type[Base], tuple[str, ...]] = {
    row: add_schema_columns(row, model) for model, row in SCHEMA_ROWS.items()
}
"""The properties each row class has a column for only because its schema has them."""


def table(model: type[Base]) -> Table:
    """Return a model's table, for Core statements that skip the ORM's unit of work.

    Args:
        model: A mapped class, e.g. `TaskRow`.

    Returns:
        Its `Table` (typed as such: SQLAlchemy declares `__table__` as any `FromClause`).
    """
    mapped = model.__table__
    assert isinstance(mapped, Table)
    return mapped
