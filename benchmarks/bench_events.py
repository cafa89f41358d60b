"""3. Event streams: read throughput, publish-to-receipt latency, memory over a long stream.

- **Throughput.** One task gets `events` published `chunk` events, then finishes, so its stream
  is `events + 3` events long and ends by itself. Each round reads the whole stream once through
  `task.events()`, once through raw httpx-sse (`connect_sse` + `json.loads` of each event) and
  once with no client library (`http.client`, frames split by hand, `json.loads`: the floor),
  each reader in a fresh process (`_stream_child.py`); the sample is events per second.
- **Client only.** The same readings run against `canned_server.py`, which writes a stream of
  the same length at once, so the reader, not the server, sets the pace.
- **Memory.** The same readings record the reader's resident memory before the stream and its
  peak during it; the growth is the difference.
- **Latency.** A reader waits on a live task's stream; the harness publishes `bench_ping` events
  one at a time, `latency_interval_ms` apart, each stamped with `time.monotonic_ns()` just before
  its POST is sent. The reader records how long after the stamp each one arrived, so a figure
  covers the whole publish: the POST, the server's commit and fan-out, and the stream.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from benchmarks.results import Check, Measurement, Section
from benchmarks.servers import RunningServer
from benchmarks.stats import Target, collect, interleave, percentile

if TYPE_CHECKING:
    from benchmarks.harness import Context

__all__ = ["run"]

_KINDS = {
    "sdk": "SDK task.events()",
    "httpx-sse": "raw httpx-sse + json.loads",
    "bytes": "raw byte read + json.loads (no client library, the floor)",
}
_PUBLISH_CONCURRENCY = 8
_MB = 1024 * 1024


def _create_task(client: httpx.Client, name: str) -> str:
    response = client.post("/v1/tasks", json={"agent_id": "bench-events", "name": name})
    response.raise_for_status()
    task_id: str = response.json()["id"]
    return task_id


def _finish(client: httpx.Client, task_id: str) -> None:
    for status in ("executing", "completed"):
        client.post(f"/v1/tasks/{task_id}/status", json={"status": status}).raise_for_status()


async def _publish_many(server: RunningServer, task_id: str, count: int) -> None:
    limits = httpx.Limits(max_connections=_PUBLISH_CONCURRENCY)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=server.headers, limits=limits, timeout=60
    ) as client:
        numbers = iter(range(count))

        async def worker() -> None:
            for number in numbers:
                body = {"type": "chunk", "data": {"text": f"chunk {number} of the output"}}
                response = await client.post(f"/v1/tasks/{task_id}/events", json=body)
                response.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(_PUBLISH_CONCURRENCY)))


def _child(mode: str, kind: str, server: RunningServer, task_id: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks._stream_child",
            mode,
            kind,
            server.base_url,
            server.key,
            task_id,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def _result(process: subprocess.Popen[str], timeout: float) -> dict[str, Any]:
    output, _ = process.communicate(timeout=timeout)
    if process.returncode != 0 or not output.strip():
        msg = f"the stream reader exited with status {process.returncode}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


@dataclass(frozen=True)
class _Stream:
    """A finished task's stream that the readers read whole."""

    prefix: str  # "" for the reference server, "canned:" for the canned one
    shown: str  # printed before the labels
    server: RunningServer
    task_id: str
    length: int  # the events it holds


def _throughput(context: Context, section: Section, setup: httpx.Client) -> None:
    config, server, canned = context.config, context.reference, context.canned
    task_id = _create_task(setup, "throughput")
    context.log(f"events: publishing {config.events} events")
    started = time.monotonic()
    asyncio.run(_publish_many(server, task_id, config.events))
    _finish(setup, task_id)
    section.params["publish seconds"] = round(time.monotonic() - started, 1)
    canned_id = httpx.get(f"{canned.base_url}/v1/tasks/any").json()["id"]
    streams = [
        # task_created, the chunks, task_status_changed, task_finished
        _Stream("", "", server, task_id, config.events + 3),
        # task_created, the chunks, task_finished
        _Stream("canned:", "[canned] ", canned, canned_id, config.events + 2),
    ]
    by_name = {f"{s.prefix}{kind}": (s, kind) for s in streams for kind in _KINDS}
    for name, (stream, kind) in by_name.items():
        section.measurements.append(
            Measurement(
                f"read:{name}",
                f"{stream.shown}{_KINDS[kind]}: read",
                "events/s",
                extra={"vs": f"read:{stream.prefix}httpx-sse"},
            )
        )
    growth: dict[str, list[float]] = {name: [] for name in by_name}
    unavailable: dict[str, str] = {}

    def one_round(name: str) -> float:
        stream, kind = by_name[name]
        if name in unavailable:
            return float("nan")
        reader = _child("read", kind, stream.server, stream.task_id)
        result = _result(reader, timeout=600 + config.events / 100)
        if "unavailable" in result:
            unavailable[name] = result["unavailable"]
            return float("nan")
        if result["events"] != stream.length:
            msg = f"{name} read {result['events']} events, not {stream.length}"
            raise RuntimeError(msg)
        growth[name].append((result["rss_peak"] - result["rss_start"]) / _MB)
        return float(result["events"] / result["seconds"])

    samples = collect(interleave(list(by_name), config.event_rounds, config.warmup), one_round)
    for name, (stream, kind) in by_name.items():
        measurement = section.get(f"read:{name}")
        if name in unavailable:
            measurement.unavailable = unavailable[name]
            continue
        measurement.samples = samples[name]
        measured = growth[name][config.warmup :]
        measurement.extra["RSS growth MB (max over rounds)"] = max(measured)
        section.measurements.append(
            Measurement(
                f"rss:{name}", f"{stream.shown}{_KINDS[kind]}: RSS growth", "MB", samples=measured
            )
        )
    missed = False
    for stream in streams:
        where = " from the canned server" if stream.prefix else ""
        check = section.ratio_check(
            f"events/s: `task.events()` / raw httpx-sse ({stream.length:,}-event stream{where})",
            Target(">=", 0.9),
            f"read:{stream.prefix}sdk",
            f"read:{stream.prefix}httpx-sse",
        )
        missed = missed or check.verdict == "missed"
        if stream.prefix:
            # The reader's own cost shows only when the stream arrives as fast as it is read.
            for target, vs, what in (
                (1.0, "httpx-sse", "raw httpx-sse"),
                (0.5, "bytes", "raw byte read + json.loads (the floor)"),
            ):
                check = section.ratio_check(
                    f"events/s: `task.events()` / {what} ({stream.length:,}-event stream{where})",
                    Target(">=", target),
                    f"read:{stream.prefix}sdk",
                    f"read:{stream.prefix}{vs}",
                )
                missed = missed or check.verdict == "missed"
        sdk_name = f"{stream.prefix}sdk"
        sdk_growth = growth[sdk_name][config.warmup :] if sdk_name not in unavailable else []
        section.checks.append(
            Check(
                f"RSS growth reading the {stream.length:,}-event stream{where} through "
                "`task.events()` (worst round)",
                Target("<", 20, "MB"),
                max(sdk_growth) if sdk_growth else None,
                "" if sdk_growth else f"not available: {unavailable.get(sdk_name, 'no samples')}",
            )
        )
    if config.profile and missed:
        # The canned stream arrives as fast as it is read, so its profile is the reader's alone.
        for kind in _KINDS:
            result = _result(_child("profile", kind, canned, canned_id), timeout=600)
            section.notes.append(
                f"cProfile of reading the canned stream through {_KINDS[kind]} (reader "
                f"process, per event):\n\n```\n{result['profile']}\n```"
            )


def _latency_round(
    kind: str,
    server: RunningServer,
    setup: httpx.Client,
    count: int,
    interval: float,
    posts: list[float],
) -> tuple[list[float], list[float]] | str:
    """Time `count` publishes to one reader; return its latencies and the POSTs' round trips."""
    round_posts: list[float] = []
    task_id = _create_task(setup, f"latency {kind}")
    process = _child("latency", kind, server, task_id)
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if first != "ready":
        _finish(setup, task_id)
        result = _result(process, timeout=60)
        return str(result.get("unavailable", f"the reader said {first!r}"))
    for number in range(count):
        stamp = time.monotonic_ns()
        body = {"type": "bench_ping", "data": {"t_ns": stamp, "n": number}}
        setup.post(f"/v1/tasks/{task_id}/events", json=body).raise_for_status()
        round_posts.append((time.monotonic_ns() - stamp) / 1e6)
        time.sleep(interval)
    posts += round_posts
    _finish(setup, task_id)
    latencies: list[float] = _result(process, timeout=60)["latencies_ms"]
    if len(latencies) != count:
        msg = f"{kind} received {len(latencies)} of {count} published events"
        raise RuntimeError(msg)
    return latencies, round_posts


def _latency(context: Context, section: Section, setup: httpx.Client) -> None:
    config, server = context.config, context.reference
    rounds = max(1, config.event_rounds)
    per_round = max(1, config.latency_samples // rounds)
    collected: dict[str, list[float]] = {kind: [] for kind in _KINDS}
    # Receipt minus the POST's return, per event: how long after the publisher got its answer
    # the reader got the event (negative when the event arrived first).
    after_return: dict[str, list[float]] = {kind: [] for kind in _KINDS}
    unavailable: dict[str, str] = {}
    posts: list[float] = []
    for slot in interleave(list(_KINDS), rounds):
        if slot.name in unavailable:
            continue
        result = _latency_round(
            slot.name, server, setup, per_round, config.latency_interval_ms / 1000, posts
        )
        if isinstance(result, str):
            unavailable[slot.name] = result
        else:
            latencies, round_posts = result
            collected[slot.name] += latencies
            # Events arrive in publish order (the reader checks the count), so they pair up.
            after_return[slot.name] += [
                latency - post for latency, post in zip(latencies, round_posts, strict=True)
            ]
    for kind, label in _KINDS.items():
        measurement = Measurement(
            f"latency:{kind}", f"{label}: publish → receipt (per event)", "ms"
        )
        section.measurements.append(measurement)
        if kind in unavailable:
            measurement.unavailable = unavailable[kind]
            continue
        values = collected[kind]
        measurement.samples = values
        measurement.extra.update(
            {
                "p50 ms": percentile(values, 50),
                "p99 ms": percentile(values, 99),
                "p50 after the POST returned ms": percentile(after_return[kind], 50),
            }
        )
    # The publish's own round trip, for reading the latencies: a receipt cannot come before
    # the server has committed the event, which is most of the POST's time.
    section.measurements.append(
        Measurement(
            "latency:post",
            "publisher's POST round trip (raw httpx), for reference",
            "ms",
            samples=posts,
            extra={"p50 ms": percentile(posts, 50), "p99 ms": percentile(posts, 99)}
            if posts
            else {},
        )
    )
    sdk_values = collected["sdk"]
    note = "" if sdk_values else f"not available: {unavailable.get('sdk', 'no samples')}"
    for pct, bound in ((50, 5.0), (99, 50.0)):
        section.checks.append(
            Check(
                f"publish → `task.events()` latency p{pct} ({len(sdk_values)} events)",
                Target("<=", bound, "ms"),
                percentile(sdk_values, pct) if sdk_values else None,
                note,
            )
        )


def run(context: Context) -> Section:
    """Measure event-stream throughput, latency and memory.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config, server = context.config, context.reference
    section = Section(
        key="events",
        title="3. Event streams",
        description=(
            "Throughput: each round reads one finished task's whole stream in a fresh process "
            "per reader; the sample is events/s. RSS growth is the reader's peak resident "
            "memory during the stream minus its memory before it. Latency: per event, from "
            "the publisher's timestamp taken just before its `POST /v1/tasks/{id}/events` to "
            "the reader receiving it (CLOCK_MONOTONIC, shared by both processes); the table's "
            "median/min/max are over events, not rounds."
        ),
        params={
            "events": config.events,
            "rounds": config.event_rounds,
            "warmup rounds": config.warmup,
            "latency samples": config.latency_samples,
            "latency interval ms": config.latency_interval_ms,
        },
    )
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as setup:
        _throughput(context, section, setup)
        _latency(context, section, setup)
    return section
