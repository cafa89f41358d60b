"""SQLite under asyncio: few trips to aiosqlite's thread, and no waiting on the event loop.

`opentasks_server.db.sqlite` runs write transactions on the event loop's thread but for their
commit, sends BEGIN with the first statement, and lines the process's writers up before SQLite's
write lock. These tests pin what that must keep: the number of trips, that a write blocked by
another connection's lock waits off the loop, and that a failed write leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiosqlite
import httpx
import pytest
import sqlalchemy
from fastapi import FastAPI
from opentasks_server import create_api_key, create_app
from opentasks_server.db import sqlite
from opentasks_server.db.point_reads import PointReader, PointStatement, ReadBlockedError
from opentasks_server.db.types import UTCDateTime
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite

from tests.server.helpers import all_events, assert_problem, client_for, create_task


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    """A fresh SQLite file (these tests are about the SQLite driver only)."""
    return tmp_path / "opentasks.db"


@pytest.fixture
async def sqlite_http(sqlite_file: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app serving `sqlite_file`."""
    url = f"sqlite+aiosqlite:///{sqlite_file}"
    key = create_api_key(url)
    application: FastAPI = create_app(url)
    async with (
        application.router.lifespan_context(application),
        client_for(application, key) as client,
    ):
        yield client


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """Count the calls handed to aiosqlite's connection threads, by function name."""
    counted: collections.Counter[str] = collections.Counter()
    original: Callable[..., Awaitable[Any]] = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Callable[..., Any], *args: Any) -> Any:  # noqa: ANN401
        counted[getattr(fn, "__name__", repr(fn))] += 1
        return await original(self, fn, *args)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return counted


async def test_a_create_makes_one_trip_to_the_database_thread(
    sqlite_http: httpx.AsyncClient, trips: collections.Counter[str]
) -> None:
    """The write runs on the loop; only its commit goes to the thread."""
    await create_task(sqlite_http)  # the first request reads the key and warms the pool
    for headers in ({}, {"Idempotency-Key": "one-trip"}):
        trips.clear()
        response = await sqlite_http.post("/v1/tasks", json={"agent_id": "a"}, headers=headers)
        assert response.status_code == 201, response.text
        assert trips == {"commit": 1}


async def test_a_read_makes_one_trip(
    sqlite_http: httpx.AsyncClient, trips: collections.Counter[str]
) -> None:
    """BEGIN travels with the read's statement, and its rollback runs on the loop."""
    await create_task(sqlite_http)
    trips.clear()
    assert (await sqlite_http.get("/v1/tasks")).status_code == 200
    assert trips == {"statement": 1}


async def test_a_point_read_makes_no_trip(
    sqlite_http: httpx.AsyncClient, trips: collections.Counter[str]
) -> None:
    """A task read by its id runs on the loop's thread, with the values the engine reads."""
    task = await create_task(sqlite_http)
    trips.clear()
    response = await sqlite_http.get(f"/v1/tasks/{task['id']}")
    assert response.status_code == 200
    assert response.json() == task
    assert not trips


def test_a_point_read_blocked_by_a_lock_says_so_instead_of_waiting(tmp_path: Path) -> None:
    """A point read that meets another connection's lock raises at once; it never sleeps."""
    path = tmp_path / "locked.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, at DATETIME)")
    other.execute("INSERT INTO t VALUES ('a', 1, '2026-01-02 03:04:05.000000')")
    columns = sqlalchemy.table(
        "t",
        sqlalchemy.column("id", sqlalchemy.String),
        sqlalchemy.column("n", sqlalchemy.Integer),
        sqlalchemy.column("at", UTCDateTime()),
    )
    statement = PointStatement(
        sqlalchemy.select(columns).where(columns.c.id == sqlalchemy.bindparam("id")),
        SQLiteDialect_aiosqlite(),
    )

    def connect(busy_timeout: float) -> sqlite3.Connection:
        # A rollback journal, where a writer's exclusive lock keeps readers out.
        return sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)

    reader = PointReader(connect)
    try:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(ReadBlockedError):
            reader.read(statement, {"id": "a"})
        assert time.monotonic() - started < 0.5
        other.execute("ROLLBACK")
        at = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        assert reader.read(statement, {"id": "a"}) == {"id": "a", "n": 1, "at": at}
        assert reader.read(statement, {"id": "b"}) is None
    finally:
        reader.close()
        other.close()


async def test_a_write_waits_off_the_loop_while_another_connection_holds_the_lock(
    sqlite_http: httpx.AsyncClient, sqlite_file: Path
) -> None:
    """Another process's write lock makes a create wait, not the server."""
    task = await create_task(sqlite_http)
    other = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        blocked = asyncio.create_task(sqlite_http.post("/v1/tasks", json={"agent_id": "late"}))
        await asyncio.sleep(0.3)
        assert not blocked.done()
        # The loop is free meanwhile: reads are answered (WAL readers need no write lock).
        assert (await sqlite_http.get(f"/v1/tasks/{task['id']}")).status_code == 200
        other.execute("ROLLBACK")
        created = await asyncio.wait_for(blocked, 10)
    finally:
        other.close()
    assert created.status_code == 201, created.text
    assert (await sqlite_http.get(f"/v1/tasks/{created.json()['id']}")).status_code == 200


async def test_failed_writes_leave_nothing_and_do_not_hold_the_lock(
    sqlite_http: httpx.AsyncClient, sqlite_file: Path
) -> None:
    """A write that fails mid-way rolls back, and the next writer gets the lock."""
    task = await create_task(sqlite_http)
    path = f"/v1/tasks/{task['id']}"
    stale = await sqlite_http.patch(path, json={"output": "x"}, headers={"If-Match": '"9"'})
    assert_problem(stale, 412, "precondition-failed")
    illegal = await sqlite_http.post(f"{path}/status", json={"status": "completed"})
    assert_problem(illegal, 409)
    # Another connection can take the write lock at once: nobody holds it.
    other = sqlite3.connect(sqlite_file, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()
    saved = await sqlite_http.patch(path, json={"output": "x"}, headers={"If-Match": '"1"'})
    assert saved.status_code == 200, saved.text
    types = [event["type"] for event in await all_events(sqlite_http)]
    assert types == ["task_created", "task_updated"]


async def test_concurrent_writes_number_events_in_commit_order(
    sqlite_http: httpx.AsyncClient,
) -> None:
    """Writes queued in the process still get strictly increasing event ids, none twice."""
    responses = await asyncio.gather(
        *(sqlite_http.post("/v1/tasks", json={"agent_id": f"a{n}"}) for n in range(40))
    )
    assert {response.status_code for response in responses} == {201}
    events = await all_events(sqlite_http)
    ids = [event["id"] for event in events]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids) == 40
    # The tasks are listed in the order their events were committed.
    listed = [task["id"] for task in (await sqlite_http.get("/v1/tasks?limit=100")).json()["data"]]
    assert listed == [event["task_id"] for event in events]


async def test_the_loop_never_uses_a_connection_while_a_cancelled_call_runs_on_its_thread(
    sqlite_file: Path,
) -> None:
    """A statement cancelled mid-way keeps running on the thread; the loop waits its turn."""
    create = sqlite.async_creator(f"sqlite+aiosqlite:///{sqlite_file}", busy_timeout=5)
    connection = await create()
    try:
        cursor = await connection.cursor()
        await cursor.execute("CREATE TABLE t (x INTEGER)")
        sqlite.defer_begin(connection, "BEGIN")
        slow = asyncio.create_task(
            cursor.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)"
                " SELECT sum(x) FROM c"
            )
        )
        await asyncio.sleep(0.05)
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        assert not connection._idle()  # the statement still runs on the thread
        # The read transaction is still open on the thread: its rollback goes there too, after
        # the statement, instead of running on the loop beside it.
        await connection.rollback()
        assert not connection._conn.in_transaction
        # And a write transaction starts on the loop again once the thread is idle.
        sqlite.defer_begin(connection, sqlite.WRITE_BEGIN)
        await cursor.execute("INSERT INTO t VALUES (1)")
        await connection.commit()
        await cursor.execute("SELECT count(*) FROM t")
        assert await cursor.fetchall() == [(1,)]
    finally:
        await connection.close()


def test_a_file_that_cannot_be_opened_leaves_no_thread_behind(tmp_path: Path) -> None:
    """A failed connect ends its thread before the call returns, whatever loop ran it.

    aiosqlite stops the thread of a connection that failed to open without waiting for it, and
    the thread then reports to the event loop `asyncio.run` has already closed.
    """
    failures: list[threading.ExceptHookArgs] = []
    previous = threading.excepthook
    threading.excepthook = failures.append
    try:
        for _ in range(20):
            # A folder is not a database file: sqlite3 refuses to open it.
            with pytest.raises(Exception, match="unable to open database file"):
                create_api_key(f"sqlite+aiosqlite:///{tmp_path}")
        for thread in threading.enumerate():
            if thread.name.endswith("(_connection_worker_thread)"):
                thread.join(timeout=5)
    finally:
        threading.excepthook = previous
    assert [str(failure.exc_value) for failure in failures] == []
