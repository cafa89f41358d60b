"""6. Crash safety of the outbox: SIGKILL mid-write, again and again; changes and events agree.

Writer threads drive tasks and executions through their lifecycles with the SDK (creates,
updates, status changes, flags, executions, worker events) as fast as the server takes them,
while the server process is killed with SIGKILL at random moments and restarted. The SDK retries
through each outage. At the end the server is killed once more and the database, as the last
crash left it, is checked directly:

- the project's event numbers run 1..N without a gap, and the project's counter says N;
- every task and execution has its `*_created` event, and the versions its events carry are
  exactly 1..version: every committed change has its event, and no event exists without its
  change (an event of an uncommitted change would carry a version the row never reached);
- the last status event of each task and execution names its stored status;
- no event points at a task or execution that does not exist;
- every worker event the writers published is stored exactly once.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import defaultdict
from typing import Any

import pytest
from opentasks import Backoff, Client, RetryEvent
from opentasks_server.db.engine import Database
from opentasks_server.db.models import EventRow, ExecutionRow, ProjectRow, TaskRow
from sqlalchemy import select

from tests._reliability import Sizes
from tests._server_process import StartServer

pytestmark = pytest.mark.slow  # seconds of outages and Retry-After waits

PATIENT = Backoff(initial=0.05, maximum=0.5, jitter=0.5)
MAX_RETRIES = 200
TERMINAL = {"completed", "failed", "error", "stopped"}


class InFlight:
    """Counts the SDK calls in progress across the writers."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls = 0

    def enter(self) -> None:
        """A call starts."""
        with self.lock:
            self.calls += 1

    def leave(self) -> None:
        """A call ended."""
        with self.lock:
            self.calls -= 1


class Writer:
    """Drives tasks through their lifecycles until told to stop; counts what it did.

    Args:
        client: The SDK client (shared by all writers; it is thread-safe).
        number: The writer's number, in its tasks' agent id and its events.
        in_flight: Counts the calls in progress across writers.
    """

    def __init__(self, client: Client, number: int, in_flight: InFlight) -> None:
        self.client = client
        self.number = number
        self.in_flight = in_flight
        self.stop = threading.Event()
        self.calls = 0
        self.published: list[tuple[int, int, int]] = []
        self.tasks: dict[str, str] = {}  # task id -> the status the writer last saw
        self.error: BaseException | None = None

    def _call(self, func: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - any SDK call
        self.in_flight.enter()
        try:
            return func(*args, **kwargs)
        finally:
            self.in_flight.leave()
            self.calls += 1

    def _publish(self, task_id: str, lifecycle: int, part: int) -> None:
        tasks = self.client.tasks
        self._call(tasks.publish, task_id, "chunk", {"w": self.number, "n": lifecycle, "p": part})
        self.published.append((self.number, lifecycle, part))

    def run(self) -> None:
        """Run lifecycles until `stop` is set; keep the first error."""
        try:
            lifecycle = 0
            while not self.stop.is_set():
                self.lifecycle(lifecycle)
                lifecycle += 1
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error

    def lifecycle(self, lifecycle: int) -> None:
        """One task, through an execution to `completed`, or stopped with its run cancelled."""
        tasks, executions = self.client.tasks, self.client.executions
        task = self._call(
            tasks.create, agent_id=f"writer-{self.number}", name=f"lifecycle {lifecycle}"
        )
        self.tasks[task.id] = "pending"
        self._call(tasks.update, task.id, output="draft", metadata={"n": lifecycle})
        self._publish(task.id, lifecycle, 0)
        execution = self._call(executions.start, task.id, {"n": lifecycle})
        if lifecycle % 2:
            stopped = self._call(tasks.stop, task.id, reason="enough")
            self.tasks[task.id] = str(stopped.status)
            return
        self._call(executions.set_status, execution.id, "starting")
        self._call(executions.set_status, execution.id, "running")
        self._call(tasks.flag, task.id, "success", "writer")
        self._publish(task.id, lifecycle, 1)
        self._call(executions.set_status, execution.id, "succeeded", output={"ok": True})
        self.tasks[task.id] = str(tasks.get(task.id).status)


def test_sigkill_mid_write_never_separates_a_change_from_its_event(
    start_server: StartServer,
    api_key: str,
    database_url: str,
    run_sizes: Sizes,
    figures: dict[str, Any],
) -> None:
    """After repeated SIGKILLs under load, the log holds one event per committed change."""
    server = start_server()
    rng = random.Random(6)
    retries: list[RetryEvent] = []
    in_flight = InFlight()
    client = Client(
        api_key=api_key,
        base_url=server.base_url,
        max_retries=MAX_RETRIES,
        backoff=PATIENT,
        on_retry=retries.append,
    )
    writers = [Writer(client, number, in_flight) for number in range(run_sizes.outbox_writers)]
    threads = [threading.Thread(target=writer.run, daemon=True) for writer in writers]
    for thread in threads:
        thread.start()
    kills: list[dict[str, Any]] = []
    for _ in range(run_sizes.outbox_kills):
        time.sleep(rng.uniform(0.2, 0.8))
        busy = in_flight.calls
        calls_before = sum(writer.calls for writer in writers)
        _, restart = server.restart_after_kill()
        kills.append(
            {"calls_in_flight": busy, "calls_before": calls_before, "restart_s": round(restart, 3)}
        )
    time.sleep(0.5)
    for writer in writers:
        writer.stop.set()
    for thread in threads:
        thread.join(300)
    client.close()
    assert all(not thread.is_alive() for thread in threads), "a writer hung"
    assert [writer.error for writer in writers if writer.error is not None] == []
    # The database as a crash leaves it: no graceful shutdown before the check.
    server.kill()

    report = asyncio.run(check_outbox(database_url, writers))
    figures.update(
        kills_during_writes=len(kills),
        kills=server.kills,
        writers=len(writers),
        sdk_calls=sum(writer.calls for writer in writers),
        calls_retried=len({id(retry.request) for retry in retries}),
        calls_in_flight_at_kills=[kill["calls_in_flight"] for kill in kills],
        restart_s=[kill["restart_s"] for kill in kills],
        **report,
    )
    assert server.kills == run_sizes.outbox_kills + 1
    assert sum(kill["calls_in_flight"] for kill in kills) > 0, "no kill hit a write in flight"


async def check_outbox(database_url: str, writers: list[Writer]) -> dict[str, int]:
    """Check the invariants of the module docstring on the database; return the counts."""
    database = Database(database_url)
    try:
        async with database.read() as session:
            projects = (await session.scalars(select(ProjectRow))).all()
            tasks = {row.id: row for row in await session.scalars(select(TaskRow))}
            executions = {row.id: row for row in await session.scalars(select(ExecutionRow))}
            events = (await session.scalars(select(EventRow).order_by(EventRow.seq))).all()
    finally:
        await database.dispose()

    (project,) = [row for row in projects if row.last_event_seq]
    assert [event.seq for event in events] == list(range(1, project.last_event_seq + 1))

    versions: dict[str, list[int]] = defaultdict(list)
    last_status: dict[str, str] = {}
    for event in events:
        assert event.task_id in tasks, f"event {event.seq} points at no task"
        data = event.data
        if event.type.startswith("task_"):
            versions[event.task_id].append(int(data["version"]))
            if event.type == "task_created":
                assert data["id"] == event.task_id
                last_status[event.task_id] = data["status"]
            elif event.type in {"task_status_changed", "task_finished"}:
                last_status[event.task_id] = data["to"]
        elif event.type.startswith("execution_"):
            assert event.execution_id in executions, f"event {event.seq} points at no execution"
            assert executions[event.execution_id].task_id == event.task_id
            versions[event.execution_id].append(int(data["version"]))
            key = event.execution_id
            last_status[key] = data["status"] if event.type == "execution_created" else data["to"]

    rows: list[TaskRow | ExecutionRow] = [*tasks.values(), *executions.values()]
    for row in rows:
        assert versions[row.id] == list(range(1, row.version + 1)), (row.id, versions[row.id])
        assert last_status[row.id] == row.status, row.id
    for task in tasks.values():
        assert (task.finished_at is not None) == (task.status in TERMINAL), task.id

    chunks = [(e.data["w"], e.data["n"], e.data["p"]) for e in events if e.type == "chunk"]
    published = [item for writer in writers for item in writer.published]
    assert len(chunks) == len(set(chunks)), "a worker event was recorded twice"
    # Writers stop between lifecycles, so every publish they made was acknowledged.
    assert sorted(chunks) == sorted(published)
    for writer in writers:
        for task_id, status in writer.tasks.items():
            assert task_id in tasks
            if status in TERMINAL:
                assert tasks[task_id].status == status
    return {
        "tasks": len(tasks),
        "executions": len(executions),
        "events": len(events),
        "worker_events": len(chunks),
        "changes_checked": sum(row.version for row in rows),
    }
