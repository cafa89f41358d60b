"""Read a task's event stream in a fresh process and report what it measured, as one JSON line.

`python -m benchmarks._stream_child MODE KIND BASE_URL KEY TASK_ID`

- MODE `read`: read the whole stream; report the event count, the seconds it took, and the
  process's resident memory before, at its peak (sampled every 1,000 events) and after.
- MODE `latency`: print `ready` once the first event has arrived (the stream is then live), then
  for every `bench_ping` event record how long ago its publisher stamped it
  (`data.t_ns`, from `time.monotonic_ns()`: CLOCK_MONOTONIC is one clock for every process of
  the machine, so a stamp from the publisher's process can be compared with one taken here).
- MODE `profile`: read the whole stream under cProfile; report the summary per event.
- KIND `sdk` reads with `client.tasks.get(id).events()`; `httpx-sse` with raw httpx-sse,
  decoding each event's JSON; `bytes` with no client library at all (the floor): `http.client`
  reads the body, frames are split at blank lines and each `data:` line goes to `json.loads`.

A fresh process per reading keeps each reader's memory figures its own: Python rarely gives
memory back, so a second stream read in the same process would look free.
"""

from __future__ import annotations

import http.client
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from httpx_sse import connect_sse

__all__ = ["main", "rss_bytes"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_STATM = Path("/proc/self/statm")


def rss_bytes() -> int:
    """Return this process's resident memory now (Linux), or its peak elsewhere.

    Returns:
        Bytes.
    """
    if _STATM.exists():
        return int(_STATM.read_text().split()[1]) * _PAGE
    # ru_maxrss is kilobytes on Linux and bytes on macOS; only the peak is on offer there.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _sdk_events(base_url: str, key: str, task_id: str) -> Iterator[tuple[str, Any]]:
    from benchmarks import sdk

    # The client and the task are made before the reading is timed; the stream's connection
    # opens on the first iteration, as the raw reader's does.
    client = sdk.make_client(base_url, key)
    task = sdk.require(client, "tasks.get")(task_id)
    stream = sdk.require(task, "events")()

    def events() -> Iterator[tuple[str, Any]]:
        try:
            for event in stream:
                yield event.type, event.data
        finally:
            sdk.close_client(client)

    return events()


def _raw_events(base_url: str, key: str, task_id: str) -> Iterator[tuple[str, Any]]:
    client = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=60)

    def events() -> Iterator[tuple[str, Any]]:
        with client, connect_sse(client, "GET", f"/v1/tasks/{task_id}/events") as source:
            for sse in source.iter_sse():
                event = json.loads(sse.data)
                yield sse.event, event["data"]

    return events()


def _byte_events(base_url: str, key: str, task_id: str) -> Iterator[tuple[str, Any]]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
    headers = {"Authorization": f"Bearer {key}", "Accept": "text/event-stream"}

    def events() -> Iterator[tuple[str, Any]]:
        connection.request("GET", f"/v1/tasks/{task_id}/events", headers=headers)
        response = connection.getresponse()
        rest = b""
        try:
            while chunk := response.read1(65536):
                frames = (rest + chunk).split(b"\n\n")
                rest = frames.pop()
                for frame in frames:
                    kind, data = "message", b""
                    for line in frame.split(b"\n"):
                        if line.startswith(b"data:"):
                            data = line[5:]
                        elif line.startswith(b"event:"):
                            kind = line[6:].strip().decode()
                    if data:
                        yield kind, json.loads(data)["data"]
        finally:
            connection.close()

    return events()


_SOURCES = {"sdk": _sdk_events, "httpx-sse": _raw_events, "bytes": _byte_events}


def _read(events: Iterator[tuple[str, Any]]) -> dict[str, Any]:
    start = rss_bytes()
    peak = start
    count = 0
    started = time.perf_counter()
    for _type, _data in events:
        count += 1
        if count % 1000 == 0:
            peak = max(peak, rss_bytes())
    seconds = time.perf_counter() - started
    end = rss_bytes()
    return {
        "events": count,
        "seconds": seconds,
        "rss_start": start,
        "rss_peak": max(peak, end),
        "rss_end": end,
    }


def _latency(events: Iterator[tuple[str, Any]]) -> dict[str, Any]:
    latencies = []
    ready = False
    for event_type, data in events:
        received = time.monotonic_ns()
        if not ready:
            print("ready", flush=True)
            ready = True
        if event_type == "bench_ping":
            latencies.append((received - data["t_ns"]) / 1e6)
    return {"latencies_ms": latencies}


def main(argv: list[str]) -> int:
    """Run one reading.

    Args:
        argv: `[MODE, KIND, BASE_URL, KEY, TASK_ID]`.

    Returns:
        The exit status.
    """
    from benchmarks.results import Unavailable

    mode, kind, base_url, key, task_id = argv
    source = _SOURCES[kind]
    try:
        events = source(base_url, key, task_id)
    except Unavailable as exc:
        print(json.dumps({"unavailable": str(exc)}), flush=True)
        return 0
    if mode == "profile":
        from benchmarks import profiling

        result: dict[str, Any] = {}
        # Count the events as they pass, to state the profile per event.
        result["profile"] = profiling.profile_iteration(events)
    else:
        result = _read(events) if mode == "read" else _latency(events)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
