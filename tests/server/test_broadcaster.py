"""The in-process broadcaster that wakes event streams."""

from __future__ import annotations

import asyncio
import threading

from opentasks_server.broadcast import Broadcaster, Wake


async def test_wait_returns_at_once_when_a_newer_event_was_published() -> None:
    """Answers NEWER without waiting when the mark is already past what the stream saw."""
    broadcaster = Broadcaster()
    broadcaster.publish("prj_a", 3)
    assert broadcaster.latest("prj_a") == 3
    assert await broadcaster.wait("prj_a", 2, within=10) is Wake.NEWER


async def test_publish_wakes_a_waiting_stream() -> None:
    """Wakes a stream waiting on the project as soon as a newer event is published."""
    broadcaster = Broadcaster()
    waiter = asyncio.create_task(broadcaster.wait("prj_a", 0, within=10))
    await asyncio.sleep(0.01)
    assert not waiter.done()
    broadcaster.publish("prj_a", 1)
    assert await asyncio.wait_for(waiter, 1) is Wake.NEWER


async def test_other_projects_do_not_wake_a_stream() -> None:
    """Leaves a stream waiting when only another project's events are published."""
    broadcaster = Broadcaster()
    broadcaster.publish("prj_b", 5)
    assert await broadcaster.wait("prj_a", 0, within=0.05) is Wake.TIMEOUT


async def test_the_mark_only_moves_forward() -> None:
    """Ignores a publish of an older or equal sequence number."""
    broadcaster = Broadcaster()
    broadcaster.publish("prj_a", 5)
    broadcaster.publish("prj_a", 4)
    assert broadcaster.latest("prj_a") == 5
    assert await broadcaster.wait("prj_a", 5, within=0.05) is Wake.TIMEOUT


async def test_many_publishes_wake_a_stream_once() -> None:
    """Coalesces a burst of publishes into one wake-up for a waiting stream."""
    broadcaster = Broadcaster()
    waiter = asyncio.create_task(broadcaster.wait("prj_a", 0, within=10))
    await asyncio.sleep(0)
    for seq in range(1, 101):
        broadcaster.publish("prj_a", seq)
    assert await waiter is Wake.NEWER
    assert broadcaster.latest("prj_a") == 100


async def test_close_ends_waiting_and_later_waits() -> None:
    """Answers CLOSED to waiting streams and to every later wait once closed."""
    broadcaster = Broadcaster()
    waiter = asyncio.create_task(broadcaster.wait("prj_a", 0, within=10))
    await asyncio.sleep(0.01)
    broadcaster.close()
    assert await asyncio.wait_for(waiter, 1) is Wake.CLOSED
    assert broadcaster.closed
    broadcaster.publish("prj_a", 1)
    assert await broadcaster.wait("prj_a", 0, within=10) is Wake.CLOSED


async def test_publish_from_another_thread() -> None:
    """Hands a publish made on another thread to the loop that waits."""
    broadcaster = Broadcaster()
    waiter = asyncio.create_task(broadcaster.wait("prj_a", 0, within=10))
    await asyncio.sleep(0.01)
    thread = threading.Thread(target=broadcaster.publish, args=("prj_a", 1))
    thread.start()
    thread.join()
    assert await asyncio.wait_for(waiter, 1) is Wake.NEWER


def test_a_new_event_loop_can_wait_after_an_old_one_closed() -> None:
    """Keeps working when the app is driven from a second event loop."""
    broadcaster = Broadcaster()
    assert asyncio.run(broadcaster.wait("prj_a", 0, within=0.01)) is Wake.TIMEOUT
    broadcaster.publish("prj_a", 2)
    assert asyncio.run(broadcaster.wait("prj_a", 1, within=10)) is Wake.NEWER


async def test_waiting_counts_the_streams_that_wait() -> None:
    """Counts pending waits per project, and forgets a wait that is cancelled."""
    broadcaster = Broadcaster()
    waiters = [asyncio.create_task(broadcaster.wait("prj_a", 0, within=10)) for _ in range(2)]
    await asyncio.sleep(0.01)
    assert broadcaster.waiting("prj_a") == 2
    assert broadcaster.waiting("prj_b") == 0
    assert broadcaster.waiting() == 2
    waiters[0].cancel()
    await asyncio.sleep(0.01)
    assert broadcaster.waiting("prj_a") == 1
    broadcaster.publish("prj_a", 1)
    assert await waiters[1] is Wake.NEWER
    assert broadcaster.waiting("prj_a") == 0
