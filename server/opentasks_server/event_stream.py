"""A live event stream: read the log in batches, wait on the broadcaster, send SSE frames.

The loop of one stream::

    mark = broadcaster.latest(project)      # everything up to here is committed
    rows = events after the cursor          # one query, up to a batch
    send a frame per row, move the cursor   # end after a task's terminal event
    wait until the mark passes `mark`       # or the heartbeat interval passes: send `: ping`

Taking the mark *before* the read is what makes it lossless: an event committed after the read
has a number above the mark (numbers are handed out in commit order), so the wait returns at once
and the next read picks it up. The cursor only moves over rows that were sent, so nothing is sent
twice. Each read opens its own short database session: an idle stream holds no connection.

Events that other server processes commit reach the broadcaster too, on PostgreSQL, through
`LISTEN/NOTIFY` (see `fanout`). After each heartbeat the loop reads the table again anyway: one
query per idle stream per interval, which bounds how late a stream can be if a wake-up is ever
missed (a listener reconnecting, several processes on one SQLite file).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Collection
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import StreamingResponse

from opentasks_server import sse
from opentasks_server.broadcast import Broadcaster, Wake
from opentasks_server.event_log import (
    ends_task_stream,
    event_json,
    format_event_id,
    read_events,
    task_stream_end,
)

__all__ = ["BATCH_SIZE", "EventStreamResponse", "StreamRequest", "event_frames"]

BATCH_SIZE = 100
"""How many events one read of the log returns at most."""


@dataclass(frozen=True, slots=True)
class StreamRequest:
    """What one client asked to stream.

    Attributes:
        project_id: The key's project.
        after: Resume after this sequence number (0 streams from the first event).
        task_id: Stream one task's events; `None` streams the whole project.
        types: Only these event types; empty streams every type.
        follow: Keep a task's stream open after its terminal event.
        heartbeat_interval: Seconds of silence after which a heartbeat comment is sent.
    """

    project_id: str
    after: int
    task_id: str | None = None
    types: Collection[str] = field(default=())
    follow: bool = False
    heartbeat_interval: float = 15.0


async def event_frames(
    request: StreamRequest,
    *,
    sessions: Callable[[], AbstractAsyncContextManager[AsyncSession]],
    broadcaster: Broadcaster,
) -> AsyncIterator[bytes]:
    """Yield the SSE bytes of one stream until it ends, the server shuts down or it is cancelled.

    A task's stream ends after the task's terminal event unless `follow` is set, and at once when
    the client resumes after that event; the project's stream ends only when the broadcaster
    closes. A client that goes away cancels the iteration (the response watches for it).

    Args:
        request: What to stream.
        sessions: Opens the short read-only database session of each read (`Database.read`).
        broadcaster: Tells the stream when newer events of the project are committed.

    Yields:
        The frames of each batch of events read together, and a heartbeat comment after each
        idle interval.
    """
    ends_task = request.task_id is not None and not request.follow
    cursor = request.after
    if ends_task:
        assert request.task_id is not None
        async with sessions() as session:
            end = await task_stream_end(
                session, project_id=request.project_id, task_id=request.task_id
            )
        if end is not None and end <= cursor:
            return
    clock = asyncio.get_running_loop().time
    last_sent = clock()
    while not broadcaster.closed:
        mark = broadcaster.latest(request.project_id)
        async with sessions() as session:
            rows = await read_events(
                session,
                project_id=request.project_id,
                after=cursor,
                limit=BATCH_SIZE,
                task_id=request.task_id,
                types=request.types,
            )
        frames = []
        finished = False
        for row in rows:
            frames.append(
                sse.encode_event(
                    event_id=format_event_id(row.seq),
                    event_type=row.type,
                    data=sse.encode_json(event_json(row)),
                )
            )
            if ends_task and ends_task_stream(row):
                finished = True
                break
        if frames:
            # One write per batch: a backlog of small events goes out in a few packets.
            yield b"".join(frames)
            cursor = rows[len(frames) - 1].seq
            last_sent = clock()
        if finished:
            return
        if len(rows) == BATCH_SIZE:
            continue  # a backlog: keep reading before waiting
        # Wake-ups for other tasks' events send nothing, so the heartbeat is due by the clock,
        # not only after a wait that timed out.
        idle = clock() - last_sent
        if idle < request.heartbeat_interval:
            wake = await broadcaster.wait(
                request.project_id, mark, request.heartbeat_interval - idle
            )
            if wake is not Wake.TIMEOUT:
                continue
        yield sse.heartbeat()
        last_sent = clock()


class EventStreamResponse(StreamingResponse):
    """A `text/event-stream` response that is never cached nor buffered by a proxy.

    Starlette's streaming response also listens for the client's disconnect while the frames
    are produced and cancels the stream when it comes, so a stream that waits for events does not
    outlive its client.

    Args:
        frames: The SSE frames to send, e.g. from `event_frames`.
    """

    media_type = sse.MEDIA_TYPE

    def __init__(self, frames: AsyncIterator[bytes]) -> None:
        super().__init__(
            frames,
            headers={
                "Cache-Control": "no-store",
                # nginx buffers responses unless told not to; a buffered stream arrives late.
                "X-Accel-Buffering": "no",
            },
        )
