"""6. Server reads: GET fan-out against a bare JSON app, and `opentasks serve --workers N`.

- **GET fan-out.** Rounds of `fanout_requests` `GET /v1/tasks/{id}` with `fanout_concurrency` in
  flight, from one raw aiohttp client (the fastest client here, so the servers set the pace),
  against the reference server (one worker; SQLite, and PostgreSQL when given) and a bare
  Starlette app on the same uvicorn that answers the same task from memory
  (`baseline_app.create_json_app`: no database, no auth). The GETs cycle through 64 tasks.
- **Workers.** With PostgreSQL, `opentasks serve --workers N` (the command a user runs) for N
  from 1 to the machine's cores, the same GET fan-out against each: the scaling curve.

The sample of a round is its throughput; contenders run interleaved, round by round.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from benchmarks.bench_server import _scratch_database
from benchmarks.results import Measurement, Section
from benchmarks.servers import RunningServer, _create_key, _env, _wait_healthy, serve
from benchmarks.stats import Target, acollect, interleave

if TYPE_CHECKING:
    from benchmarks.harness import Context

__all__ = ["run"]

_TASKS = 64
_BODY = {"agent_id": "bench-reads", "prompt": "Analyze the sales data", "name": "read"}
_SHUTDOWN_TIMEOUT = 15.0


def _ids(server: RunningServer) -> list[str]:
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=30) as client:
        ids = []
        for _ in range(_TASKS):
            response = client.post("/v1/tasks", json=_BODY)
            response.raise_for_status()
            ids.append(response.json()["id"])
        return ids


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as spare:
        port: int = spare.getsockname()[1]
    return port


@contextlib.contextmanager
def _serve_workers(database_url: str, workers: int, log: Path) -> Iterator[RunningServer]:
    """Run `opentasks serve --workers N` on a database (a key made first) for the block."""
    key = _create_key(database_url)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "opentasks", "serve", "--db", database_url]
    command += ["--port", str(port), "--workers", str(workers)]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, text=True, env=_env()
        )
        try:
            _wait_healthy(base_url, process)
            yield RunningServer("reference", base_url, key, database_url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(_SHUTDOWN_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _fanout(
    context: Context, section: Section, targets: dict[str, tuple[RunningServer, list[str]]]
) -> None:
    import aiohttp

    config = context.config
    async with contextlib.AsyncExitStack() as stack:
        senders: dict[str, Callable[[int], Awaitable[None]]] = {}
        for name, (server, ids) in targets.items():
            session = await stack.enter_async_context(
                aiohttp.ClientSession(base_url=server.base_url, headers=server.headers)
            )

            async def get(
                number: int, session: aiohttp.ClientSession = session, ids: list[str] = ids
            ) -> None:
                path = f"/v1/tasks/{ids[number % len(ids)]}"
                async with session.get(path) as response:
                    if response.status != 200:
                        msg = f"the server answered {response.status}, not 200"
                        raise RuntimeError(msg)
                    await response.read()

            senders[name] = get

        async def one_round(name: str) -> float:
            from benchmarks.bench_fanout import drive

            return await drive(config.fanout_requests, config.fanout_concurrency, senders[name])

        schedule = interleave(list(senders), config.fanout_rounds, config.warmup)
        samples = await acollect(schedule, one_round)
    for name, values in samples.items():
        section.get(name).samples = values


def run(context: Context) -> Section:
    """Measure the reference server's GET fan-out against a bare app, and its workers' scaling.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config = context.config
    cores = os.cpu_count() or 1
    section = Section(
        key="reads",
        title="6. Server reads",
        description=(
            f"GET fan-out: rounds of {config.fanout_requests} `GET /v1/tasks/{{id}}` with "
            f"{config.fanout_concurrency} in flight from one raw aiohttp client, against the "
            "reference server (one worker) and a bare Starlette app on the same uvicorn that "
            "answers the same task from memory (no database, no auth). Workers: the same "
            "fan-out against `opentasks serve --workers N` on PostgreSQL, N from 1 to the "
            "machine's cores. The client shares the machine's cores with the servers."
        ),
        params={
            "requests": config.fanout_requests,
            "concurrency": config.fanout_concurrency,
            "rounds": config.fanout_rounds,
            "warmup rounds": config.warmup,
            "cores": cores,
        },
    )
    workdir = context.workdir / "reads-bench"
    workdir.mkdir(parents=True, exist_ok=True)
    reference = context.reference
    document = httpx.get(f"{context.canned.base_url}/v1/tasks/any").json()
    (workdir / "task.json").write_text(json.dumps(document))
    bare_label = "bare Starlette + uvicorn JSON app (no database)"
    with contextlib.ExitStack() as stack:
        bare = stack.enter_context(serve("json", workdir / "json", str(workdir / "task.json")))
        targets = {"bare": (bare, [document["id"]] * _TASKS)}
        section.measurements.append(Measurement("bare", bare_label, "req/s"))
        labels = {"sqlite": "reference server, SQLite"}
        targets["sqlite"] = (reference, _ids(reference))
        if config.postgres_url:
            database = stack.enter_context(_scratch_database(config.postgres_url))
            for workers in range(1, cores + 1):
                log = workdir / f"workers-{workers}.log"
                server = stack.enter_context(_serve_workers(database, workers, log))
                name = f"postgres:{workers}"
                labels[name] = (
                    f"reference server, PostgreSQL, `opentasks serve --workers {workers}`"
                )
                targets[name] = (server, _ids(server))
        for name, label in labels.items():
            section.measurements.append(Measurement(name, label, "req/s", extra={"vs": "bare"}))
        context.log(f"reads: GET fan-out against {', '.join(targets)}")
        asyncio.run(_fanout(context, section, targets))
    section.ratio_check(
        "GET fan-out: reference server (SQLite) / bare Starlette JSON app (throughput)",
        Target(">=", 0.6),
        "sqlite",
        "bare",
    )
    if config.postgres_url:
        section.ratio_check(
            "GET fan-out: reference server (PostgreSQL, 1 worker) / bare Starlette JSON app",
            Target(">=", 0.6),
            "postgres:1",
            "bare",
        )
        for workers in range(2, cores + 1):
            section.ratio_check(
                f"GET fan-out: `--workers {workers}` / `--workers 1` on PostgreSQL",
                Target(">=", round(0.8 * workers, 2)),
                f"postgres:{workers}",
                "postgres:1",
            )
    else:
        section.notes.append(
            "SQLite only: `--postgres-url` adds the PostgreSQL and `--workers N` rows."
        )
    return section
