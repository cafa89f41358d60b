"""1. Per-call overhead: one GET of a task through each client stack, keep-alive, one at a time.

Contenders, all reading the same task from the same server over a kept-alive connection:

- `client.tasks.get(id)` of the SDK;
- the generated low-level `opentasks_api.api.tasks.get_task.sync(...)`;
- raw `httpx.Client.get(path).json()` (the baseline of the target);
- stdlib `http.client` + `json.loads` (the floor: no client library at all);
- the Stainless peer, `anthropic.Anthropic(base_url=ours).get(path, cast_to=object)`, if the
  `anthropic` package is installed (it sends the key as `X-API-Key`, which the server accepts).

The sample of a round is the mean wall time of `calls` calls; the client's CPU time per call is
recorded beside it, since on loopback most of a call's time is the client's and server's CPU.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from benchmarks import profiling, sdk
from benchmarks.results import Measurement, Section, Unavailable
from benchmarks.stats import Target, collect, interleave

if TYPE_CHECKING:
    from benchmarks.harness import Context

__all__ = ["run"]

Call = Callable[[], Any]


def _sdk(base_url: str, key: str, task_id: str, stack: contextlib.ExitStack) -> Call:
    client = sdk.make_client(base_url, key)
    stack.callback(sdk.close_client, client)
    get = sdk.require(client, "tasks.get")
    return lambda: get(task_id)


def _generated(base_url: str, key: str, task_id: str, stack: contextlib.ExitStack) -> Call:
    from opentasks_api import AuthenticatedClient
    from opentasks_api.api.tasks import get_task

    client = stack.enter_context(AuthenticatedClient(base_url=base_url, token=key))
    return lambda: get_task.sync(task_id, client=client)


def _httpx(base_url: str, key: str, task_id: str, stack: contextlib.ExitStack) -> Call:
    client = stack.enter_context(
        httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"})
    )
    path = f"/v1/tasks/{task_id}"
    return lambda: client.get(path).json()


def _http_client(base_url: str, key: str, task_id: str, stack: contextlib.ExitStack) -> Call:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port)
    stack.callback(connection.close)
    path = f"/v1/tasks/{task_id}"
    headers = {"Authorization": f"Bearer {key}"}

    def call() -> Any:  # noqa: ANN401 - the decoded JSON
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed the idle kept-alive connection; reconnect as a client must.
            connection.close()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
        return json.loads(response.read())

    return call


def _anthropic(base_url: str, key: str, task_id: str, stack: contextlib.ExitStack) -> Call:
    try:
        import anthropic
    except ImportError as exc:
        msg = "the anthropic package is not installed (optional peer)"
        raise Unavailable(msg) from exc
    client = anthropic.Anthropic(api_key=key, base_url=base_url)
    stack.callback(client.close)
    path = f"/v1/tasks/{task_id}"
    return lambda: client.get(path, cast_to=object)


_CONTENDERS: dict[str, tuple[str, Callable[[str, str, str, contextlib.ExitStack], Call]]] = {
    "sdk": ("SDK client.tasks.get(id)", _sdk),
    "generated": ("generated get_task.sync()", _generated),
    "httpx": ("raw httpx.Client get + .json()", _httpx),
    "http.client": ("stdlib http.client + json.loads", _http_client),
    "anthropic": ("anthropic client.get(path, cast_to=object)", _anthropic),
}


def _task_id_of(result: Any) -> str | None:  # noqa: ANN401 - whatever the contender returns
    value = result.get("id") if isinstance(result, dict) else getattr(result, "id", None)
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class _Target:
    """A server the contenders read a task from, and how its rows are named."""

    prefix: str  # "" for the reference server, "canned:" for the canned one
    label: str  # printed before each contender's label
    base_url: str
    key: str
    task_id: str


@contextlib.contextmanager
def _contenders(targets: list[_Target], section: Section) -> Iterator[dict[str, Call]]:
    with contextlib.ExitStack() as stack:
        calls: dict[str, Call] = {}
        for target in targets:
            for name, (label, make) in _CONTENDERS.items():
                measurement = Measurement(
                    target.prefix + name,
                    target.label + label,
                    "µs/call",
                    extra={"vs": target.prefix + "httpx"},
                )
                section.measurements.append(measurement)
                try:
                    call = make(target.base_url, target.key, target.task_id, stack)
                    returned = _task_id_of(call())
                    if returned != target.task_id:
                        msg = f"the call returned {returned!r}, not the task {target.task_id}"
                        raise Unavailable(msg)
                except Unavailable as exc:
                    measurement.unavailable = str(exc)
                    continue
                calls[measurement.name] = call
        yield calls


def _peer_notes(section: Section) -> list[str]:
    notes = []
    sdk_summary, httpx_summary = section.get("sdk").summary, section.get("httpx").summary
    if sdk_summary and httpx_summary:
        below = sdk_summary.median < httpx_summary.median
        notes.append(
            "Stretch goal (below raw httpx): "
            + ("reached." if below else "not reached (it needs a faster transport than httpx's).")
        )
    try:
        requires = metadata.requires("anthropic") or []
    except metadata.PackageNotFoundError:
        return notes
    stacks = [line.split(";")[0].strip() for line in requires if line.startswith("httpx")]
    notes.append(
        f"The peer is anthropic {metadata.version('anthropic')}, whose HTTP stack is "
        f"{', '.join(stacks) or 'unknown'} (not necessarily the httpx measured here)."
    )
    return notes


def run(context: Context) -> Section:
    """Measure the per-call time of each client stack.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config, server = context.config, context.reference
    section = Section(
        key="overhead",
        title="1. Per-call overhead",
        description=(
            "`GET /v1/tasks/{id}` of one task, one call at a time over a kept-alive connection. "
            "A round is `calls` calls; its sample is the mean wall time per call. `cpu` is "
            "the client process's CPU time per call (median over rounds). Rows marked "
            "[canned] read the same task from `canned_server.py`, which answers at once, so "
            "they show each client's own cost; the unmarked rows are the reference server."
        ),
        params={"rounds": config.rounds, "warmup rounds": config.warmup, "calls": config.calls},
    )
    with httpx.Client(base_url=server.base_url, headers=server.headers) as setup:
        created = setup.post("/v1/tasks", json={"agent_id": "bench", "prompt": "per-call"})
        created.raise_for_status()
        task_id = created.json()["id"]
    canned = context.canned
    canned_id = httpx.get(f"{canned.base_url}/v1/tasks/any").json()["id"]
    targets = [
        _Target("", "", server.base_url, server.key, task_id),
        _Target("canned:", "[canned] ", canned.base_url, canned.key, canned_id),
    ]

    with _contenders(targets, section) as calls:
        cpu: dict[str, list[float]] = {name: [] for name in calls}

        def one_round(name: str) -> float:
            call, count = calls[name], config.calls
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            for _ in range(count):
                call()
            wall, used = time.perf_counter() - wall_start, time.process_time() - cpu_start
            cpu[name].append(used / count * 1e6)
            return wall / count * 1e6

        samples = collect(interleave(list(calls), config.rounds, config.warmup), one_round)
        for name, values in samples.items():
            measurement = section.get(name)
            measurement.samples = values
            measured_cpu = sorted(cpu[name][config.warmup :])
            measurement.extra["cpu µs/call"] = measured_cpu[len(measured_cpu) // 2]

        section.notes += _peer_notes(section)
        check = section.ratio_check(
            "`client.tasks.get(id)` / raw httpx GET + `.json()`",
            Target("<=", 1.05),
            "sdk",
            "httpx",
        )
        section.ratio_check(
            "the same, against the canned server (the clients' own cost, server out of the way)",
            Target("<=", 1.05),
            "canned:sdk",
            "canned:httpx",
        )
        section.ratio_check(
            "`client.tasks.get(id)` / stdlib http.client + json.loads, canned server (the floor)",
            Target("<=", 1.5),
            "canned:sdk",
            "canned:http.client",
        )
        if config.profile and "sdk" in calls:
            count = max(config.calls, 200)
            section.notes.append(
                f"cProfile of {count} `client.tasks.get` calls (where the time goes; "
                f"profiling inflates it):\n\n```\n{profiling.profile(calls['sdk'], count)}\n```"
            )
            if check.verdict == "missed":
                section.notes.append(
                    f"Same profile for raw httpx, to compare:\n\n```\n"
                    f"{profiling.profile(calls['httpx'], count)}\n```"
                )
        if config.profile and "canned:sdk" in calls:
            section.notes.append(
                f"cProfile of {count} `client.tasks.get` calls against the canned server (the "
                f"client's CPU alone):\n\n```\n{profiling.profile(calls['canned:sdk'], count)}\n```"
            )
    return section
