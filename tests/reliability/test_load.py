"""5. Load: concurrent async clients mix reads, writes, status changes and live event streams.

`load_clients` SDK clients (`opentasks.Client`, each with its own connection pool, used through
the `a`-prefixed methods) share one event loop and one project. For `load_seconds` each runs
task lifecycles back to back, as fast as the server answers: create a task (or log a finished
one), then a random mix of reads (any client's task, a page of a list), saves, status changes,
flags and published worker events, then finish or stop it, and sometimes flag it afterwards.
Some lifecycles also start an execution and move it along, the task following its status, and
may end through it. About half the lifecycles open `task.aevents()` at a random point of the
task's life; two more clients hold the project's stream open for the whole run. The server is
`opentasks serve` as users start it: 2 workers on PostgreSQL (1 on SQLite, which lets one
process write).

Every change is recorded from the server's answer to it: the task or execution and the version
it made (or, for a worker event, a marker in its data); a call that changes two things (an
execution status the task follows, a stop that cancels the run) counts as two. Afterwards:

- no call failed, and none was retried because of the server's answer (a 5xx or 429);
- the project's event log, read back through the SDK, holds exactly one event of the matching
  type per mutation, and nothing else; its ids run 1..N without a gap;
- every task stream delivered its task's events once and in order, up to and including the
  terminal event, and then ended by itself; every project stream delivered the whole log;
- the server logged no traceback.

Latencies per kind of call, and overall, are reported (printed and written to the figures
report), never asserted: the machine and its other load decide them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from opentasks import Client, Execution, RetryEvent, Task
from opentasks_api.api.events import list_events
from opentasks_api.models import Event, EventPage
from opentasks_api.types import UNSET, Unset

from tests._reliability import Sizes, percentiles

pytestmark = pytest.mark.slow  # seconds of load, on each backend

T = TypeVar("T")
Key = tuple[str, str, str]
"""What identifies one mutation's event: (event type, task or execution id, version or marker)."""

WORKERS = {"sqlite": 1, "postgresql": 2}
"""Server processes per backend: several need PostgreSQL (SQLite lets one process write)."""
PROJECT_STREAMS = 2
STREAM_SHARE = 0.5
"""The share of lifecycles that watch their task's stream."""
LOGGED_SHARE = 0.1
"""The share of lifecycles that log a finished interaction in one create (phospho style)."""
EXECUTION_SHARE = 0.3
"""The share of lifecycles that also run the task through an execution (julep style)."""
HANG_GUARD = 120.0
"""Seconds after which a stream that has not caught up counts as hung (a liveness guard only)."""
TERMINAL = frozenset({"completed", "failed", "error", "stopped"})
_NEXT_STATUS = {"pending": "executing", "executing": "paused", "paused": "executing"}
_NEXT_RUN_STATUS = {
    "queued": "starting",
    "starting": "running",
    "running": "awaiting_input",
    "awaiting_input": "running",
}
_TASK_FOLLOWS = {
    "running": "executing",
    "awaiting_input": "paused",
    "succeeded": "completed",
    "failed": "failed",
    "cancelled": "stopped",
}
"""The status a task takes when its latest execution reaches a status (the server's rule)."""


# --- the server, as `opentasks serve` ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Served:
    """A running `opentasks serve`."""

    base_url: str
    worker_cpu_s: list[float] = field(default_factory=list)
    """CPU seconds each worker process used, read just before it stopped (Linux only)."""


def _workers_cpu_s(pid: int, workers: int) -> list[float]:
    # With one worker the server is the process itself; with several, those of its direct
    # children (/proc/<pid>/task/<pid>/children) that multiprocessing spawned, not its resource
    # tracker. Fields 14 and 15 of a process's stat are its user and system time, in ticks.
    seconds: list[float] = []
    with contextlib.suppress(OSError, ValueError):
        pids = [str(pid)]
        if workers > 1:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            pids = [
                child
                for child in children
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
            ]
        for worker in pids:
            fields = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
            seconds.append(round(ticks / os.sysconf("SC_CLK_TCK"), 1))
    return seconds


@contextlib.contextmanager
def serve(database_url: str, workers: int, folder: Path) -> Iterator[Served]:
    """Run `opentasks serve --db URL --workers N` in a child process, as users start it.

    The test fails if the server did not start `workers` processes, or if any of them logged a
    traceback: an unhandled error is a failure even when the client never saw it.
    """
    port = _free_port()
    log_path = folder / "serve.log"
    command = [
        *(sys.executable, "-m", "opentasks", "serve", "--db", database_url),
        *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
    ]
    served = Served(f"http://127.0.0.1:{port}")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    pytest.fail(f"opentasks serve exited:\n{log_path.read_text()[-4000:]}")
                with contextlib.suppress(httpx.TransportError):
                    if httpx.get(f"{served.base_url}/healthz", timeout=2).status_code == 200:
                        break
                assert time.monotonic() < deadline, "opentasks serve did not become healthy"
                time.sleep(0.05)
            yield served
            served.worker_cpu_s = _workers_cpu_s(process.pid, workers)
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, f"the server logged an error:\n{text[-6000:]}"
    assert text.count("Started server process") == workers, text[-6000:]


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Shared:
    """What the clients share: when to stop starting lifecycles, and every task made so far."""

    deadline: float
    task_ids: list[str] = field(default_factory=list)


@dataclass
class Watch:
    """A task stream opened during the load, and what it delivered."""

    task_id: str
    opened_at: float
    """Wall-clock time (`time.time()`) of the opening, to tell live events from the backlog."""
    received: list[tuple[str, str]] = field(default_factory=list)
    """(event id, type) in the order delivered."""
    delivery_ms: list[float] = field(default_factory=list)
    """For live events: arrival minus the event's `created_at`."""
    ended: bool = False
    runner: asyncio.Task[None] | None = None


class LoadClient:
    """One simulated user: its own `Client`, driving lifecycles until the deadline.

    Args:
        number: The client's number (its agent id and its worker events' marker).
        base_url: The server.
        api_key: A key of the project.
        shared: What the clients share.
        retries: Where the SDK's retry hook reports each retry.
    """

    def __init__(
        self, number: int, base_url: str, api_key: str, shared: Shared, retries: list[RetryEvent]
    ) -> None:
        self.number = number
        self.agent_id = f"load-{number}"
        self.rng = random.Random(number)
        self.client = Client(api_key=api_key, base_url=base_url, on_retry=retries.append)
        self.shared = shared
        self.latencies: defaultdict[str, list[float]] = defaultdict(list)
        self.mutations: list[Key] = []
        self.watches: list[Watch] = []
        self.errors: list[str] = []
        self.lifecycles = 0
        self._chunks = 0
        self._edits = 0

    async def _timed(self, kind: str, call: Awaitable[T]) -> T:
        began = time.perf_counter()
        result = await call
        self.latencies[kind].append((time.perf_counter() - began) * 1000)
        return result

    def _record(self, event_type: str, task: Task) -> None:
        # The version in the server's answer is the one its event must carry.
        self.mutations.append((event_type, task.id, str(task.version)))

    async def run(self) -> None:
        """Run lifecycles until the deadline; the one under way when it passes is finished."""
        try:
            while time.monotonic() < self.shared.deadline:
                await self.lifecycle()
        except Exception as error:  # noqa: BLE001 - every error is reported by the test
            self.errors.append(f"client {self.number}: {error!r}")
        finally:
            for watch in self.watches:
                if watch.runner is not None and not watch.runner.done():
                    watch.runner.cancel()
            await self.client.aclose()

    async def lifecycle(self) -> None:
        """One task, from its create to its end (and maybe a flag after it)."""
        self.lifecycles += 1
        tasks = self.client.tasks
        watching = self.rng.random() < STREAM_SHARE
        if self.rng.random() < LOGGED_SHARE:
            task = await self._timed(
                "create",
                tasks.acreate(
                    agent_id=self.agent_id,
                    prompt=f"logged {self.lifecycles}",
                    output="done",
                    status="completed",
                    flag="success",
                ),
            )
            self._record("task_created", task)
            self.shared.task_ids.append(task.id)
            if watching:
                await self._end_watch(self._open_watch(task))
            return
        task = await self._timed(
            "create", tasks.acreate(agent_id=self.agent_id, prompt=f"lifecycle {self.lifecycles}")
        )
        self._record("task_created", task)
        self.shared.task_ids.append(task.id)
        run: Execution | None = None
        if self.rng.random() < EXECUTION_SHARE:
            run = await self._timed("start_run", task.executions.astart({"client": self.number}))
            self.mutations.append(("execution_created", run.id, str(run.version)))
        steps = self.rng.randint(3, 10)
        # The stream opens at a random step: before, between or after the live changes, so it
        # reads part of the task's events from the table and the rest as they happen.
        watch_at = self.rng.randint(0, steps) if watching else -1
        watch: Watch | None = None
        for step in range(steps):
            if step == watch_at:
                watch = self._open_watch(task)
            await self.step(task, run)
        if watch_at == steps:
            watch = self._open_watch(task)
        await self.finish(task, run)
        if watch is not None:
            await self._end_watch(watch)
        if self.rng.random() < 0.2:
            # phospho flags a task after the fact; the event comes after the terminal one.
            await self._timed("flag", task.aset_flag("failure", "reviewer", "checked later"))
            self._record("task_flagged", task)

    async def step(self, task: Task, run: Execution | None) -> None:
        """One random call: a read, a save, a status change, a flag or a worker event."""
        roll = self.rng.random()
        if roll < 0.25:
            # Any client's task: reads cross clients, writes never do, so no write can meet a
            # 412 or a 409 that another client caused, and every failure is the server's.
            task_id = self.rng.choice(self.shared.task_ids)
            await self._timed("get", self.client.tasks.aget(task_id))
        elif roll < 0.40:
            if self.rng.random() < 0.5:
                pager = self.client.tasks.alist(agent_id=self.agent_id, page_size=20)
            else:
                pager = self.client.tasks.alist(status="executing", page_size=20)
            await self._timed("list", pager.first_page())
        elif roll < 0.55:
            self._edits += 1
            task.output = f"draft {self._edits}"
            if self.rng.random() < 0.5:
                task.notes = f"note {self._edits}"
            await self._timed("save", task.asave())
            self._record("task_updated", task)
        elif roll < 0.70:
            if run is not None and self.rng.random() < 0.6:
                await self._move_run(task, run, _NEXT_RUN_STATUS[str(run.status)])
            else:
                await self._timed("set_status", task.aset_status(_NEXT_STATUS[str(task.status)]))
                self._record("task_status_changed", task)
        elif roll < 0.78:
            await self._timed("flag", task.aset_flag(self.rng.choice(["success", "failure"])))
            self._record("task_flagged", task)
        else:
            self._chunks += 1
            data = {"client": self.number, "chunk": self._chunks}
            await self._timed("publish", task.apublish("chunk", data))
            self.mutations.append(("chunk", task.id, f"{self.number}.{self._chunks}"))

    async def _move_run(self, task: Task, run: Execution, target: str) -> None:
        """Move the execution; the task follows it in the same transaction, as the server rules."""
        await self._timed("run_status", run.aset_status(target))
        self.mutations.append(("execution_status_changed", run.id, str(run.version)))
        follows = _TASK_FOLLOWS.get(target)
        if follows is None or follows == str(task.status) or task.is_terminal:
            return
        # The task's move is a second change with its own event; reading the task back gives
        # the version that event must carry (and keeps the next save's If-Match current).
        version = task.version
        await self._timed("get", task.arefresh())
        if (str(task.status), task.version) != (follows, version + 1):
            msg = f"{task.id} is {task.status} v{task.version}, not {follows} v{version + 1}"
            raise AssertionError(msg)
        self._record("task_finished" if follows in TERMINAL else "task_status_changed", task)

    async def finish(self, task: Task, run: Execution | None) -> None:
        """End the task: through its execution, a terminal status, or a stop."""
        running = run is not None and not run.is_terminal
        if run is not None and running and self.rng.random() < 0.5:
            ends = ["failed", "cancelled"]
            if str(run.status) in {"running", "awaiting_input"}:
                ends.append("succeeded")
            await self._move_run(task, run, self.rng.choice(ends))
            return
        if str(task.status) == "pending":
            target = self.rng.choice(["failed", "stop"])
        else:
            target = self.rng.choice(["completed", "failed", "error", "stop"])
        if target == "stop":
            await self._timed("stop", task.astop("enough"))
            if run is not None and running:
                # A stop cancels the task's unfinished execution: one change more.
                self.mutations.append(("execution_status_changed", run.id, str(run.version + 1)))
        else:
            await self._timed("finish", task.aset_status(target, output=f"ended {target}"))
        self._record("task_finished", task)

    def _open_watch(self, task: Task) -> Watch:
        watch = Watch(task.id, time.time())
        watch.runner = asyncio.create_task(self._follow(watch, task))
        self.watches.append(watch)
        return watch

    async def _follow(self, watch: Watch, task: Task) -> None:
        async with task.aevents() as stream:
            async for event in stream:
                arrived = time.time()
                watch.received.append((event.id, str(event.type)))
                created = event.created_at.timestamp()
                if created >= watch.opened_at:
                    watch.delivery_ms.append(max(0.0, arrived - created) * 1000)
        watch.ended = True

    async def _end_watch(self, watch: Watch) -> None:
        assert watch.runner is not None
        try:
            await asyncio.wait_for(watch.runner, HANG_GUARD)
        except TimeoutError:
            msg = f"the stream of {watch.task_id} did not end after its terminal event"
            raise AssertionError(msg) from None


class ProjectWatch:
    """The project's stream, held open by a client of its own for the whole run.

    Args:
        base_url: The server.
        api_key: A key of the project.
        retries: Where the SDK's retry hook reports each retry.
    """

    def __init__(self, base_url: str, api_key: str, retries: list[RetryEvent]) -> None:
        self.client = Client(api_key=api_key, base_url=base_url, on_retry=retries.append)
        self.ids: list[str] = []
        self.runner = asyncio.create_task(self._follow())

    async def _follow(self) -> None:
        async with self.client.aevents() as stream:
            async for event in stream:
                self.ids.append(event.id)

    async def drain(self, last_id: str) -> None:
        """Wait until the stream delivered `last_id` (or failed, or hung), then close it."""
        deadline = time.monotonic() + HANG_GUARD
        # Ids are zero-padded, so their order is the order of their strings.
        while not (self.ids and self.ids[-1] >= last_id) and not self.runner.done():
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        if self.runner.done():
            self.runner.result()  # raises what ended the stream early
        else:
            self.runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.runner
        await self.client.aclose()


# --- the run and its checks --------------------------------------------------------------------


@dataclass
class Outcome:
    """What a load run did and what it left in the log."""

    clients: list[LoadClient]
    project_streams: list[list[str]]
    log: list[Event]
    retries: list[RetryEvent]
    load_s: float
    client_cpu_s: float
    """CPU seconds the clients' process used during the load (its one core is their limit)."""


async def read_log(client: Client) -> list[Event]:
    """Read the project's whole event log as JSON pages, through the SDK's generated client."""
    events: list[Event] = []
    after: str | Unset = UNSET
    while True:
        page = await list_events.asyncio(client=client.api, limit=100, after=after)
        assert isinstance(page, EventPage), page
        events += page.data
        if not page.has_more:
            return events
        assert page.next_cursor
        after = page.next_cursor


async def run_load(base_url: str, api_key: str, sizes: Sizes) -> Outcome:
    """Run the clients and the project streams, then read the log back."""
    retries: list[RetryEvent] = []
    watchers = [ProjectWatch(base_url, api_key, retries) for _ in range(PROJECT_STREAMS)]
    # A client reads only after its first create, so the shared list is never empty then.
    shared = Shared(deadline=time.monotonic() + sizes.load_seconds)
    clients = [
        LoadClient(number, base_url, api_key, shared, retries)
        for number in range(sizes.load_clients)
    ]
    began, cpu = time.monotonic(), time.process_time()
    await asyncio.gather(*(client.run() for client in clients))
    load_s, cpu_s = time.monotonic() - began, time.process_time() - cpu
    async with Client(api_key=api_key, base_url=base_url) as reader:
        log = await read_log(reader)
    for watcher in watchers:
        await watcher.drain(log[-1].id)
    streams = [watcher.ids for watcher in watchers]
    return Outcome(clients, streams, log, retries, load_s, cpu_s)


def _log_key(event: Event) -> Key:
    data = event.data
    kind = str(event.type_)
    assert event.task_id is not None, event
    if kind.startswith("execution_"):
        assert event.execution_id is not None, event
        return (kind, event.execution_id, str(data["version"]))
    if kind == "chunk":
        return (kind, event.task_id, f"{data['client']}.{data['chunk']}")
    return (kind, event.task_id, str(data["version"]))


def _is_terminal(event: Event) -> bool:
    kind = str(event.type_)
    status = event.data.get("status")
    return kind == "task_finished" or (kind == "task_created" and status in TERMINAL)


def check_log(outcome: Outcome) -> None:
    """Check that the log holds one event per mutation, and nothing else, ids without a gap."""
    log = outcome.log
    assert [int(event.id.removeprefix("evt_")) for event in log] == list(range(1, len(log) + 1))
    made = Counter(key for client in outcome.clients for key in client.mutations)
    stored = Counter(_log_key(event) for event in log)
    missing, extra = made - stored, stored - made
    assert not missing, f"{sum(missing.values())} mutations have no event: {list(missing)[:10]}"
    assert not extra, f"{sum(extra.values())} events match no mutation: {list(extra)[:10]}"


def check_streams(outcome: Outcome) -> int:
    """Check every stream against the log; return the number of task streams checked."""
    all_ids = [event.id for event in outcome.log]
    for number, ids in enumerate(outcome.project_streams):
        assert ids == all_ids, f"project stream {number}: {len(ids)} of {len(all_ids)} events"
    by_task: defaultdict[str, list[Event]] = defaultdict(list)
    for event in outcome.log:
        assert event.task_id is not None
        by_task[event.task_id].append(event)
    watches = [watch for client in outcome.clients for watch in client.watches]
    for watch in watches:
        events = by_task[watch.task_id]
        end = next(index for index, event in enumerate(events) if _is_terminal(event))
        expected = [(event.id, str(event.type_)) for event in events[: end + 1]]
        assert watch.ended, f"the stream of {watch.task_id} did not end"
        assert watch.received == expected, (watch.task_id, watch.received, expected)
    return len(watches)


def report(backend: str, workers: int, outcome: Outcome) -> dict[str, Any]:
    """Summarise the run as figures, and print them."""
    latencies: defaultdict[str, list[float]] = defaultdict(list)
    for client in outcome.clients:
        for kind, samples in client.latencies.items():
            latencies[kind] += samples
    every = [sample for samples in latencies.values() for sample in samples]
    watches = [watch for client in outcome.clients for watch in client.watches]
    delivery = [ms for watch in watches for ms in watch.delivery_ms]
    calls = len(every)
    mutations = sum(len(client.mutations) for client in outcome.clients)
    figures: dict[str, Any] = {
        "backend": backend,
        "workers": workers,
        "clients": len(outcome.clients),
        "load_s": round(outcome.load_s, 2),
        "client_cpu_s": round(outcome.client_cpu_s, 1),
        # Other work on the machine shows in the latencies; the load average tells how much.
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "lifecycles": sum(client.lifecycles for client in outcome.clients),
        "calls": calls,
        "calls_per_s": round(calls / outcome.load_s, 1),
        "calls_by_kind": {kind: len(samples) for kind, samples in sorted(latencies.items())},
        "mutations": mutations,
        "mutations_per_s": round(mutations / outcome.load_s, 1),
        "events": len(outcome.log),
        "events_by_type": dict(sorted(Counter(str(e.type_) for e in outcome.log).items())),
        "errors": sum(len(client.errors) for client in outcome.clients),
        "retries": len(outcome.retries),
        "task_streams": len(watches),
        "task_stream_events": sum(len(watch.received) for watch in watches),
        "project_streams": len(outcome.project_streams),
        "project_stream_events": sum(len(ids) for ids in outcome.project_streams),
        "latency_ms": {kind: percentiles(samples) for kind, samples in sorted(latencies.items())},
        "latency_ms_overall": percentiles(every),
        "stream_delivery_ms": percentiles(delivery) if delivery else None,
    }
    lines = [
        f"load on {backend} ({workers} worker(s)): {figures['clients']} clients for "
        f"{figures['load_s']} s: {calls} calls ({figures['calls_per_s']}/s), {mutations} "
        f"mutations, {len(outcome.log)} events, {figures['errors']} errors, "
        f"{len(outcome.retries)} retries, {len(watches)} task streams",
        f"  {'kind':<12}{'calls':>8}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}",
    ]
    rows = [*sorted(latencies.items()), ("overall", every), ("delivery", delivery)]
    for kind, samples in rows:
        if samples:
            cut = percentiles(samples)
            lines.append(
                f"  {kind:<12}{len(samples):>8}{cut['p50']:>10}{cut['p99']:>10}{cut['max']:>10}"
            )
    print("\n".join(lines))
    return figures


def test_concurrent_clients_get_one_event_per_change_and_every_stream_in_order(
    backend: str,
    database_url: str,
    api_key: str,
    run_sizes: Sizes,
    figures: dict[str, Any],
    tmp_path: Path,
) -> None:
    """Under load from concurrent async clients: no error, one event per mutation, streams whole."""
    workers = WORKERS[backend]
    with serve(database_url, workers, tmp_path) as served:
        outcome = asyncio.run(run_load(served.base_url, api_key, run_sizes))
    figures.update(report(backend, workers, outcome), worker_cpu_s=served.worker_cpu_s)
    assert [error for client in outcome.clients for error in client.errors] == []
    by_status = [retry.status_code for retry in outcome.retries if retry.status_code is not None]
    assert by_status == [], "the server answered with a status the SDK had to retry"
    check_log(outcome)
    figures["task_streams_checked"] = check_streams(outcome)
