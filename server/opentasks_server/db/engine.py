"""Engine and session setup for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Two kinds of transaction exist. Reads use the backend's default. Writes on SQLite start with
`BEGIN IMMEDIATE`: SQLite allows one writer at a time, and taking the write lock up front makes
concurrent writers queue on `busy_timeout` instead of failing with "database is locked" when a
read transaction tries to upgrade. On PostgreSQL, writes lock the rows they change
(`SELECT ... FOR UPDATE`), and the event sequence is allocated under the project row's lock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

__all__ = ["DEFAULT_DATABASE_URL", "Database", "normalise_url"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./opentasks.db"
_BUSY_TIMEOUT_MS = 30_000


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


class Database:
    """The server's database: one engine, a read session factory and a write session factory.

    Args:
        url: The SQLAlchemy URL (`sqlite+aiosqlite:///path.db` or `postgresql+asyncpg://...`).
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"pool_pre_ping": not self.is_sqlite}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": _BUSY_TIMEOUT_MS / 1000}
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        # The write engine shares the pool; its execution option asks for BEGIN IMMEDIATE.
        self.write_engine: AsyncEngine = self.engine.execution_options(opentasks_write=True)
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

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """Open a write transaction that commits when the block ends without an error.

        Yields:
            The session, inside its transaction.
        """
        async with self._write() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:  # noqa: ANN401 - DB-API objects are untyped
        # Take over BEGIN from the driver so writes can ask for BEGIN IMMEDIATE (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        # WAL with synchronous=NORMAL is durable across application crashes and much faster.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("opentasks_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
