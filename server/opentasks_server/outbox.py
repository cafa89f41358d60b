"""The outbox: events written in the same transaction as the change they describe.

`record_event` hands out the project's next sequence number by incrementing
`projects.last_event_seq` with `UPDATE ... RETURNING`. The UPDATE takes the project row's write
lock (on PostgreSQL a row lock, exactly as `SELECT ... FOR UPDATE` would; on SQLite the
database's single write lock, held since `BEGIN IMMEDIATE`) until the transaction ends, so
numbers are strictly increasing in commit order and a reader never sees a gap fill in later.

`write_transaction` opens the route's write transaction and, once it has committed, tells the
broadcaster about every event recorded in it, so live streams wake only for committed rows. On
PostgreSQL it also queues a `NOTIFY` in the transaction, which PostgreSQL delivers on commit to
the other server processes sharing the database (see `fanout`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from opentasks_server.db.engine import Database
from opentasks_server.db.models import EventRow, ProjectRow
from opentasks_server.db.types import utcnow
from opentasks_server.fanout import notify

__all__ = ["record_event", "write_transaction"]

_PENDING = "opentasks_pending_events"


async def record_event(
    session: AsyncSession,
    *,
    project_id: str,
    type: str,
    task_id: str | None = None,
    execution_id: str | None = None,
    session_id: str | None = None,
    data: dict[str, Any],
) -> EventRow:
    """Append an event to the project's log inside the caller's transaction.

    Args:
        session: The session of the write transaction that makes the change.
        project_id: The project whose log gets the event.
        type: The event type, e.g. `task_created`.
        task_id: The task the event is about, if any.
        execution_id: The execution the event is about, if any.
        session_id: The session the event is about, if any.
        data: The event's JSON data.

    Returns:
        The new row, flushed, with its sequence number.
    """
    seq = await session.scalar(
        update(ProjectRow)
        .where(ProjectRow.id == project_id)
        .values(last_event_seq=ProjectRow.last_event_seq + 1)
        .returning(ProjectRow.last_event_seq)
    )
    if seq is None:
        msg = f"no project {project_id!r} to record an event in"
        raise LookupError(msg)
    row = EventRow(
        project_id=project_id,
        seq=seq,
        type=type,
        task_id=task_id,
        execution_id=execution_id,
        session_id=session_id,
        data=data,
        created_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    pending: list[tuple[str, int]] = session.info.setdefault(_PENDING, [])
    pending.append((project_id, seq))
    return row


@asynccontextmanager
async def write_transaction(conn: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """Open a write transaction; after it commits, publish the events recorded in it.

    Args:
        conn: The request; its app holds the database and the broadcaster.

    Yields:
        The session, inside its transaction; it commits when the block ends without an error.
    """
    database: Database = conn.app.state.db
    async with database.write() as session:
        session.info[_PENDING] = []
        yield session
        pending: list[tuple[str, int]] = session.info.pop(_PENDING, [])
        if pending and not database.is_sqlite:
            await notify(session, pending)
    # Reached only after the commit: a woken stream must find the rows it is told about.
    broadcaster = conn.app.state.broadcaster
    for project_id, seq in pending:
        broadcaster.publish(project_id, seq)
