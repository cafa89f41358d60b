"""Races between writes that touch the same rows, sent at once on one app.

On PostgreSQL the requests run in truly concurrent transactions (row locks decide who waits); on
SQLite `BEGIN IMMEDIATE` queues them. Either way every answer must be a success or the 4xx the
losing order deserves, never a 500 (a deadlock, or a foreign key that vanished), and the stored
state must be one that some order of the requests explains.
"""

from __future__ import annotations

import asyncio

import httpx

from tests.server.helpers import all_events, create_task

ROUNDS = 24


async def test_stop_racing_an_execution_status_change(http: httpx.AsyncClient) -> None:
    """Stopping a task while its execution moves ends with the task stopped, the run cancelled."""

    async def race() -> None:
        task = await create_task(http)
        execution = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
        stop, move = await asyncio.gather(
            http.post(f"/v1/tasks/{task['id']}/stop", json={}),
            http.post(f"/v1/executions/{execution['id']}/status", json={"status": "starting"}),
        )
        assert stop.status_code == 200, stop.text
        # Moved first, then cancelled by the stop; or refused because the stop came first.
        assert move.status_code in {200, 409}, move.text
        stored = (await http.get(f"/v1/executions/{execution['id']}")).json()
        assert stored["status"] == "cancelled"
        assert (await http.get(f"/v1/tasks/{task['id']}")).json()["status"] == "stopped"

    await asyncio.gather(*(race() for _ in range(ROUNDS)))


async def test_session_deleted_while_tasks_join_it(http: httpx.AsyncClient) -> None:
    """A task created in a session being deleted is created before (then detached) or is a 404."""
    for _ in range(ROUNDS):
        ses = (await http.post("/v1/sessions", json={})).json()
        creates = [
            http.post("/v1/tasks", json={"agent_id": "agent123", "session_id": ses["id"]})
            for _ in range(4)
        ]
        deleted, *created = await asyncio.gather(http.delete(f"/v1/sessions/{ses['id']}"), *creates)
        assert deleted.status_code == 204, deleted.text
        for response in created:
            assert response.status_code in {201, 404}, response.text
        attached = await http.get("/v1/tasks", params={"session_id": ses["id"]})
        assert attached.json()["data"] == []


async def test_session_deleted_while_its_task_is_updated(http: httpx.AsyncClient) -> None:
    """Updating a task of a session being deleted leaves the task detached, without a deadlock."""

    async def race() -> None:
        ses = (await http.post("/v1/sessions", json={})).json()
        task = await create_task(http, session_id=ses["id"])
        deleted, updated = await asyncio.gather(
            http.delete(f"/v1/sessions/{ses['id']}"),
            http.patch(f"/v1/tasks/{task['id']}", json={"session_id": ses["id"], "name": "n"}),
        )
        assert deleted.status_code == 204, deleted.text
        # Updated first, then detached by the delete; or the session was gone already.
        assert updated.status_code in {200, 404}, updated.text
        assert (await http.get(f"/v1/tasks/{task['id']}")).json()["session_id"] is None

    await asyncio.gather(*(race() for _ in range(ROUNDS)))


async def test_concurrent_writes_number_events_without_gaps(http: httpx.AsyncClient) -> None:
    """Events of concurrent writes get consecutive, strictly increasing ids in commit order."""
    tasks = [await create_task(http) for _ in range(4)]

    async def churn(task_id: str) -> None:
        for status in ("executing", "paused", "executing", "completed"):
            response = await http.post(f"/v1/tasks/{task_id}/status", json={"status": status})
            assert response.status_code == 200, response.text

    await asyncio.gather(*(churn(task["id"]) for task in tasks))
    ids = [int(event["id"].removeprefix("evt_")) for event in await all_events(http)]
    assert ids == list(range(1, len(ids) + 1))
    assert len(ids) == 4 + 4 * 4
