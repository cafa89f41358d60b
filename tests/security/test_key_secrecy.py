"""API keys stay secret: stored only as hashes, and never shown by the SDK or the server.

The SDK is run at `OPENTASKS_LOG=debug` through calls that succeed and calls that fail (a 404, a
422, a 401 with a wrong key, a connection error), and every place a key could surface is
searched for it: log records (the SDK's, httpx's and httpcore's, before any redacting handler),
the process's output, `repr` and `str` of the client, of errors, of their requests and headers,
and formatted tracebacks. The same run is repeated in a fresh interpreter that reads the key
and the log level from the environment, as a user's program would, and the server's own debug
log (with its access log) is searched too.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentasks import (
    APIConnectionError,
    AuthenticationError,
    Backoff,
    Client,
    NotFoundError,
    UnprocessableEntityError,
)
from opentasks_server import create_api_key
from opentasks_server.db.engine import Database
from sqlalchemy import MetaData, select

from tests._server_process import ROOT
from tests.security.conftest import Deployment

FAST = Backoff(initial=0.01, maximum=0.02, jitter=0)


def scenario(base_url: str, key: str, wrong_key: str, dead_url: str) -> list[str]:
    """Use the SDK as a program would, good calls and failing ones; return every text it shows.

    Shared with `python -m tests.security._leak_scenario`, which runs it in a fresh process.
    """
    shown: list[str] = []

    def show(*values: object) -> None:
        shown.extend(repr(value) for value in values)
        shown.extend(str(value) for value in values)

    def failure(error: BaseException) -> None:
        show(error, error.args, error.__cause__, error.__context__)
        shown.append("".join(traceback.format_exception(error)))
        request = getattr(error, "request", None)
        if isinstance(request, httpx.Request):
            show(request, request.headers, request.url)
        response = getattr(error, "response", None)
        if isinstance(response, httpx.Response):
            show(response, response.headers, response.text)

    with Client(api_key=key, base_url=base_url, backoff=FAST) as client:
        show(client, client.api, client.with_options(max_retries=1))
        task = client.tasks.create(agent_id="secrecy", prompt="hello")
        show(task, client.tasks.get(task.id), list(client.tasks.list(agent_id="secrecy")))
        task.set_status("executing")
        task.set_status("completed", output="bye")
        show(*task.events())
        try:
            client.tasks.get("task_00000000000000000000000000")
        except NotFoundError as error:
            failure(error)
            shown.append(traceback.format_exc())
        try:
            client.tasks.create(agent_id="")
        except UnprocessableEntityError as error:
            failure(error)
            shown.append(traceback.format_exc())
    with Client(api_key=wrong_key, base_url=base_url, backoff=FAST) as wrong:
        try:
            wrong.tasks.list().first_page()
        except AuthenticationError as error:
            failure(error)
            shown.append(traceback.format_exc())
    with Client(api_key=key, base_url=dead_url, backoff=FAST, max_retries=1) as dead:
        try:
            dead.tasks.create(agent_id="nowhere")
        except APIConnectionError as error:
            failure(error)
            shown.append(traceback.format_exc())
    return shown


def dead_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_the_database_never_holds_a_key_in_clear(
    deployment: Deployment, figures: dict[str, Any]
) -> None:
    """Every value of every table, and the SQLite files' bytes, hold no key; hashes match."""
    keys = [deployment.alpha.key, deployment.beta.key]
    keys += [create_api_key(deployment.database_url, f"hashed-{n}") for n in range(3)]
    for key in keys:  # each key was used, so a server that kept what it saw would have it
        with deployment.http(key) as http:
            assert http.get("/v1/tasks").status_code == 200
    values, hashes = asyncio.run(_every_value(deployment.database_url))
    figures.update(keys=len(keys), stored_values_scanned=len(values))
    assert values, "the scan read nothing"
    for key in keys:
        assert not [value for value in values if key in value]
        assert not [value for value in values if key[3:20] in value]
        assert hashlib.sha256(key.encode()).hexdigest() in hashes
    if deployment.database_url.startswith("sqlite"):
        path = Path(deployment.database_url.split("///", 1)[1])
        for file in [path, *path.parent.glob(path.name + "-*")]:
            data = file.read_bytes()
            assert all(key.encode() not in data for key in keys), file


async def _every_value(database_url: str) -> tuple[list[str], set[str]]:
    database = Database(database_url)
    try:
        async with database.engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(metadata.reflect)
            values: list[str] = []
            for table in metadata.sorted_tables:
                rows = (await connection.execute(select(table))).all()
                values += [str(value) for row in rows for value in row if value is not None]
            key_table = metadata.tables["api_keys"]
            hashes = {str(row[0]) for row in await connection.execute(select(key_table.c.key_hash))}
    finally:
        await database.dispose()
    return values, hashes


def test_the_sdk_never_shows_the_key_at_debug_level(
    deployment: Deployment,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    figures: dict[str, Any],
) -> None:
    """Logs, output, reprs, messages and tracebacks of good and failing calls hold no key."""
    monkeypatch.setenv("OPENTASKS_LOG", "debug")
    caplog.set_level(logging.DEBUG)  # every logger: opentasks, httpx, httpcore
    key = deployment.alpha.key
    wrong = "ot_" + "W" * 43
    shown = scenario(deployment.server.base_url, key, wrong, dead_url())
    captured = capsys.readouterr()
    records = [record.getMessage() for record in caplog.records]
    records += [str(record.args) for record in caplog.records]
    texts = [*shown, *records, captured.out, captured.err]
    figures.update(
        texts_checked=len(shown),
        log_records_checked=len(caplog.records),
        sdk_debug_records=sum(1 for r in caplog.records if r.name.startswith("opentasks")),
    )
    assert any(
        r.name.startswith("opentasks") and r.levelno == logging.DEBUG for r in caplog.records
    )
    # The HTTP stack's own records were captured too (httpx logs every request).
    assert any(r.name.startswith(("httpx", "httpcore")) for r in caplog.records)
    for secret in (key, wrong):
        assert not [text for text in texts if secret in text]


def test_a_program_at_opentasks_log_debug_never_prints_the_key(
    deployment: Deployment, figures: dict[str, Any]
) -> None:
    """A fresh interpreter with the key in OPENTASKS_API_KEY: its stdout and stderr hold no key."""
    key = deployment.alpha.key
    env = {
        **os.environ,
        "OPENTASKS_LOG": "debug",
        "OPENTASKS_API_KEY": key,
        "OPENTASKS_BASE_URL": deployment.server.base_url,
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.security._leak_scenario", dead_url()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "opentasks: POST http://127.0.0.1" in result.stderr  # debug logging was on
    figures.update(stdout_chars=len(result.stdout), stderr_chars=len(result.stderr))
    assert key not in result.stdout
    assert key not in result.stderr


def test_the_server_log_never_holds_a_key(deployment: Deployment) -> None:
    """The server's debug and access log, after every test above, holds no key."""
    with deployment.http(deployment.beta.key) as http:
        http.get("/v1/tasks", headers={"X-API-Key": deployment.alpha.key})
        http.get("/v1/nowhere")
    log = deployment.server.log_text()
    assert "GET /v1/tasks" in log  # the access log is on
    assert deployment.alpha.key not in log
    assert deployment.beta.key not in log
