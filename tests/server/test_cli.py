"""The server commands of the CLI: `serve` (in a real subprocess) and `keys create`."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest
from fastapi import FastAPI
from httpx_sse import connect_sse
from opentasks_server.cli import base_url_for, database_url, keys_create, serve

from tests.server.helpers import client_for

KEY = re.compile(r"ot_[A-Za-z0-9_-]{43}")


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Serve:
    """`opentasks serve` running in a subprocess, its output read line by line."""

    def __init__(self, cwd: Path, port: int, options: str = "") -> None:
        code = (
            "import sys; from opentasks_server.cli import serve; "
            f"sys.exit(serve(db=None, host='127.0.0.1', port={port}, workers=1{options}))"
        )
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("OPENTASKS_DATABASE_URL", None)
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self._readers = [
            threading.Thread(target=self._pump, args=(self.process.stdout, self.stdout.put)),
            threading.Thread(target=self._pump, args=(self.process.stderr, self.stderr.append)),
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _pump(stream: IO[str], put: Callable[[str], object]) -> None:
        for line in stream:
            put(line)

    def wait_healthy(self, timeout: float = 30) -> None:
        """Wait until /healthz answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "".join(self.stderr)
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return
            time.sleep(0.05)
        pytest.fail("opentasks serve did not become healthy:\n" + "".join(self.stderr))

    def output(self) -> str:
        """Everything printed on stdout so far."""
        lines = []
        while True:
            try:
                lines.append(self.stdout.get_nowait())
            except queue.Empty:
                return "".join(lines)

    def interrupt(self, timeout: float = 10) -> int:
        """Press Ctrl-C and return the exit status."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        finally:
            self.close()

    def close(self) -> None:
        """Kill the process if it still runs and release its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for reader in self._readers:
            reader.join(5)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


@contextlib.contextmanager
def serving(cwd: Path, options: str = "") -> Iterator[Serve]:
    """Run `opentasks serve` (with `options`, Python keywords) in `cwd` for the block."""
    server = Serve(cwd, free_port(), options)
    try:
        yield server
    finally:
        server.close()


def test_serve_first_run_creates_database_project_and_a_working_key(tmp_path: Path) -> None:
    """Creates ./opentasks.db and prints a working key once; a later run prints none."""
    with serving(tmp_path) as server:
        server.wait_healthy()
        printed = server.output()
        keys = KEY.findall(printed)
        assert len(keys) == 1, printed
        assert "Keep this key" in printed
        assert f"OPENTASKS_BASE_URL={server.base_url}\n" in printed
        assert f"The task board: {server.base_url}/board" in printed
        headers = {"Authorization": f"Bearer {keys[0]}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
            assert http.post("/v1/tasks", json={"agent_id": "agent123"}).status_code == 201
            assert len(http.get("/v1/tasks").json()["data"]) == 1
            # An open stream must not hold the shutdown up.
            with connect_sse(http, "GET", "/v1/events") as source:
                assert next(source.iter_sse()).event == "task_created"
                started = time.monotonic()
                assert server.interrupt() == 0
            assert time.monotonic() - started < 5
        assert "graceful shutdown exceeded" not in "".join(server.stderr)
    assert (tmp_path / "opentasks.db").is_file()

    with serving(tmp_path) as again:
        again.wait_healthy()
        printed = again.output()
        assert KEY.search(printed) is None
        assert f"OPENTASKS_BASE_URL={again.base_url}\n" in printed
        assert str(tmp_path / "opentasks.db") in printed
        with httpx.Client(base_url=again.base_url, headers=headers, timeout=10) as http:
            assert len(http.get("/v1/tasks").json()["data"]) == 1
        assert again.interrupt() == 0


def test_serve_applies_its_limits(tmp_path: Path) -> None:
    """The rate limit, stream cap and header timeout given to `serve` are what it enforces."""
    options = ", rate_limit=4, max_streams_per_key=1, header_timeout=0.5"
    with serving(tmp_path, options) as server:
        server.wait_healthy()
        printed = server.output()
        assert "Do not send this output into a shared log" in printed
        (key,) = KEY.findall(printed)
        headers = {"Authorization": f"Bearer {key}"}
        with socket.create_connection(
            ("127.0.0.1", int(server.base_url.rsplit(":", 1)[1]))
        ) as idle:
            idle.settimeout(5)
            started = time.monotonic()
            assert idle.recv(1) == b""  # closed by the server: no request head came
            assert time.monotonic() - started < 3
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
            with connect_sse(http, "GET", "/v1/events"):
                second = http.get("/v1/events", headers={"Accept": "text/event-stream"})
                assert second.status_code == 429
                assert second.json()["type"].endswith("/too-many-streams")
                # The problem says how to recover: one project stream rather than many.
                assert "GET /v1/events" in second.json()["detail"]
            statuses = [http.get("/v1/tasks").status_code for _ in range(3)]
            assert statuses[-1] == 429
        assert server.interrupt() == 0


def test_serve_refuses_several_workers_on_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Explains that --workers needs PostgreSQL instead of starting on SQLite."""
    assert serve(db=str(tmp_path / "x.db"), host="127.0.0.1", port=free_port(), workers=2) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


async def test_keys_create_prints_the_key_last(
    app: FastAPI, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Prints a working key as the last word, creating the project once for several keys."""
    assert keys_create(project="team", db=database_url) == 0
    first = capsys.readouterr().out.split()[-1]
    assert keys_create(project="team", db=database_url) == 0
    out = capsys.readouterr().out
    second = out.split()[-1]
    assert "team" in out
    assert KEY.fullmatch(first)
    assert KEY.fullmatch(second)
    assert first != second
    async with client_for(app, first) as one, client_for(app, second) as two:
        created = await one.post("/v1/tasks", json={"agent_id": "agent123"})
        assert created.status_code == 201
        listed = await two.get("/v1/tasks")
        assert [task["id"] for task in listed.json()["data"]] == [created.json()["id"]]


@pytest.mark.parametrize(
    ("option", "url"),
    [
        (None, "sqlite+aiosqlite:///./opentasks.db"),
        ("data/tasks.db", "sqlite+aiosqlite:///data/tasks.db"),
        ("/srv/tasks.db", "sqlite+aiosqlite:////srv/tasks.db"),
        ("sqlite:///tasks.db", "sqlite+aiosqlite:///tasks.db"),
        ("postgresql://u:p@db/tasks", "postgresql+asyncpg://u:p@db/tasks"),
    ],
)
def test_db_option_becomes_an_async_database_url(option: str | None, url: str) -> None:
    """Accepts a URL or a SQLite path, defaulting to ./opentasks.db."""
    assert database_url(option) == url


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8001"),
        ("0.0.0.0", "http://127.0.0.1:8001"),
        ("::", "http://[::1]:8001"),
        ("example.internal", "http://example.internal:8001"),
    ],
)
def test_the_printed_base_url_matches_the_listening_address(host: str, url: str) -> None:
    """`serve --port N` prints the URL a client on this machine reaches it at."""
    assert base_url_for(host, 8001) == url
