"""Reading the event log: event ids, keyset reads of the events table and the Event JSON.

Pages and live streams read the log the same way, a keyset query on `(project_id, seq)` after
a cursor, and turn rows into the same `Event` JSON, so a stream's frames and a page's items are
byte for byte the same events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any, Protocol

from opentasks_schema import Event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.db.models import EventRow
from opentasks_server.statemachine import TASK_TERMINAL

__all__ = [
    "EventFields",
    "ends_task_stream",
    "event_json",
    "format_event_id",
    "parse_event_id",
    "read_events",
    "task_stream_end",
]

# `evt_` and the zero-padded sequence number; more digits once a project passes 10**12 events.
# Resuming also takes the number alone (`42`, `0`): a position in the log is a number, and a
# header whose pattern demands the underscore is one that header-drawing tools cannot fill.
_EVENT_ID = re.compile(r"(?:evt_)?([0-9]{1,18})")


def format_event_id(seq: int) -> str:
    """Return the public id of the project's event number `seq`.

    Args:
        seq: The per-project sequence number, from 1.

    Returns:
        `evt_` and the number, zero-padded to 12 digits.
    """
    return f"evt_{seq:012d}"


def parse_event_id(value: str) -> int | None:
    """Return the sequence number an event id carries, or `None` if it is not an event id.

    Args:
        value: A `Last-Event-ID` header or an `after` query parameter.

    Returns:
        The sequence number (0 for `evt_000000000000` or `0`, "before the first event"), or
        `None`.
    """
    match = _EVENT_ID.fullmatch(value)
    return int(match.group(1)) if match else None


class EventFields(Protocol):
    """What `event_json` reads: an `EventRow`, or the event `outbox.record_event` just wrote."""

    @property
    def seq(self) -> int:
        """The per-project sequence number."""

    @property
    def type(self) -> str:
        """The event type."""

    @property
    def task_id(self) -> str | None:
        """The task the event is about."""

    @property
    def execution_id(self) -> str | None:
        """The execution the event is about."""

    @property
    def session_id(self) -> str | None:
        """The session the event is about."""

    @property
    def data(self) -> dict[str, Any]:
        """The event's data."""

    @property
    def created_at(self) -> dt.datetime:
        """When it was recorded."""


def event_json(row: EventFields) -> dict[str, Any]:
    """Return an event as the `Event` JSON of the contract.

    The generated `Event` model checks the shape, so a stream frame cannot drift from the
    schema a page is validated against.

    Args:
        row: The event row (or the event just recorded).

    Returns:
        The JSON object, with every required-nullable field present.
    """
    event = Event.model_validate(
        {
            "id": format_event_id(row.seq),
            "type": row.type,
            "task_id": row.task_id,
            "execution_id": row.execution_id,
            "session_id": row.session_id,
            "data": row.data,
            "created_at": row.created_at,
        }
    )
    return event.model_dump(mode="json")


def ends_task_stream(row: EventRow) -> bool:
    """Tell whether an event is its task's terminal event, after which the task's stream ends.

    That is `task_finished`, or `task_created` of a task logged directly as finished (its data is
    the task, whose status is terminal).

    Args:
        row: An event of the task.

    Returns:
        Whether the task's stream ends after this event (unless the client follows).
    """
    if row.type == "task_finished":
        return True
    return row.type == "task_created" and row.data.get("status") in TASK_TERMINAL


async def read_events(
    session: AsyncSession,
    *,
    project_id: str,
    after: int,
    limit: int,
    task_id: str | None = None,
    types: Collection[str] = (),
) -> list[EventRow]:
    """Read the project's events after a sequence number, in order.

    Args:
        session: The database session.
        project_id: The project whose log is read.
        after: Only events with a larger sequence number (0 reads from the start).
        limit: At most this many rows.
        task_id: Only the events of this task.
        types: Only events of these types; empty means every type.

    Returns:
        The rows, by increasing sequence number.
    """
    query = select(EventRow).where(EventRow.project_id == project_id, EventRow.seq > after)
    if task_id is not None:
        query = query.where(EventRow.task_id == task_id)
    if types:
        query = query.where(EventRow.type.in_(sorted(set(types))))
    query = query.order_by(EventRow.seq).limit(limit)
    return list((await session.scalars(query)).all())


async def task_stream_end(session: AsyncSession, *, project_id: str, task_id: str) -> int | None:
    """Return the sequence number of the task's terminal event, if it has one yet.

    A client resuming after this number has seen the end of the task's stream already: its
    stream ends at once instead of waiting for events that a finished task's stream never sends.

    Args:
        session: The database session.
        project_id: The task's project.
        task_id: The task.

    Returns:
        The terminal event's sequence number, or `None` while the task has not finished.
    """
    query = (
        select(EventRow)
        .where(
            EventRow.project_id == project_id,
            EventRow.task_id == task_id,
            EventRow.type.in_(("task_finished", "task_created")),
        )
        .order_by(EventRow.seq)
    )
    for row in await session.scalars(query):
        if ends_task_stream(row):
            return row.seq
    return None
