# generated from tests/sdk/_async/test_e2e_events.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""Event streams end to end: live delivery, terminal events, resume, idle timeout, closing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from opentasks import Backoff, Client, Event, EventStreamError, EventType, Task
from opentasks.testing import LocalServer

from tests.sdk.concurrency import background
from tests.sdk.proxy import TCPProxy

EXPECTED = [
    "task_created",
    "task_status_changed",
    "chunk",
    "chunk",
    "chunk",
    "task_updated",
    "task_finished",
]


def work(task: Task, pause: float = 0.05, chunks: int = 3) -> None:
    """Advance a task as an agent would: executing, chunks, output, completed."""
    time.sleep(pause)
    task.set_status("executing")
    for n in range(chunks):
        task.publish("chunk", {"n": n})
        time.sleep(pause)
    task.output = "done"
    task.save()
    task.set_status("completed")


def collect(stream: Iterator[Event], into: list[Event]) -> None:
    """Drain a stream into a list, one event at a time (tests watch the list grow)."""
    for event in stream:
        into.append(event)  # noqa: PERF401 - the list must grow as events arrive


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait until a condition holds, failing the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def kinds(events: list[Event]) -> list[str]:
    """The types of some events, as strings."""
    return [str(event.type) for event in events]


def test_events_arrive_live_and_the_stream_ends_at_the_terminal_event(
    client: Client,
) -> None:
    """Events are delivered as they happen, typed, in order, and the stream ends by itself."""
    task = client.tasks.create(agent_id="a")
    worker_view = client.tasks.get(task.id)
    arrivals: list[float] = []
    events: list[Event] = []
    with background(lambda: work(worker_view, pause=0.2)):
        for event in task.events():
            arrivals.append(time.monotonic())
            events.append(event)
        finished = time.monotonic()
    assert kinds(events) == EXPECTED
    assert events[0].type is EventType.TASK_CREATED
    assert events[2].data["n"] == 0
    assert all(event.task_id == task.id for event in events)
    assert [e.id for e in events] == sorted(e.id for e in events)
    assert events[-1].is_terminal
    # The first chunk came well before the task finished: delivered live, not at the end.
    assert finished - arrivals[2] > 0.3


def test_a_finished_task_replays_and_ends_at_once(client: Client) -> None:
    """A task logged as completed streams its creation, which is terminal, and ends."""
    task = client.tasks.create(agent_id="a", status="completed", output="4")
    events = [event for event in task.events()]
    assert kinds(events) == ["task_created"]
    assert events[0].is_terminal


def test_after_starts_after_an_event(client: Client) -> None:
    """`after` resumes a stream after an event id, with nothing repeated."""
    task = client.tasks.create(agent_id="a")
    work(task, pause=0)
    everything = [event for event in task.events()]
    rest = [event for event in task.events(after=everything[2].id)]
    assert [e.id for e in rest] == [e.id for e in everything[3:]]
    assert [event for event in task.events(after=everything[-1].id)] == []


def test_follow_keeps_the_stream_open_after_the_terminal_event(client: Client) -> None:
    """With `follow`, events after the terminal one still arrive."""
    task = client.tasks.create(agent_id="a", status="completed", output="4")
    with task.events(follow=True) as stream:
        assert (next(stream)).type == "task_created"
        client.flag(task.id, "success")
        flagged = next(stream)
    assert flagged.type == "task_flagged"
    assert flagged.data["flag"] == "success"


def test_breaking_out_closes_the_response(client: Client) -> None:
    """Leaving a stream early (as a context manager, or with `close()`) closes its response."""
    task = client.tasks.create(agent_id="a")
    with task.events(follow=True) as stream:
        for _ in stream:
            break
    assert stream.response is not None
    assert stream.response.is_closed
    other = task.events(follow=True)
    next(other)
    other.close()
    assert other.response is not None
    assert other.response.is_closed
    other.close()  # closing twice is harmless


def test_worker_event_types_the_sdk_does_not_know(client: Client) -> None:
    """A worker's own event type arrives as a plain string with its data."""
    task = client.tasks.create(agent_id="a")
    published = task.publish("vector_search.done", {"hits": 3})
    assert published.type == "vector_search.done"
    task.set_status("executing")
    task.set_status("failed", reason="no luck")
    events = [event for event in task.events()]
    assert kinds(events)[1] == "vector_search.done"
    assert events[1].data["hits"] == 3
    assert events[-1].data["to"] == "failed"


def test_project_stream_filters_by_type(client: Client) -> None:
    """The project-wide stream delivers every task's events, filtered by type, until closed."""
    first = client.tasks.create(agent_id="a")
    second = client.tasks.create(agent_id="b")
    for task in (first, second):
        task.set_status("executing")
        task.set_status("completed")
    with client.events(types=["task_finished"]) as stream:
        received = [next(stream), next(stream)]
    assert [e.task_id for e in received] == [first.id, second.id]
    assert kinds(received) == ["task_finished", "task_finished"]
    with client.events(after=received[0].id) as stream:
        assert (next(stream)).id > received[0].id


def test_resume_after_a_dropped_connection(
    server: LocalServer, api_key: str, client: Client
) -> None:
    """A connection cut mid-stream is resumed with Last-Event-ID: nothing missed or repeated."""
    fast = Backoff(initial=0.2, maximum=0.5, jitter=0)
    events: list[Event] = []
    with TCPProxy(server.port) as proxy:
        with Client(api_key=api_key, base_url=proxy.base_url, backoff=fast) as flaky:
            task = client.tasks.create(agent_id="a")
            with background(lambda: collect(flaky.tasks.events(task.id), events)):
                wait_until(lambda: len(events) == 1)
                task.set_status("executing")
                wait_until(lambda: len(events) == 2)
                proxy.drop_all()
                # These happen while the stream is disconnected.
                task.publish("chunk", {"n": 0})
                task.publish("chunk", {"n": 1})
                task.set_status("completed")
            assert proxy.connections >= 2
    assert kinds(events) == [
        "task_created",
        "task_status_changed",
        "chunk",
        "chunk",
        "task_finished",
    ]
    assert len({e.id for e in events}) == len(events)


def test_idle_connection_is_replaced(server: LocalServer, api_key: str, client: Client) -> None:
    """When not even a heartbeat arrives for the idle timeout, the stream reconnects."""
    fast = Backoff(initial=0.1, maximum=0.2, jitter=0)
    events: list[Event] = []
    with TCPProxy(server.port) as proxy:
        with Client(api_key=api_key, base_url=proxy.base_url, backoff=fast) as flaky:
            task = client.tasks.create(agent_id="a")
            stream = flaky.tasks.events(task.id, idle_timeout=1.5)
            with background(lambda: collect(stream, events)):
                wait_until(lambda: len(events) == 1)
                proxy.stall_all()  # the connection stays open but goes silent
                task.set_status("executing")
                task.set_status("completed")
            assert proxy.connections >= 2
    assert kinds(events) == ["task_created", "task_status_changed", "task_finished"]


def test_resume_across_a_server_restart(database_url: str) -> None:
    """A stream survives the server stopping and starting again, and misses nothing."""
    events: list[Event] = []
    with LocalServer(database_url, heartbeat_interval=0.5) as local:
        fast = Backoff(initial=0.2, maximum=0.5, jitter=0)
        with local.client(backoff=fast, stream_max_reconnects=20) as sdk:
            task = sdk.tasks.create(agent_id="a")
            with background(lambda: collect(sdk.tasks.events(task.id), events)):
                wait_until(lambda: len(events) == 1)
                task.set_status("executing")
                wait_until(lambda: len(events) == 2)
                local.restart()
                task.publish("chunk", {"after": "restart"})
                task.set_status("completed")
    assert kinds(events) == ["task_created", "task_status_changed", "chunk", "task_finished"]


def test_a_stream_gives_up_with_event_stream_error() -> None:
    """When the server is gone for good, the stream raises EventStreamError after its budget."""
    with LocalServer(heartbeat_interval=0.5) as local:
        fast = Backoff(initial=0.05, maximum=0.1, jitter=0)
        with local.client(max_retries=0, backoff=fast) as sdk:
            task = sdk.tasks.create(agent_id="a")
            stream = sdk.tasks.events(task.id, max_reconnects=2)
            assert (next(stream)).type == "task_created"
            local.stop()
            with pytest.raises(EventStreamError, match="2 reconnects failed"):
                next(stream)
