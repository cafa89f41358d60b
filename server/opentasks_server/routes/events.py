"""The event log over HTTP: `list_task_events`, `publish_task_event` and `list_events`.

A GET answers a JSON page `{data, has_more, next_cursor}` unless `Accept` names
`text/event-stream`; then it answers a live stream (see `opentasks_server.event_stream`) that
resumes after `Last-Event-ID`, or else `after`. Both are checked before anything is sent, so a bad
cursor or an unknown task is a problem response, never a broken stream.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from opentasks_schema import EventPublish, FieldError
from pydantic import StringConstraints
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server import sse
from opentasks_server.auth import ProjectScope
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ExecutionRow
from opentasks_server.event_log import (
    event_json,
    format_event_id,
    parse_event_id,
    read_events,
    task_stream_end,
)
from opentasks_server.event_stream import StreamRequest, event_frames
from opentasks_server.idempotency import idempotent_write
from opentasks_server.lookups import load_task, task_session_id
from opentasks_server.outbox import record_event
from opentasks_server.params import IdempotencyKey, Limit, TaskIdPath
from opentasks_server.problems import NotFound, ValidationFailed
from opentasks_server.stream_limit import LimitedEventStreamResponse, StreamSlots
from opentasks_server.validation import reject_nulls

__all__ = ["RESERVED_PREFIXES", "router"]

router = APIRouter(tags=["events"])

RESERVED_PREFIXES = ("task_", "execution_", "session_", "test_", "comparison_")
"""Event type prefixes the server records itself; workers cannot publish them."""

DEFAULT_HEARTBEAT_INTERVAL = 15.0

EventAfter = Annotated[
    str | None,
    Query(min_length=1, max_length=64, description="Only events after this event id (exclusive)."),
]
LastEventId = Annotated[
    str | None,
    Header(
        alias="Last-Event-ID",
        min_length=1,
        max_length=64,
        description="Resume right after this event id; takes precedence over `after`.",
    ),
]
Follow = Annotated[bool, Query(description="Keep a task's stream open after its terminal event.")]
EventTypes = Annotated[
    list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] | None,
    Query(alias="type", max_length=32, description="Only events of these types."),
]


def _resume_point(after: str | None, last_event_id: str | None) -> int:
    # Last-Event-ID wins: it is what an EventSource sends on reconnect, and it is newer than the
    # `after` still sitting in the URL the client first opened. Both are checked all the same:
    # a malformed cursor is a client's bug, whichever one the server would have used.
    points = [
        _event_seq(value, loc)
        for value, loc in (
            (last_event_id, ["header", "Last-Event-ID"]),
            (after, ["query", "after"]),
        )
        if value is not None
    ]
    return points[0] if points else 0


def _event_seq(value: str, loc: list[str]) -> int:
    seq = parse_event_id(value)
    if seq is None:
        raise ValidationFailed(
            f"`{loc[1]}` is not an event id; pass the `id` of an event (e.g. "
            "`evt_000000000042`) or the `next_cursor` of a page.",
            [FieldError(loc=list(loc), message="Not an event id", type="invalid_event_id")],
        )
    return seq


def _heartbeat_interval(request: Request) -> float:
    value = getattr(request.app.state, "heartbeat_interval", DEFAULT_HEARTBEAT_INTERVAL)
    return float(value)


async def _answer(
    request: Request,
    *,
    project_id: str,
    key_id: str,
    after: int,
    limit: int,
    task_id: str | None = None,
    types: list[str] | None = None,
    follow: bool = False,
) -> Response:
    database: Database = request.app.state.db
    if sse.wants_event_stream(request.headers.get("accept")):
        # Refused with a 429 before anything is streamed when the key holds too many streams.
        slots: StreamSlots = request.app.state.stream_slots
        release = slots.acquire(key_id)
        stream = StreamRequest(
            project_id=project_id,
            after=after,
            task_id=task_id,
            types=tuple(types or ()),
            follow=follow,
            heartbeat_interval=_heartbeat_interval(request),
        )
        frames = event_frames(
            stream, sessions=database.read, broadcaster=request.app.state.broadcaster
        )
        return LimitedEventStreamResponse(frames, release)
    async with database.read() as session:
        rows = await read_events(
            session,
            project_id=project_id,
            after=after,
            limit=limit + 1,
            task_id=task_id,
            types=types or (),
        )
    has_more = len(rows) > limit
    rows = rows[:limit]
    # The cursor stays on the last page too (the contract says so), so a poller can ask for what
    # came since; on an empty page it is the position the client asked from.
    last = rows[-1].seq if rows else after
    page: dict[str, Any] = {
        "data": [event_json(row) for row in rows],
        "has_more": has_more,
        "next_cursor": format_event_id(last) if last else None,
    }
    return JSONResponse(page)


@router.get("/v1/tasks/{task_id}/events", operation_id="list_task_events")
async def list_task_events(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    limit: Limit = 20,
    after: EventAfter = None,
    last_event_id: LastEventId = None,
    follow: Follow = False,
) -> Response:
    """Read a page of a task's events, or stream them live."""
    resume = _resume_point(after, last_event_id)
    database: Database = request.app.state.db
    streaming = sse.wants_event_stream(request.headers.get("accept"))
    async with database.read() as session:
        await load_task(session, principal.project_id, task_id)
        if streaming and resume and not follow:
            end = await task_stream_end(session, project_id=principal.project_id, task_id=task_id)
            if end is not None and end <= resume:
                # Nothing will follow: 204 is the one answer that makes a browser's
                # EventSource stop reconnecting (a stream that ends empty looks like a drop).
                return Response(status_code=204, headers={"Cache-Control": "no-store"})
    return await _answer(
        request,
        project_id=principal.project_id,
        key_id=principal.key_id,
        after=resume,
        limit=limit,
        task_id=task_id,
        follow=follow,
    )


@router.get("/v1/events", operation_id="list_events")
async def list_events(
    request: Request,
    principal: ProjectScope,
    limit: Limit = 20,
    after: EventAfter = None,
    last_event_id: LastEventId = None,
    types: EventTypes = None,
) -> Response:
    """Read a page of the project's events, or stream them live."""
    resume = _resume_point(after, last_event_id)
    return await _answer(
        request,
        project_id=principal.project_id,
        key_id=principal.key_id,
        after=resume,
        limit=limit,
        types=types,
    )


@router.post("/v1/tasks/{task_id}/events", operation_id="publish_task_event", status_code=201)
async def publish_task_event(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: EventPublish,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record an event a worker publishes on a task's stream."""
    reject_nulls(body)
    if body.type.startswith(RESERVED_PREFIXES):
        raise ValidationFailed(
            f"Event type {body.type!r} is reserved: the server itself records events whose type "
            f"starts with {', '.join(repr(p) for p in RESERVED_PREFIXES)}. Publish your own "
            "type, e.g. 'chunk', 'tool_call_request' or 'plan_updated'.",
            [
                FieldError(
                    loc=["body", "type"],
                    message="Event types starting with a server prefix are reserved",
                    type="reserved_event_type",
                )
            ],
        )
    data = body.data.model_dump(mode="json") if body.data is not None else {}
    project_id = principal.project_id

    async def publish(session: AsyncSession) -> Response:
        session_id = await task_session_id(session, project_id, task_id)
        if body.execution_id is not None:
            execution = await session.scalar(
                select(ExecutionRow).where(
                    ExecutionRow.project_id == project_id, ExecutionRow.id == body.execution_id
                )
            )
            if execution is None or execution.task_id != task_id:
                # As for an unknown `session_id` on a create: the reference names nothing here.
                raise NotFound(
                    f"There is no execution {body.execution_id!r} of task {task_id!r} in this "
                    "project."
                )
        row = await record_event(
            session,
            project_id=project_id,
            type=body.type,
            task_id=task_id,
            execution_id=body.execution_id,
            session_id=session_id,
            data=data,
        )
        return JSONResponse(event_json(row), status_code=201)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=publish
    )
