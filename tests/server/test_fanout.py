"""Cross-process fan-out on PostgreSQL: a stream on one server hears events written through another.

Several server processes share one PostgreSQL database (`opentasks serve --workers N`, or several
hosts). Each test here runs servers whose heartbeat is far longer than the test's deadline, so
only `LISTEN/NOTIFY` can wake the streams in time: a stream that re-read the table on its
heartbeat would fail. Every test needs PostgreSQL and is skipped without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from httpx_sse import connect_sse
from opentasks_server import create_api_key, create_app
from opentasks_server.fanout import APPLICATION_NAME, parse_payload
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from tests._databases import NO_POSTGRES, PostgresDatabases
from tests._live_server import run_server

PROMPT = 1.0
"""How soon an event written through one server must reach a stream on another (seconds)."""
SSE = {"Accept": "text/event-stream"}


@pytest.fixture
def postgres_url(postgres_databases: PostgresDatabases | None) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database; the test is skipped without a server."""
    if postgres_databases is None:
        pytest.skip(NO_POSTGRES)
    url = postgres_databases.create()
    try:
        yield url
    finally:
        postgres_databases.drop(url)


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve_process(url: str, *, workers: int = 1) -> Iterator[str]:
    """Run `opentasks serve --db URL --workers N` in a subprocess; yield its base URL."""
    port = free_port()
    code = (
        "import sys; from opentasks_server.cli import serve; "
        f"sys.exit(serve(db={url!r}, host='127.0.0.1', port={port}, workers={workers}))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                assert process.stderr is not None
                pytest.fail(f"opentasks serve exited:\n{process.stderr.read()}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, "opentasks serve did not become healthy"
            time.sleep(0.05)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        if process.stderr is not None:
            process.stderr.close()


@dataclass
class Received:
    """One event a stream received, and when."""

    id: str
    type: str
    data: dict[str, Any]
    at: float


class Stream:
    """An SSE stream read on a background thread into a queue, with arrival times.

    Args:
        base_url: The server that holds the stream.
        key: The API key.
        path: The events path (`/v1/events` or a task's).
    """

    def __init__(self, base_url: str, key: str, path: str) -> None:
        self.events: queue.Queue[Received] = queue.Queue()
        self._opened = threading.Event()
        self._client = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {key}"},
            timeout=httpx.Timeout(10.0, read=None),
        )
        self._errors: list[BaseException] = []
        self._socket: socket.socket | None = None
        self._thread = threading.Thread(target=self._read, args=(path,), daemon=True)
        self._thread.start()
        assert self._opened.wait(10), "the stream did not open"

    def _read(self, path: str) -> None:
        try:
            with connect_sse(self._client, "GET", path, headers=SSE) as source:
                stream = source.response.extensions["network_stream"]
                self._socket = stream.get_extra_info("socket")
                self._opened.set()
                for event in source.iter_sse():
                    self.events.put(
                        Received(event.id, event.event, event.json()["data"], time.monotonic())
                    )
        except (httpx.TransportError, httpx.StreamClosed):
            pass  # closed by the test
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            self._errors.append(exc)
            self._opened.set()

    def next(self, timeout: float = PROMPT) -> Received:
        """Return the next event, failing the test if none arrives within `timeout`."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no event within {timeout} s {self._errors}")

    def close(self) -> None:
        """Close the connection and wait for the reader."""
        # Closing the client does not wake a thread blocked reading the socket; shutting the
        # socket down does.
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
        self._client.close()
        self._thread.join(5)


@contextlib.contextmanager
def stream(base_url: str, key: str, path: str = "/v1/events") -> Iterator[Stream]:
    """Open a stream for the block."""
    opened = Stream(base_url, key, path)
    try:
        yield opened
    finally:
        opened.close()


def client(base_url: str, key: str) -> httpx.Client:
    """A client of one server."""
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=10)


def post(http: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST, expecting success; return the JSON answer."""
    response = http.post(path, json=body)
    assert response.status_code in {200, 201}, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_notification_payload_is_read() -> None:
    """Reads the project id and sequence number that a notification carries."""
    assert parse_payload("prj_01ABC:42") == ("prj_01ABC", 42)
    assert parse_payload("garbage") is None
    assert parse_payload("prj_x:") is None
    assert parse_payload(":7") is None


def test_event_written_through_one_process_reaches_a_stream_on_another(postgres_url: str) -> None:
    """Delivers events written through server B to streams on server A within a second, in order."""
    key = create_api_key(postgres_url, "fanout")
    with (
        serve_process(postgres_url) as a,
        serve_process(postgres_url) as b,
        client(b, key) as via_b,
        stream(a, key) as project_stream,
    ):
        sent = time.monotonic()
        task = post(via_b, "/v1/tasks", {"agent_id": "agent123"})
        created = project_stream.next()
        assert (created.type, created.data["id"]) == ("task_created", task["id"])
        assert created.at - sent < PROMPT
        with stream(a, key, f"/v1/tasks/{task['id']}/events") as task_stream:
            assert task_stream.next().type == "task_created"  # the backlog, from the table
            for index in range(5):
                sent = time.monotonic()
                event = post(
                    via_b,
                    f"/v1/tasks/{task['id']}/events",
                    {"type": "chunk", "data": {"n": index}},
                )
                for source in (project_stream, task_stream):
                    got = source.next()
                    assert (got.id, got.data) == (event["id"], {"n": index})
                    assert got.at - sent < PROMPT
            post(via_b, f"/v1/tasks/{task['id']}/status", {"status": "executing"})
            post(via_b, f"/v1/tasks/{task['id']}/status", {"status": "completed"})
            assert [task_stream.next().type for _ in range(2)] == [
                "task_status_changed",
                "task_finished",
            ]


def test_writes_through_both_processes_reach_each_stream_once_in_order(postgres_url: str) -> None:
    """Interleaved writes through two servers reach streams on both, each once, ids increasing."""
    key = create_api_key(postgres_url, "fanout")
    count = 40
    with (
        serve_process(postgres_url) as a,
        serve_process(postgres_url) as b,
        client(a, key) as via_a,
        client(b, key) as via_b,
    ):
        task = post(via_a, "/v1/tasks", {"agent_id": "agent123"})
        with stream(a, key) as on_a, stream(b, key) as on_b:
            # Each stream starts with the task_created backlog.
            assert on_a.next().type == on_b.next().type == "task_created"

            def write(http: httpx.Client, label: str) -> None:
                for index in range(count):
                    post(
                        http,
                        f"/v1/tasks/{task['id']}/events",
                        {"type": "chunk", "data": {"via": label, "n": index}},
                    )

            writers = [
                threading.Thread(target=write, args=(via_a, "a")),
                threading.Thread(target=write, args=(via_b, "b")),
            ]
            for writer in writers:
                writer.start()
            for writer in writers:
                writer.join(60)
            for source in (on_a, on_b):
                received = [source.next(timeout=5) for _ in range(2 * count)]
                ids = [event.id for event in received]
                assert ids == sorted(ids)
                assert len(set(ids)) == len(ids)
                for label in ("a", "b"):
                    numbers = [e.data["n"] for e in received if e.data["via"] == label]
                    assert numbers == list(range(count))
                assert source.events.empty()


def test_workers_share_events(postgres_url: str) -> None:
    """With `--workers 2`, every stream sees every event at once, whichever worker holds it."""
    key = create_api_key(postgres_url, "fanout")
    with serve_process(postgres_url, workers=2) as base_url, client(base_url, key) as http:
        task = post(http, "/v1/tasks", {"agent_id": "agent123"})
        with contextlib.ExitStack() as stack:
            # Each stream has a connection of its own, spread by the kernel over the workers.
            streams = [stack.enter_context(stream(base_url, key)) for _ in range(6)]
            for opened in streams:
                assert opened.next().type == "task_created"
            for index in range(3):
                # A new connection for each write, so writes too land on either worker.
                with client(base_url, key) as writer:
                    event = post(
                        writer,
                        f"/v1/tasks/{task['id']}/events",
                        {"type": "chunk", "data": {"n": index}},
                    )
                for opened in streams:
                    assert opened.next().id == event["id"]


async def _terminate_listeners(url: str) -> int:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = :name"
                ),
                {"name": APPLICATION_NAME},
            )
            return len(result.all())
    finally:
        await engine.dispose()


def test_stream_hears_other_servers_again_after_the_listener_connection_drops(
    postgres_url: str,
) -> None:
    """Reconnects a lost LISTEN connection and catches up on what was committed meanwhile."""
    key = create_api_key(postgres_url, "fanout")
    with (
        run_server(create_app(postgres_url, heartbeat_interval=60)) as a,
        run_server(create_app(postgres_url, heartbeat_interval=60)) as b,
        client(b.base_url, key) as via_b,
        stream(a.base_url, key) as on_a,
    ):
        post(via_b, "/v1/tasks", {"agent_id": "agent123"})
        assert on_a.next().type == "task_created"
        # Both servers' listening connections go; events written meanwhile must not be lost.
        assert asyncio.run(_terminate_listeners(postgres_url)) == 2
        post(via_b, "/v1/tasks", {"agent_id": "agent123"})
        assert on_a.next(timeout=5).type == "task_created"
        # Listening again: a later event arrives promptly.
        sent = time.monotonic()
        post(via_b, "/v1/tasks", {"agent_id": "agent123"})
        got = on_a.next()
        assert got.at - sent < PROMPT
