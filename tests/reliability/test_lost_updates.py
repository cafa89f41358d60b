"""3. Lost updates: concurrent saves from stale copies; exactly one wins per version.

Each round reads one task into many copies, all at the same version, changes each copy
differently and saves them all at once. `save()` sends `If-Match` with the copy's version, so the
server lets exactly one of them through and answers the rest 412, which the SDK raises as
`PreconditionFailedError`; the stored task is the winner's, at the next version, with one event.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from opentasks import Client, PreconditionFailedError, Task

from tests._reliability import Sizes, percentiles, read_task_log
from tests._server_process import StartServer


def _outcome(results: list[Task | BaseException]) -> tuple[list[Task], list[BaseException]]:
    winners = [result for result in results if isinstance(result, Task)]
    losers = [result for result in results if not isinstance(result, Task)]
    return winners, losers


def _check_round(
    client: Client, task_id: str, version: int, results: list[Task | BaseException]
) -> Task:
    winners, losers = _outcome(results)
    assert len(winners) == 1, f"version {version}: {len(winners)} saves won"
    assert all(isinstance(loser, PreconditionFailedError) for loser in losers), losers
    assert all(loser.request_id for loser in losers if isinstance(loser, PreconditionFailedError))
    winner = winners[0]
    stored = client.tasks.get(task_id)
    assert stored.version == version + 1
    assert (stored.output, stored.notes) == (winner.output, winner.notes)
    return stored


def test_concurrent_saves_of_stale_copies_let_exactly_one_win_per_version(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Threads save copies of one version at once: one wins, the others get 412."""
    server = start_server()
    savers, rounds = run_sizes.savers, run_sizes.save_rounds
    latencies: list[float] = []
    won = refused = 0
    with Client(api_key=api_key, base_url=server.base_url) as client:
        task = client.tasks.create(agent_id="lost-updates", output="initial")
        for version in range(1, rounds + 1):
            copies = [client.tasks.get(task.id) for _ in range(savers)]
            assert {copy.version for copy in copies} == {version}
            for writer, copy in enumerate(copies):
                copy.output = f"round {version}, writer {writer}"
                copy.notes = f"writer {writer}"
            barrier = threading.Barrier(savers)

            def save(copy: Task, barrier: threading.Barrier = barrier) -> Task | BaseException:
                barrier.wait()
                began = time.monotonic()
                try:
                    return copy.save()
                except BaseException as error:  # noqa: BLE001 - every outcome is checked
                    return error
                finally:
                    latencies.append((time.monotonic() - began) * 1000)

            with ThreadPoolExecutor(max_workers=savers) as pool:
                results = list(pool.map(save, copies))
            _check_round(client, task.id, version, results)
            winners, losers = _outcome(results)
            won, refused = won + len(winners), refused + len(losers)
    # Every version has exactly one event: the winner's change, nothing from the losers.
    updates = [
        event
        for event in read_task_log(server.base_url, api_key, task.id)
        if event["type"] == "task_updated"
    ]
    figures.update(
        savers_per_round=savers,
        rounds=rounds,
        saves=savers * rounds,
        winners=won,
        precondition_failed=refused,
        task_updated_events=len(updates),
        save_latency_ms=percentiles(latencies),
    )
    assert [event["data"]["version"] for event in updates] == list(range(2, rounds + 2))


async def test_concurrent_async_saves_let_exactly_one_win(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """The same race with `asave()` on one event loop: one 200, the rest 412."""
    server = start_server()
    savers = run_sizes.savers
    async with Client(api_key=api_key, base_url=server.base_url) as client:
        task = await client.tasks.acreate(agent_id="lost-updates-async")
        copies = [await client.tasks.aget(task.id) for _ in range(savers)]
        for writer, copy in enumerate(copies):
            copy.notes = f"writer {writer}"
        results = await asyncio.gather(*(copy.asave() for copy in copies), return_exceptions=True)
        winners, losers = _outcome(list(results))
        stored = await client.tasks.aget(task.id)
    figures.update(savers=savers, winners=len(winners), precondition_failed=len(losers))
    assert len(winners) == 1
    assert all(isinstance(loser, PreconditionFailedError) for loser in losers)
    assert stored.version == 2
    assert stored.notes == winners[0].notes
