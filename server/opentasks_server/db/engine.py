"""Engine and session setup for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Two kinds of transaction exist. Reads use the backend's default. Writes on SQLite start with
`BEGIN IMMEDIATE`: SQLite allows one writer at a time, and taking the write lock up front makes
concurrent writers queue instead of failing with "database is locked" when a read transaction
tries to upgrade; within one process they queue on `sqlite.WriteQueue`, across processes on
SQLite's busy timeout. On PostgreSQL, writes lock the rows they change (`SELECT ... FOR UPDATE`),
and the event sequence is allocated under the project row's lock.

On PostgreSQL the pool keeps `_PG_POOL_SIZE` connections (a new one costs PostgreSQL a process),
and a connection is pinged before use only when it has sat idle in the pool (`_PG_PING_AFTER`):
a ping per request was a round trip per request, while a connection in steady use is known to
be alive.

SQLite connections come from `sqlite.async_creator`: their write transactions run on the event
loop's thread but for the commit, and other statements make one trip to aiosqlite's thread
instead of four (see that module). A SQLite database in a file also answers `read_one` (a row by
its key) on the loop's thread, from a connection of its own, without SQLAlchemy's asyncio layer
(see `point_reads`).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from sqlalchemy import Select, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from opentasks_server.db import sqlite
from opentasks_server.db.point_reads import PointReader, PointStatement, ReadBlockedError

__all__ = ["DEFAULT_DATABASE_URL", "Database", "normalise_url"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./opentasks.db"
_BUSY_TIMEOUT_MS = 30_000
# Connections kept open per process, and extra ones allowed under bursts. Four worker processes
# stay within PostgreSQL's default of 100 connections.
_PG_POOL_SIZE = 15
_PG_MAX_OVERFLOW = 5
# Connections SQLite keeps open: as many as requests commonly use at once. Each is a thread of
# aiosqlite's that sleeps while idle; a connection past the pool is opened for one request and
# closed after it (a thread started, the file opened, the PRAGMAs run), which with SQLAlchemy's
# default of 5 happened to one GET in seven at 64 in flight.
_SQLITE_POOL_SIZE = 64
_SQLITE_MAX_OVERFLOW = 64
# Seconds a connection may sit idle in the pool before it is pinged on its next checkout.
_PG_PING_AFTER = 1.0
_IDLE_SINCE = "opentasks_idle_since"


def normalise_url(url: str) -> str:
    """Give a database URL the async driver the server uses.

    Args:
        url: A SQLAlchemy URL; `sqlite://` and `postgresql://` are given aiosqlite and asyncpg.

    Returns:
        The URL with an async driver.
    """
    parsed = make_url(url)
    if parsed.drivername in {"sqlite", "sqlite+pysqlite"}:
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in {
        "postgresql",
        "postgres",
        "postgresql+psycopg2",
        "postgresql+psycopg",
    }:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def _is_sqlite_file(url: str) -> bool:
    """Tell a SQLite database in a file from one in memory (`:memory:` or `mode=memory`)."""
    parsed = make_url(url)
    return parsed.database not in (None, "", ":memory:") and parsed.query.get("mode") != "memory"


class Database:
    """The server's database: one engine, a read session factory and a write session factory.

    Args:
        url: The SQLAlchemy URL (`sqlite+aiosqlite:///path.db` or `postgresql+asyncpg://...`).
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["async_creator"] = sqlite.async_creator(
                self.url, busy_timeout=_BUSY_TIMEOUT_MS / 1000
            )
            if _is_sqlite_file(self.url):
                # An in-memory database has one connection (SQLAlchemy's StaticPool), no sizes.
                kwargs.update(pool_size=_SQLITE_POOL_SIZE, max_overflow=_SQLITE_MAX_OVERFLOW)
        else:
            kwargs.update(pool_size=_PG_POOL_SIZE, max_overflow=_PG_MAX_OVERFLOW)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        self._write_queue = sqlite.WriteQueue() if self.is_sqlite else None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        else:
            _ping_idle_connections(self.engine)
        # The write engine shares the pool; its execution option asks for BEGIN IMMEDIATE.
        self.write_engine: AsyncEngine = self.engine.execution_options(opentasks_write=True)
        self._point_reader = (
            PointReader(sqlite.connector(self.url))
            if self.is_sqlite and _is_sqlite_file(self.url)
            else None
        )
        self._point_statements: dict[Select[Any], PointStatement] = {}
        self._read = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """Open a session for reading; nothing is committed.

        Yields:
            The session.
        """
        async with self._read() as session:
            yield session

    async def read_one(
        self, statement: Select[Any], values: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        """Read the first row of a `SELECT` of one row by its key, outside any transaction.

        On a SQLite file the read runs on the event loop's thread (see `point_reads`); on
        PostgreSQL it goes to asyncpg on a pooled connection, without SQLAlchemy's execution
        and result layers (asyncpg prepares the statement once per connection). Keep
        `statement` for the next read: it is compiled once per `Database`.

        Args:
            statement: A Core `SELECT` whose parameters are named `bindparam`s.
            values: The parameters by name.

        Returns:
            The row's values by column name, or `None` when there is no row.
        """
        compiled = self._point_statements.get(statement)
        if compiled is None:
            compiled = PointStatement(statement, self.engine.dialect)
            self._point_statements[statement] = compiled
        reader = self._point_reader
        if reader is not None:
            try:
                return reader.read(compiled, values)
            except ReadBlockedError:
                pass  # wait for the lock on aiosqlite's thread, below
        async with self.engine.connect() as connection:
            if not self.is_sqlite:
                # asyncpg's connection itself: outside a transaction a SELECT is its own, and
                # the pool's reset on return has nothing to roll back.
                driver = (await connection.get_raw_connection()).driver_connection
                assert driver is not None  # a checked-out connection has its driver's
                record = await driver.fetchrow(compiled.sql, *compiled.parameters(values))
                return None if record is None else compiled.row(tuple(record))
            row = (await connection.execute(statement, dict(values))).first()
        return None if row is None else dict(row._mapping)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """Open a write transaction that commits when the block ends without an error.

        Yields:
            The session, inside its transaction.
        """
        async with AsyncExitStack() as stack:
            if self._write_queue is not None:
                await stack.enter_async_context(self._write_queue.turn())
            session = await stack.enter_async_context(self._write())
            await stack.enter_async_context(session.begin())
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        if self._point_reader is not None:
            self._point_reader.close()
        await self.engine.dispose()


def _configure_sqlite(engine: AsyncEngine) -> None:
    # The connections are in autocommit mode (see `sqlite.async_creator`), so the server sends
    # BEGIN itself and writes can ask for BEGIN IMMEDIATE.
    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("opentasks_write")
        statement = sqlite.WRITE_BEGIN if immediate else "BEGIN"
        # Sent with the transaction's first statement, saving a trip to the database thread.
        if not sqlite.defer_begin(conn.connection.driver_connection, statement):
            conn.exec_driver_sql(statement)


def _ping_idle_connections(engine: AsyncEngine) -> None:
    # SQLAlchemy's pessimistic disconnect handling, for connections that sat idle: a checkout
    # that raises DisconnectionError makes the pool drop the connection and hand out another.
    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:  # noqa: ANN401 - DB-API objects are untyped
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(
        dbapi_connection: Any,  # noqa: ANN401 - DB-API objects are untyped
        record: ConnectionPoolEntry,
        _proxy: PoolProxiedConnection,
    ) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < _PG_PING_AFTER:
            return  # new, or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(str(exc)) from exc
