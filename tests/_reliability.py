"""Sizes and recorded figures of the reliability and security tests.

Sizes: `OPENTASKS_RELIABILITY_SCALE=ci` (the default, what `pytest` and CI run) or `full` (the
issue's sizes, `nox -s reliability`) picks a preset; any single size can be set on its own with
`OPENTASKS_RELIABILITY_<NAME>` (e.g. `OPENTASKS_RELIABILITY_CREATES=5000`).

Figures: each test records what it did and measured (counts, restarts, drops, latencies) with the
`figures` fixture. After every test the whole record is written as JSON to
`OPENTASKS_RELIABILITY_REPORT`, or else to `reliability-figures.json` in pytest's temporary
folder; docs/reliability.md quotes a full-size run of it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

__all__ = [
    "REPORT_ENV",
    "SCALE_ENV",
    "Sizes",
    "figures",
    "percentiles",
    "read_task_log",
    "scale",
    "sizes",
]

SCALE_ENV = "OPENTASKS_RELIABILITY_SCALE"
REPORT_ENV = "OPENTASKS_RELIABILITY_REPORT"
_PREFIX = "OPENTASKS_RELIABILITY_"


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How hard each test pushes.

    Attributes:
        creates: Creates sent through the reply-dropping proxy (test 1).
        drop_rate: The share of replies the proxy drops after the server handled the request.
        create_threads: Threads sending those creates at once.
        events: Events published while the server is killed and restarted (test 2).
        restarts: SIGKILL-and-restart cycles during the event stream (test 2).
        savers: Stale copies saved at once on one task, per round (test 3).
        save_rounds: Rounds of that, one version each (test 3).
        rate_limited_calls: SDK calls made against the rate-limited server (test 4).
        outbox_kills: SIGKILLs during the writes of the outbox test (test 6).
        outbox_writers: Threads writing during them (test 6).
        nesting_depth: The deepest JSON sent to the server (security).
        oversized_mib: The size of the oversized body (security), in MiB.
        load_clients: Async SDK clients running at once in the load test (test 5).
        load_seconds: How long they keep starting new work, in seconds (test 5).
        slow_connections: Connections that send half a request header and stall (slowloris).
        unauthenticated_bodies: Large bodies sent at once without a key (security).
        bogus_keys: Requests with made-up keys against the rate-limited server (security).
    """

    creates: int
    drop_rate: float
    create_threads: int
    events: int
    restarts: int
    savers: int
    save_rounds: int
    rate_limited_calls: int
    outbox_kills: int
    outbox_writers: int
    nesting_depth: int
    oversized_mib: int
    load_clients: int
    load_seconds: float
    slow_connections: int
    unauthenticated_bodies: int
    bogus_keys: int


_PRESETS = {
    "ci": Sizes(
        creates=200,
        drop_rate=0.3,
        create_threads=4,
        events=2000,
        restarts=3,
        savers=16,
        save_rounds=5,
        rate_limited_calls=20,
        outbox_kills=4,
        outbox_writers=4,
        nesting_depth=100_000,
        oversized_mib=11,
        load_clients=8,
        load_seconds=5.0,
        slow_connections=200,
        unauthenticated_bodies=16,
        bogus_keys=200,
    ),
    "full": Sizes(
        creates=1000,
        drop_rate=0.3,
        create_threads=8,
        events=10_000,
        restarts=3,
        savers=64,
        save_rounds=20,
        rate_limited_calls=50,
        outbox_kills=20,
        outbox_writers=8,
        nesting_depth=1_000_000,
        oversized_mib=64,
        load_clients=32,
        load_seconds=60.0,
        slow_connections=3000,
        unauthenticated_bodies=16,
        bogus_keys=2000,
    ),
}


def scale() -> str:
    """Return the preset chosen by `OPENTASKS_RELIABILITY_SCALE` (`ci` unless set)."""
    name = os.environ.get(SCALE_ENV, "ci").strip().lower() or "ci"
    if name not in _PRESETS:
        msg = f"{SCALE_ENV} must be one of {sorted(_PRESETS)}, not {name!r}"
        raise ValueError(msg)
    return name


def sizes() -> Sizes:
    """Return the sizes of this run: the preset, with single sizes overridden from the environment.

    Returns:
        The sizes.
    """
    preset = _PRESETS[scale()]
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(Sizes):
        value = os.environ.get(_PREFIX + item.name.upper())
        if value:
            changes[item.name] = float(value) if item.type == "float" else int(value)
    return dataclasses.replace(preset, **changes)


def percentiles(samples: Sequence[float], digits: int = 1) -> dict[str, float]:
    """Summarise latencies (or any samples) as p50, p99 and max.

    Args:
        samples: The samples; at least one.
        digits: Decimal places kept.

    Returns:
        `{"p50": ..., "p99": ..., "max": ...}`.
    """
    ordered = sorted(samples)
    if len(ordered) == 1:
        only = round(ordered[0], digits)
        return {"p50": only, "p99": only, "max": only}
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50": round(cuts[49], digits),
        "p99": round(cuts[98], digits),
        "max": round(ordered[-1], digits),
    }


def read_task_log(base_url: str, api_key: str, task_id: str) -> list[dict[str, Any]]:
    """Read a task's whole event log as JSON pages (never a stream, so it always ends).

    Args:
        base_url: The server.
        api_key: A key of the task's project.
        task_id: The task.

    Returns:
        The events, oldest first, as the server stores them.
    """
    events: list[dict[str, Any]] = []
    params: dict[str, str | int] = {"limit": 100}
    headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
        while True:
            response = http.get(f"/v1/tasks/{task_id}/events", params=params)
            response.raise_for_status()
            page = response.json()
            events += page["data"]
            if not page["has_more"]:
                return events
            params["after"] = page["next_cursor"]


_RECORD: dict[str, Any] = {"results": {}}


def _report_path(factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get(REPORT_ENV)
    if configured:
        return Path(configured)
    return factory.getbasetemp() / "reliability-figures.json"


def _write(path: Path) -> None:
    _RECORD.update(
        scale=scale(),
        sizes=dataclasses.asdict(sizes()),
        python=sys.version.split()[0],
        platform=platform.platform(),
        cpus=os.cpu_count(),
        written_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_RECORD, indent=2, sort_keys=True) + "\n")


@pytest.fixture
def figures(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A dict the test fills with its figures; written to the report when the test ends."""
    values: dict[str, Any] = {}
    started = time.monotonic()
    yield values
    values["seconds"] = round(time.monotonic() - started, 2)
    _RECORD["results"][request.node.nodeid] = values
    _write(_report_path(tmp_path_factory))
