"""Reads of one row by its key on SQLite, run on the event loop's thread without SQLAlchemy.

A `GET` of one resource is the server's most frequent request, and on SQLite its query (an
index lookup of a few pages, in SQLite's or the operating system's cache) takes microseconds.
Through SQLAlchemy's asyncio layer the same read cost about as much as the rest of the request
together: a pool checkout, a greenlet, the compiled statement's cache lookup, a result object and
its row processing, a rollback and a checkin. `PointReader` keeps one connection of its own for
these reads and runs the statement, compiled once, straight on the driver.

- The statement runs in autocommit mode: a single `SELECT` is its own read transaction, and its
  cursor is closed at once, so no snapshot outlives the read (nor holds up a checkpoint).
- The connection's busy timeout is 0, so the loop never sleeps in SQLite's busy handler: when
  another connection holds a lock the read needs (in WAL mode only a checkpoint or a recovery
  does, for a moment), `read` raises `ReadBlockedError` and the caller reads through the engine
  instead, where waiting happens on aiosqlite's thread.
- Each column's value passes through the result processor its SQLAlchemy type has, so the values
  are those the engine would return (JSON decoded, date-times in UTC), and each parameter through
  its bind processor, so it is sent as the engine would send it (on PostgreSQL, whose reads
  `Database.read_one` runs on asyncpg with a `PointStatement` too, text NUL-escaped).

An in-memory database has no second connection to the same data; `Database` uses a reader only
for a database in a file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect

__all__ = ["PointReader", "PointStatement", "ReadBlockedError"]

# SQLITE_BUSY and SQLITE_LOCKED: another connection holds a lock this one needs.
_LOCK_ERRORS = frozenset({5, 6})


class ReadBlockedError(Exception):
    """Another connection holds a lock the read needs; read through the engine instead."""


class PointStatement:
    """A `SELECT` compiled once for `PointReader`, with its columns' result processors.

    Args:
        statement: A Core `SELECT` whose parameters are named `bindparam`s.
        dialect: The engine's SQLite dialect.
    """

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self._names = tuple(compiled.positiontup or ())
        self._binds = tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self._names
        )
        self.columns = tuple(column.name for column in statement.selected_columns)
        self._processors = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.selected_columns
        )

    def parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """Put named values in the statement's positional order.

        Args:
            values: The bound parameters by name.

        Returns:
            The driver's parameters.
        """
        return tuple(
            values[name] if process is None else process(values[name])
            for name, process in zip(self._names, self._binds, strict=True)
        )

    def row(self, raw: tuple[Any, ...]) -> dict[str, Any]:
        """Turn a driver row into the engine's values, by column name.

        Args:
            raw: The row as the driver returned it.

        Returns:
            The values by column name.
        """
        return {
            name: value if process is None else process(value)
            for name, process, value in zip(self.columns, self._processors, raw, strict=True)
        }


class PointReader:
    """One SQLite connection for point reads on the event loop's thread.

    Args:
        connect: Opens a driver connection to the database with the server's pragmas; called
            with the busy timeout (seconds) the connection gets.
    """

    def __init__(self, connect: Callable[[float], sqlite3.Connection]) -> None:
        self._connect = connect
        self._connection: sqlite3.Connection | None = None

    def read(self, statement: PointStatement, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """Run a point read.

        Args:
            statement: The compiled statement.
            values: Its parameters by name.

        Returns:
            The first row's values by column name, or `None` when there is no row.

        Raises:
            ReadBlockedError: When a lock held by another connection keeps the read from running now.
        """
        try:
            connection = self._connection
            if connection is None:
                # Opened on first use, after the migrations; a file open and three pragmas, once.
                connection = self._connection = self._connect(0)
            cursor = connection.execute(statement.sql, statement.parameters(values))
            try:
                raw = cursor.fetchone()
            finally:
                cursor.close()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) in _LOCK_ERRORS:
                raise ReadBlockedError(str(exc)) from exc
            raise
        return None if raw is None else statement.row(raw)

    def close(self) -> None:
        """Close the connection, if open."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
