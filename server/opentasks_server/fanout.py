"""Cross-process fan-out on PostgreSQL: `LISTEN/NOTIFY` feeding each process's broadcaster.

Several server processes (`opentasks serve --workers N`, or several hosts) may share one
PostgreSQL database. A stream held open by one process must wake when another process commits an
event, without polling. The statement that records an event also sends
`NOTIFY opentasks_events, '<project id>:<seq>'` (see `outbox`); PostgreSQL delivers it when, and
only if, the transaction commits, in commit order. Each process keeps one dedicated connection
that `LISTEN`s on the channel (`PostgresListener`) and hands every notification to its
`Broadcaster.publish`, exactly as a local commit does. The process that wrote the event hears its
own notification too; publishing twice is harmless, the mark only moves forward.

Nothing is lost while the listening connection is down: after each (re)connection the listener
first `LISTEN`s, then reads every project's `last_event_seq` and publishes it, so a stream wakes
for whatever was committed meanwhile. A keepalive query finds a connection that died silently.

SQLite has neither `NOTIFY` nor several writing processes; there, nothing here runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.pool import NullPool

from opentasks_server.broadcast import Broadcaster
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ProjectRow

__all__ = ["APPLICATION_NAME", "CHANNEL", "PostgresListener", "parse_payload"]

CHANNEL = "opentasks_events"
"""The `LISTEN/NOTIFY` channel of committed events."""

APPLICATION_NAME = "opentasks-listener"
"""The `application_name` of the listening connection."""

_log = logging.getLogger("opentasks_server")


def parse_payload(payload: str) -> tuple[str, int] | None:
    """Read a notification's payload.

    Args:
        payload: `<project id>:<seq>`, as the outbox sends it.

    Returns:
        The project id and sequence number, or `None` if the payload is not one of ours.
    """
    project_id, _, seq = payload.rpartition(":")
    if not project_id or not seq.isdigit():
        return None
    return project_id, int(seq)


class PostgresListener:
    """Listens for committed events of every project and publishes them to a broadcaster.

    Args:
        database: The server's database (PostgreSQL).
        broadcaster: The process's broadcaster.
        retry_delay: Seconds to wait before reconnecting after the connection is lost (it
            doubles on each failure, up to 30 s).
        keepalive: Seconds between checks that the listening connection is still alive.
    """

    def __init__(
        self,
        database: Database,
        broadcaster: Broadcaster,
        *,
        retry_delay: float = 0.5,
        keepalive: float = 30.0,
    ) -> None:
        self._broadcaster = broadcaster
        self._retry_delay = retry_delay
        self._keepalive = keepalive
        # An engine of its own without a pool: the listening connection is held for the life of
        # the process and must not take one of the request pool's connections. Its name shows
        # in pg_stat_activity, so an operator can tell it apart.
        self._engine = create_async_engine(
            database.url,
            poolclass=NullPool,
            connect_args={"server_settings": {"application_name": APPLICATION_NAME}},
        )
        self._connection: AsyncConnection | None = None
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Connect and listen; from then on a background task keeps listening.

        The first connection is made here, so a server that cannot listen fails to start
        instead of serving streams that never hear other processes.
        """
        await self._listen()
        self._task = asyncio.create_task(self._keep_listening(), name="opentasks-pg-listener")

    async def close(self) -> None:
        """Stop listening and close the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._disconnect()
        await self._engine.dispose()

    async def _listen(self) -> None:
        # An event per connection, so a late word from an old connection wakes nobody.
        lost = asyncio.Event()
        connection = await self._engine.connect()
        try:
            raw = await connection.get_raw_connection()
            driver: Any = raw.driver_connection  # an asyncpg.Connection (asyncpg is untyped)
            driver.add_termination_listener(lambda _connection: lost.set())
            await driver.add_listener(CHANNEL, self._on_notification)
            # Listening already: whatever commits from now on is heard. What committed before,
            # while no connection listened, is read from the projects' counters.
            async with connection.begin():
                marks = (
                    await connection.execute(select(ProjectRow.id, ProjectRow.last_event_seq))
                ).all()
        except BaseException:
            await connection.close()
            raise
        self._connection, self._lost = connection, lost
        for project_id, seq in marks:
            self._broadcaster.publish(project_id, seq)

    async def _disconnect(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()

    async def _keep_listening(self) -> None:
        delay = self._retry_delay
        while True:
            if await self._alive():
                delay = self._retry_delay
                continue
            await self._disconnect()
            _log.warning("lost the PostgreSQL LISTEN connection; reconnecting")
            while True:
                await asyncio.sleep(delay)
                try:
                    await self._listen()
                except Exception as exc:  # noqa: BLE001 - any failure means: try again later
                    delay = min(delay * 2, 30.0)
                    _log.warning(
                        "could not LISTEN on PostgreSQL (%s); retrying in %.1f s", exc, delay
                    )
                else:
                    _log.info("listening on PostgreSQL again")
                    break

    async def _alive(self) -> bool:
        """Wait until the connection is lost or a keepalive check fails; `True` if it did not."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._lost.wait(), self._keepalive)
        if self._lost.is_set() or self._connection is None:
            return False
        try:
            async with asyncio.timeout(self._keepalive), self._connection.begin():
                await self._connection.execute(select(1))
        except Exception:  # noqa: BLE001 - a connection that cannot answer is replaced
            return False
        return True

    def _on_notification(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        event = parse_payload(payload)
        if event is not None:
            self._broadcaster.publish(*event)
