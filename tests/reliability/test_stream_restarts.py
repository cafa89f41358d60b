"""2. Streams across crashes: SIGKILL the server while events flow; the stream loses nothing.

A publisher thread publishes events on a task with the SDK; a consumer thread reads the task's
stream with `task.events()`. Meanwhile the server process is killed with SIGKILL and started
again on the same port and database, several times. The publisher's calls retry through each
outage (with their `Idempotency-Key`, so a publish whose reply died with the server is not
recorded twice), and the stream reconnects with `Last-Event-ID`. The consumer must see every
event exactly once, in order, and its loop must end by itself after the terminal event.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

import pytest
from opentasks import Backoff, Client, Event, RetryEvent

from tests._reliability import Sizes, percentiles, read_task_log
from tests._server_process import ServerOptions, StartServer

pytestmark = pytest.mark.slow  # seconds of outages and Retry-After waits

# Patient enough for an outage of many seconds (a restart takes about one on a quiet machine).
PATIENT = Backoff(initial=0.05, maximum=0.5, jitter=0.5)
MAX_RETRIES = 200
DEADLINE = 600.0  # seconds the whole flow may take before the test gives up


def test_a_task_stream_survives_sigkill_restarts_without_loss_or_repeats(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Every event arrives once, in order, across SIGKILL restarts; the stream then ends."""
    server = start_server(ServerOptions(heartbeat_interval=1.0))
    count, restarts = run_sizes.events, run_sizes.restarts
    retries: list[RetryEvent] = []
    client = Client(
        api_key=api_key,
        base_url=server.base_url,
        max_retries=MAX_RETRIES,
        backoff=PATIENT,
        on_retry=retries.append,
        stream_idle_timeout=10.0,
        stream_max_reconnects=MAX_RETRIES,
    )
    task = client.tasks.create(agent_id="restarts", name="stream across crashes")
    task.set_status("executing")

    received: list[tuple[float, Event]] = []
    published = 0
    failures: list[BaseException] = []

    def consume() -> None:
        try:
            received.extend((time.monotonic(), event) for event in task.events())
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    def publish() -> None:
        nonlocal published
        try:
            for number in range(count):
                task.publish("chunk", {"n": number})
                published = number + 1
            task.set_status("completed", output="done")
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    consumer = threading.Thread(target=consume, name="consumer", daemon=True)
    publisher = threading.Thread(target=publish, name="publisher", daemon=True)
    consumer.start()
    began = time.monotonic()
    publisher.start()

    outages: list[dict[str, float]] = []
    for cycle in range(1, restarts + 1):
        # Kill at evenly spaced points of the flow, while the publisher is mid-way.
        while published < count * cycle // (restarts + 1) and publisher.is_alive():
            time.sleep(0.005)
        assert publisher.is_alive(), f"the publisher stopped early: {failures}"
        delivered_before = len(received)
        killed_at = time.monotonic()
        kill_seconds, start_seconds = server.restart_after_kill()
        outages.append(
            {
                "killed_after_published": published,
                "kill_s": round(kill_seconds, 3),
                "restart_s": round(start_seconds, 3),
                "delivered_before": delivered_before,
                "killed_at": killed_at,
            }
        )
    publisher.join(DEADLINE)
    consumer.join(DEADLINE)
    elapsed = time.monotonic() - began
    assert not publisher.is_alive(), "the publisher did not finish"
    assert not consumer.is_alive(), "the stream did not end after the terminal event"
    assert failures == []

    events = [event for _, event in received]
    kinds = [str(event.type) for event in events]
    ids = [event.id for event in events]
    numbers = [event.data["n"] for event in events if event.type == "chunk"]
    # The longest silence the consumer lived through around each outage.
    arrivals = [arrived for arrived, _ in received]
    for outage in outages:
        killed_at = outage.pop("killed_at")
        healthy_at = killed_at + outage["kill_s"] + outage["restart_s"]
        gaps = [
            later - earlier
            for earlier, later in itertools.pairwise(arrivals)
            if later >= killed_at and earlier <= healthy_at
        ]
        outage["stream_silence_s"] = round(max(gaps, default=0.0), 3)
    figures.update(
        events_published=count,
        restarts=server.kills,
        events_delivered=len(events),
        duplicates=len(ids) - len(set(ids)),
        publish_retries=sum(1 for retry in retries if retry.request.method == "POST"),
        outages=outages,
        longest_silence_s=max(outage["stream_silence_s"] for outage in outages),
        restart_seconds=percentiles([outage["restart_s"] for outage in outages], 2),
        events_per_second=round(count / elapsed, 1),
    )
    assert server.kills == restarts
    assert kinds[0] == "task_created"
    assert kinds[1] == "task_status_changed"
    assert kinds[-1] == "task_finished"
    assert kinds[2:-1] == ["chunk"] * count
    assert numbers == list(range(count))
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    # What the stream delivered is exactly the task's log as the server stores it.
    assert [event["id"] for event in read_task_log(server.base_url, api_key, task.id)] == ids
    client.close()
