"""Event streams end to end: live delivery, terminal events, resume, idle timeout, closing."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import anyio
import pytest
from opentasks import Backoff, Client, Event, EventStreamError, EventType, Task
from opentasks.testing import LocalServer

from tests.sdk.concurrency import abackground
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


async def awork(task: Task, pause: float = 0.05, chunks: int = 3) -> None:
    """Advance a task as an agent would: executing, chunks, output, completed."""
    await anyio.sleep(pause)
    await task.aset_status("executing")
    for n in range(chunks):
        await task.apublish("chunk", {"n": n})
        await anyio.sleep(pause)
    task.output = "done"
    await task.asave()
    await task.aset_status("completed")


async def acollect(stream: AsyncIterator[Event], into: list[Event]) -> None:
    """Drain a stream into a list, one event at a time (tests watch the list grow)."""
    async for event in stream:
        into.append(event)  # noqa: PERF401 - the list must grow as events arrive


async def await_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait until a condition holds, failing the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await anyio.sleep(0.02)


def kinds(events: list[Event]) -> list[str]:
    """The types of some events, as strings."""
    return [str(event.type) for event in events]


async def test_events_arrive_live_and_the_stream_ends_at_the_terminal_event(
    aclient: Client,
) -> None:
    """Events are delivered as they happen, typed, in order, and the stream ends by itself."""
    task = await aclient.tasks.acreate(agent_id="a")
    worker_view = await aclient.tasks.aget(task.id)
    arrivals: list[float] = []
    events: list[Event] = []
    async with abackground(lambda: awork(worker_view, pause=0.2)):
        async for event in task.aevents():
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


async def test_a_finished_task_replays_and_ends_at_once(aclient: Client) -> None:
    """A task logged as completed streams its creation, which is terminal, and ends."""
    task = await aclient.tasks.acreate(agent_id="a", status="completed", output="4")
    events = [event async for event in task.aevents()]
    assert kinds(events) == ["task_created"]
    assert events[0].is_terminal


async def test_after_starts_after_an_event(aclient: Client) -> None:
    """`after` resumes a stream after an event id, with nothing repeated."""
    task = await aclient.tasks.acreate(agent_id="a")
    await awork(task, pause=0)
    everything = [event async for event in task.aevents()]
    rest = [event async for event in task.aevents(after=everything[2].id)]
    assert [e.id for e in rest] == [e.id for e in everything[3:]]
    assert [event async for event in task.aevents(after=everything[-1].id)] == []


async def test_follow_keeps_the_stream_open_after_the_terminal_event(aclient: Client) -> None:
    """With `follow`, events after the terminal one still arrive."""
    task = await aclient.tasks.acreate(agent_id="a", status="completed", output="4")
    async with task.aevents(follow=True) as stream:
        assert (await anext(stream)).type == "task_created"
        await aclient.aflag(task.id, "success")
        flagged = await anext(stream)
    assert flagged.type == "task_flagged"
    assert flagged.data["flag"] == "success"


async def test_breaking_out_closes_the_response(aclient: Client) -> None:
    """Leaving a stream early (as a context manager, or with `close()`) closes its response."""
    task = await aclient.tasks.acreate(agent_id="a")
    async with task.aevents(follow=True) as stream:
        async for _ in stream:
            break
    assert stream.response is not None
    assert stream.response.is_closed
    other = task.aevents(follow=True)
    await anext(other)
    await other.aclose()
    assert other.response is not None
    assert other.response.is_closed
    await other.aclose()  # closing twice is harmless


async def test_worker_event_types_the_sdk_does_not_know(aclient: Client) -> None:
    """A worker's own event type arrives as a plain string with its data."""
    task = await aclient.tasks.acreate(agent_id="a")
    published = await task.apublish("vector_search.done", {"hits": 3})
    assert published.type == "vector_search.done"
    await task.aset_status("executing")
    await task.aset_status("failed", reason="no luck")
    events = [event async for event in task.aevents()]
    assert kinds(events)[1] == "vector_search.done"
    assert events[1].data["hits"] == 3
    assert events[-1].data["to"] == "failed"


async def test_project_stream_filters_by_type(aclient: Client) -> None:
    """The project-wide stream delivers every task's events, filtered by type, until closed."""
    first = await aclient.tasks.acreate(agent_id="a")
    second = await aclient.tasks.acreate(agent_id="b")
    for task in (first, second):
        await task.aset_status("executing")
        await task.aset_status("completed")
    async with aclient.aevents(types=["task_finished"]) as stream:
        received = [await anext(stream), await anext(stream)]
    assert [e.task_id for e in received] == [first.id, second.id]
    assert kinds(received) == ["task_finished", "task_finished"]
    async with aclient.aevents(after=received[0].id) as stream:
        assert (await anext(stream)).id > received[0].id


async def test_resume_after_a_dropped_connection(
    server: LocalServer, api_key: str, aclient: Client
) -> None:
    """A connection cut mid-stream is resumed with Last-Event-ID: nothing missed or repeated."""
    fast = Backoff(initial=0.2, maximum=0.5, jitter=0)
    events: list[Event] = []
    with TCPProxy(server.port) as proxy:
        async with Client(api_key=api_key, base_url=proxy.base_url, backoff=fast) as flaky:
            task = await aclient.tasks.acreate(agent_id="a")
            async with abackground(lambda: acollect(flaky.tasks.aevents(task.id), events)):
                await await_until(lambda: len(events) == 1)
                await task.aset_status("executing")
                await await_until(lambda: len(events) == 2)
                proxy.drop_all()
                # These happen while the stream is disconnected.
                await task.apublish("chunk", {"n": 0})
                await task.apublish("chunk", {"n": 1})
                await task.aset_status("completed")
            assert proxy.connections >= 2
    assert kinds(events) == [
        "task_created",
        "task_status_changed",
        "chunk",
        "chunk",
        "task_finished",
    ]
    assert len({e.id for e in events}) == len(events)


async def test_idle_connection_is_replaced(
    server: LocalServer, api_key: str, aclient: Client
) -> None:
    """When not even a heartbeat arrives for the idle timeout, the stream reconnects."""
    fast = Backoff(initial=0.1, maximum=0.2, jitter=0)
    events: list[Event] = []
    with TCPProxy(server.port) as proxy:
        async with Client(api_key=api_key, base_url=proxy.base_url, backoff=fast) as flaky:
            task = await aclient.tasks.acreate(agent_id="a")
            stream = flaky.tasks.aevents(task.id, idle_timeout=1.5)
            async with abackground(lambda: acollect(stream, events)):
                await await_until(lambda: len(events) == 1)
                proxy.stall_all()  # the connection stays open but goes silent
                await task.aset_status("executing")
                await task.aset_status("completed")
            assert proxy.connections >= 2
    assert kinds(events) == ["task_created", "task_status_changed", "task_finished"]


async def test_resume_across_a_server_restart(database_url: str) -> None:
    """A stream survives the server stopping and starting again, and misses nothing."""
    events: list[Event] = []
    with LocalServer(database_url, heartbeat_interval=0.5) as local:
        fast = Backoff(initial=0.2, maximum=0.5, jitter=0)
        async with local.client(backoff=fast, stream_max_reconnects=20) as sdk:
            task = await sdk.tasks.acreate(agent_id="a")
            async with abackground(lambda: acollect(sdk.tasks.aevents(task.id), events)):
                await await_until(lambda: len(events) == 1)
                await task.aset_status("executing")
                await await_until(lambda: len(events) == 2)
                local.restart()
                await task.apublish("chunk", {"after": "restart"})
                await task.aset_status("completed")
    assert kinds(events) == ["task_created", "task_status_changed", "chunk", "task_finished"]


async def test_a_stream_gives_up_with_event_stream_error() -> None:
    """When the server is gone for good, the stream raises EventStreamError after its budget."""
    with LocalServer(heartbeat_interval=0.5) as local:
        fast = Backoff(initial=0.05, maximum=0.1, jitter=0)
        async with local.client(max_retries=0, backoff=fast) as sdk:
            task = await sdk.tasks.acreate(agent_id="a")
            stream = sdk.tasks.aevents(task.id, max_reconnects=2)
            assert (await anext(stream)).type == "task_created"
            local.stop()
            with pytest.raises(EventStreamError, match="2 reconnects failed"):
                await anext(stream)
