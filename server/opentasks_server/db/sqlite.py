"""SQLite under asyncio: aiosqlite, with as few trips to its database thread as possible.

aiosqlite runs each connection on a thread of its own and hands that thread every call through a
queue, so each call is a trip from the event loop to the thread and back: two thread switches and
two hand-overs of the GIL, tens of microseconds of CPU and more of waiting on a busy machine.
SQLAlchemy's adapter makes four such trips per statement (open a cursor, execute, fetch the rows,
close the cursor), one for the `BEGIN` of every transaction, and one more for a rollback when the
pool takes a connection back, even when its transaction has already ended. A task create made
fifteen trips, and they were most of its cost. Here:

- A statement runs, has its rows fetched and its driver cursor closed in one step
  (`_Connection.run_statement`); SQLAlchemy then reads the rows it already holds.
- `BEGIN` is not sent on its own: `defer_begin` has it sent with the transaction's first
  statement.
- Inside a write transaction (`BEGIN IMMEDIATE`, once it holds SQLite's write lock) statements run
  on the event loop's thread, without a trip at all. Holding the lock, they never wait for another
  connection, and they only touch pages in memory or the operating system's cache, so each
  takes microseconds: less than the trip it saves. The `BEGIN IMMEDIATE` itself is tried there
  without waiting; if another process holds the lock, it is sent through the thread instead,
  where it may wait as long as the busy timeout allows without blocking the loop.
- The commit goes through the thread: it writes the transaction to the write-ahead log and now
  and then checkpoints the log into the database file, file I/O that has no place on the loop.
  So does everything outside write transactions (reads may scan many pages); reads of one row
  by its key have a connection of their own on the loop instead (see `point_reads`).
- A rollback runs on the loop (it writes nothing and waits for nothing), so a read makes one
  trip, and a failed write none; a commit or rollback with no transaction open makes no trip.

A task create now makes one trip, for its commit. Everything else (pragmas, type handling,
errors, the pool) is SQLAlchemy's and aiosqlite's own.

`WriteQueue` lines up the write transactions of one process before they ask SQLite for its write
lock. SQLite has one writer at a time; a second `BEGIN IMMEDIATE` waits in SQLite's busy handler,
which polls by sleeping 1, 2, 5, 10, ... up to 100 ms between attempts, so under concurrent writes
the lock often sat free while every waiter slept. Queued on an asyncio lock instead, the next
writer starts the moment the previous one commits, and its `BEGIN IMMEDIATE` finds the lock free.
Other processes on the same file (a second server, `opentasks keys create`) still meet SQLite's
busy timeout, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import make_url

__all__ = [
    "WRITE_BEGIN",
    "WriteQueue",
    "async_creator",
    "connector",
    "create_private",
    "defer_begin",
]

WRITE_BEGIN = "BEGIN IMMEDIATE"
"""How a write transaction starts: it takes the write lock at once."""

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    # WAL with synchronous=NORMAL is durable across application crashes and much faster.
    "PRAGMA synchronous=NORMAL",
)
# SQLITE_BUSY and SQLITE_LOCKED: another connection holds a lock this one needs.
_LOCK_ERRORS = frozenset({5, 6})

Row = tuple[Any, ...]
Description = tuple[tuple[Any, ...], ...] | None
_Result = tuple[list[Row], Description, int, int | None]
_T = TypeVar("_T")


def _execute(
    connection: sqlite3.Connection,
    sql: str,
    parameters: Any,  # noqa: ANN401 - DB-API parameters
    *,
    many: bool,
) -> _Result:
    """Run one statement on a driver connection and return everything SQLAlchemy reads."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        elif parameters is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return rows, cursor.description, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class _Cursor:
    """The part of `aiosqlite.Cursor` SQLAlchemy uses, one step per statement.

    Args:
        connection: The connection the statements run on.
    """

    arraysize = 1

    def __init__(self, connection: _Connection) -> None:
        self._connection = connection
        self._rows: list[Row] = []
        self.description: Description = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> _Cursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> _Cursor:
        """Run one statement and keep all its rows."""
        result = await self._connection.run_statement(sql, parameters, many=False)
        self._rows, self.description, self.rowcount, self.lastrowid = result
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> _Cursor:
        """Run one statement once per parameter set."""
        result = await self._connection.run_statement(sql, list(parameters), many=True)
        self._rows, self.description, self.rowcount, self.lastrowid = result
        return self

    async def fetchone(self) -> Row | None:
        """Return the next row, if any."""
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Row]:
        """Return up to `size` (default `arraysize`) of the next rows."""
        count = self.arraysize if size is None else size
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def fetchall(self) -> list[Row]:
        """Return the remaining rows."""
        rows, self._rows = self._rows, []
        return rows

    async def close(self) -> None:
        """Drop the rows; the driver's cursor was closed with its statement."""
        self._rows = []


class _Ready:
    """What `aiosqlite.Connection.cursor()` returns: awaitable, and an async context manager."""

    def __init__(self, cursor: _Cursor) -> None:
        self._cursor = cursor

    def __await__(self) -> Any:  # noqa: ANN401 - a generator, as __await__ returns
        return self._cursor.__aenter__().__await__()

    async def __aenter__(self) -> _Cursor:
        return self._cursor

    async def __aexit__(self, *_exc: object) -> None:
        await self._cursor.close()


class _Connection(aiosqlite.Connection):
    """An aiosqlite connection that saves trips to its thread (see the module).

    The driver connection is opened with `check_same_thread=False`: it is used from the loop's
    thread inside write transactions and from its own thread otherwise, never from both at once.
    Every use is awaited before the next starts, and the loop only uses the connection when the
    last call handed to the thread has finished (`_idle`): a request cancelled while its call
    was on the thread leaves that call running there.
    """

    # The BEGIN to send with the next statement, if any.
    _begin: str | None = None
    # Whether this connection holds the write lock in a transaction that runs on the loop.
    _inline = False
    # What the busy timeout is when it is not switched off for a moment; set on creation.
    busy_timeout_ms = 0
    # The completion flag of the last call handed to the thread. The thread runs calls in
    # order, so once it is set the thread is idle.
    _last_trip: list[bool] | None = None

    async def _connect(self) -> aiosqlite.Connection:
        """Open the driver connection; on failure, wait for the thread to end before raising.

        aiosqlite stops its thread without waiting when the connection cannot be opened; the
        thread then reports to an event loop that may be closed by then, and fails there.
        """
        try:
            return await super()._connect()
        except BaseException:
            await asyncio.to_thread(self._thread.join)
            raise

    def defer_begin(self, statement: str) -> None:
        """Send `statement` (`BEGIN ...`) with the next statement."""
        self._begin = statement

    def cursor(self) -> Any:  # noqa: ANN401 - aiosqlite's awaitable context manager, untyped
        """Return a cursor; it is an awaitable and an async context manager, as aiosqlite's."""
        return _Ready(_Cursor(self))

    async def run_statement(
        self,
        sql: str,
        parameters: Any,  # noqa: ANN401 - DB-API parameters
        *,
        many: bool,
    ) -> _Result:
        """Run a statement, and the deferred BEGIN before it.

        Args:
            sql: The statement.
            parameters: Its parameters (a list of parameter sets when `many`), or `None`.
            many: Whether to run it once per parameter set.

        Returns:
            The rows, the description, the row count and the last row id.
        """
        begin, self._begin = self._begin, None
        connection = self._conn
        idle = self._idle()
        if begin == WRITE_BEGIN and idle and self._begin_without_waiting():
            begin = None
        if self._inline and idle:
            return _execute(connection, sql, parameters, many=many)

        def statement() -> _Result:
            if begin is not None:
                connection.execute(begin)
            return _execute(connection, sql, parameters, many=many)

        result = await self._on_thread(statement)
        # A write transaction whose BEGIN had to wait holds the lock now: go on on the loop.
        self._inline = begin == WRITE_BEGIN
        return result

    def _begin_without_waiting(self) -> bool:
        """Try `BEGIN IMMEDIATE` on the loop's thread; `False` if another process holds the lock."""
        connection = self._conn
        # Not even the busy handler's first 1 ms sleep may happen on the loop.
        connection.execute("PRAGMA busy_timeout=0")
        try:
            connection.execute(WRITE_BEGIN)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in _LOCK_ERRORS:
                raise
            return False
        finally:
            connection.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        self._inline = True
        return True

    def _idle(self) -> bool:
        """Whether every call handed to the thread has finished."""
        last = self._last_trip
        return last is None or last[0]

    async def _on_thread(self, function: Callable[[], _T]) -> _T:
        done = [False]

        @functools.wraps(function)
        def run() -> _T:
            try:
                return function()
            finally:
                done[0] = True

        self._last_trip = done
        # aiosqlite's own queue to the thread, as its public methods (and SQLAlchemy) use it.
        execute: Callable[[Callable[[], _T]], Awaitable[_T]] = self._execute
        return await execute(run)

    async def commit(self) -> None:
        """Commit on the connection's thread, making no trip when no transaction is open."""
        self._begin, self._inline = None, False
        if self._conn.in_transaction:
            await self._on_thread(self._conn.commit)

    async def rollback(self) -> None:
        """Roll back, making no trip when no transaction is open.

        A rollback writes nothing and waits for nothing, so it runs on the loop, unless a call
        may still run on the thread (then it goes there, behind that call).
        """
        self._begin, self._inline = None, False
        if not self._conn.in_transaction:
            return
        if self._idle():
            self._conn.rollback()
        else:
            await self._on_thread(self._conn.rollback)


def connector(url: str) -> Callable[[float], sqlite3.Connection]:
    """Return a function that opens a driver connection to the SQLite database at `url`.

    Args:
        url: A `sqlite+aiosqlite://` URL; its path and query mean what they mean to SQLAlchemy.

    Returns:
        A function of the busy timeout (seconds a statement waits for another connection's
        lock before failing) that opens a connection in autocommit mode (the server sends BEGIN
        itself, see `defer_begin`), usable from any thread, with the server's pragmas set. A
        missing database file is created private (see `create_private`).
    """
    (database,), options = SQLiteDialect_aiosqlite().create_connect_args(make_url(url))
    options = {**options, "isolation_level": None, "check_same_thread": False}

    def connect(busy_timeout: float) -> sqlite3.Connection:
        if not options.get("uri") and database not in {"", ":memory:"}:
            create_private(database)
        connection: sqlite3.Connection = sqlite3.connect(
            database, **{**options, "timeout": busy_timeout}
        )
        for pragma in _PRAGMAS:
            connection.execute(pragma)
        return connection

    return connect


def async_creator(url: str, *, busy_timeout: float) -> Callable[[], Awaitable[_Connection]]:
    """Return the `async_creator` of an engine on the SQLite database at `url`.

    Args:
        url: A `sqlite+aiosqlite://` URL; its path and query mean what they mean to SQLAlchemy.
        busy_timeout: Seconds a statement waits for another process's lock before failing.

    Returns:
        A coroutine function that opens a connection of this module (see `connector`).
    """
    # Run on the connection's own thread, like every use of it outside write transactions.
    connect = functools.partial(connector(url), busy_timeout)

    async def create() -> _Connection:
        connection = _Connection(connect, 64)
        connection.busy_timeout_ms = round(busy_timeout * 1000)
        # Like SQLAlchemy's own aiosqlite connect: a forgotten connection must not keep the
        # interpreter from exiting. (Before aiosqlite 0.22 the connection was the thread.)
        thread = connection if isinstance(connection, threading.Thread) else connection._thread
        thread.daemon = True
        await connection
        return connection

    return create


def create_private(path: str) -> None:
    """Create a database file readable and writable by its owner only (0600), if it is missing.

    The file holds every project's data and the API keys' hashes; SQLite would create it with
    the process's umask (usually 0644, readable by every user). Its `-wal` and `-shm` files take
    the database file's permissions. An existing file is left as it is.

    Args:
        path: The database file.
    """
    # Any failure (the file exists, a missing folder, no permission) is left for SQLite's own
    # open to report, in its own words.
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))


def defer_begin(driver_connection: object, statement: str) -> bool:
    """Have a connection send `statement` with its next statement, if it is one of ours.

    Args:
        driver_connection: The pool connection's `driver_connection`.
        statement: `BEGIN` or `BEGIN IMMEDIATE`.

    Returns:
        Whether it was deferred; if not, the caller sends it now.
    """
    if isinstance(driver_connection, _Connection):
        driver_connection.defer_begin(statement)
        return True
    return False


class WriteQueue:
    """Lets one write transaction of this process at a time ask SQLite for the write lock.

    The lock belongs to the event loop that first uses it; a queue used from another loop (a
    test driving the app from a new loop) starts a fresh lock there.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this process's other write transactions, then hold the turn for the block.

        Yields:
            Nothing; the turn ends with the block.
        """
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop, self._lock = loop, asyncio.Lock()
        async with self._lock:
            yield
