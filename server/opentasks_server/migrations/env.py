"""Alembic environment: migrates the connection that `opentasks_server.db.upgrade` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from opentasks_server.db.migrate import render_item
from opentasks_server.db.models import Base

# An arbitrary constant: every opentasks server process migrating one PostgreSQL database
# takes this advisory lock, so only one runs the migrations at a time.
_PG_MIGRATION_LOCK = 7_301_966_244


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    msg = "run migrations through opentasks_server.db.upgrade(), which passes a connection"
    raise RuntimeError(msg)
_run(connection)
