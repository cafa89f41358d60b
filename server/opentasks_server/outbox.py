"""The outbox: events written in the same transaction as the change they describe.

`record_event` hands out the project's next sequence number by incrementing
`projects.last_event_seq` with `UPDATE ... RETURNING`, and inserts the event row. The UPDATE takes
the project row's write lock (on PostgreSQL a row lock, exactly as `SELECT ... FOR UPDATE` would;
on SQLite the database's single write lock, held since `BEGIN IMMEDIATE`) until the transaction
ends, so numbers are strictly increasing in commit order and a reader never sees a gap fill in
later. Both are Core statements built once, the values passed as parameters: every write of the
server records an event, and the ORM's unit of work, for a row nothing reads back, cost several
times what the statements themselves cost.

On PostgreSQL the three steps are one statement (`_RECORD_ON_POSTGRES`): the UPDATE and the
INSERT as data-modifying CTEs, and a `pg_notify` of the new event, which PostgreSQL delivers on
commit to the other server processes sharing the database (see `fanout`). Besides saving round
trips, it keeps the project row's lock short: the lock is taken by that statement, late in the
transaction, and little more than the commit follows it. (Every writer of a project waits for
that lock, so its length bounds a project's write throughput.)

`write_transaction` opens the route's write transaction and, once it has committed, tells the
broadcaster about every event recorded in it, so live streams wake only for committed rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Select, String, bindparam, cast, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from opentasks_server.db.engine import Database
from opentasks_server.db.models import EventRow, ProjectRow, table
from opentasks_server.db.types import utcnow
from opentasks_server.fanout import CHANNEL

__all__ = ["RecordedEvent", "record_event", "write_transaction"]

_PENDING = "opentasks_pending_events"

_PROJECTS = table(ProjectRow)
_NEXT_SEQ = (
    update(_PROJECTS)
    .where(_PROJECTS.c.id == bindparam("project"))
    .values(last_event_seq=_PROJECTS.c.last_event_seq + 1)
    .returning(_PROJECTS.c.last_event_seq)
)
_EVENTS = table(EventRow)
_INSERT_EVENT = insert(_EVENTS)
_EVENT_COLUMNS = (
    "project_id",
    "seq",
    "type",
    "task_id",
    "execution_id",
    "session_id",
    "data",
    "created_at",
)


def _record_on_postgres() -> Select[tuple[int, Any]]:
    """Build the one statement that numbers, inserts and announces an event on PostgreSQL.

    Its parameters are the event's columns prefixed with `event_`: an UPDATE would take an
    execution parameter named like one of the table's columns (`created_at`) as a column to set.
    """
    project = bindparam("event_project_id", type_=String)
    next_seq = (
        update(_PROJECTS)
        .where(_PROJECTS.c.id == project)
        .values(last_event_seq=_PROJECTS.c.last_event_seq + 1)
        .returning(_PROJECTS.c.last_event_seq.label("seq"))
        .cte("next_seq")
    )
    values = select(
        *(
            next_seq.c.seq
            if name == "seq"
            else project
            if name == "project_id"
            else bindparam(f"event_{name}", type_=_EVENTS.c[name].type)
            for name in _EVENT_COLUMNS
        )
    )
    inserted = (
        insert(_EVENTS)
        .from_select(list(_EVENT_COLUMNS), values)
        .returning(_EVENTS.c.seq)
        .cte("inserted")
    )
    payload = project.concat(":").concat(cast(inserted.c.seq, String))
    return select(inserted.c.seq, func.pg_notify(CHANNEL, payload))


_RECORD_ON_POSTGRES = _record_on_postgres()


@dataclasses.dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event `record_event` wrote: the values of its row in the events table.

    Attributes:
        project_id: The project whose log holds it.
        seq: Its per-project sequence number.
        type: The event type.
        task_id: The task it is about, if any.
        execution_id: The execution it is about, if any.
        session_id: The session it is about, if any.
        data: Its JSON data.
        created_at: When it was recorded.
    """

    project_id: str
    seq: int
    type: str
    task_id: str | None
    execution_id: str | None
    session_id: str | None
    data: dict[str, Any]
    created_at: dt.datetime


async def record_event(
    session: AsyncSession,
    *,
    project_id: str,
    type: str,
    task_id: str | None = None,
    execution_id: str | None = None,
    session_id: str | None = None,
    data: dict[str, Any],
) -> RecordedEvent:
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
        The event as it was inserted, with its sequence number.
    """
    columns: dict[str, Any] = {
        "project_id": project_id,
        "type": type,
        "task_id": task_id,
        "execution_id": execution_id,
        "session_id": session_id,
        "data": data,
        "created_at": utcnow(),
    }
    if session.get_bind().dialect.name == "postgresql":
        parameters = {f"event_{name}": value for name, value in columns.items()}
        seq = (await session.execute(_RECORD_ON_POSTGRES, parameters)).scalar()
    else:
        seq = (await session.execute(_NEXT_SEQ, {"project": project_id})).scalar()
        if seq is not None:
            await session.execute(_INSERT_EVENT, {**columns, "seq": seq})
    if seq is None:
        msg = f"no project {project_id!r} to record an event in"
        raise LookupError(msg)
    pending: list[tuple[str, int]] = session.info.setdefault(_PENDING, [])
    pending.append((project_id, seq))
    return RecordedEvent(seq=seq, **columns)


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
    # Reached only after the commit: a woken stream must find the rows it is told about.
    broadcaster = conn.app.state.broadcaster
    for project_id, seq in pending:
        broadcaster.publish(project_id, seq)
