"""Executions drive their task's status, recording both events."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.server.helpers import all_events, assert_problem, create_task


async def _move(
    http: httpx.AsyncClient, exe_id: str, status: str, **extra: object
) -> dict[str, Any]:
    response = await http.post(f"/v1/executions/{exe_id}/status", json={"status": status, **extra})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def _task_status(http: httpx.AsyncClient, task_id: str) -> str:
    status: str = (await http.get(f"/v1/tasks/{task_id}")).json()["status"]
    return status


async def test_execution_drives_task_status(http: httpx.AsyncClient) -> None:
    """Running → executing, awaiting_input → paused, succeeded → completed."""
    task = await create_task(http)
    created = await http.post(
        f"/v1/tasks/{task['id']}/executions", json={"arguments": {"region": "emea"}}
    )
    assert created.status_code == 201
    exe = created.json()
    assert (exe["status"], exe["arguments"], exe["version"]) == ("queued", {"region": "emea"}, 1)
    assert created.headers["etag"] == '"1"'
    expected = {
        "starting": "pending",
        "running": "executing",
        "awaiting_input": "paused",
    }
    for status, task_status in expected.items():
        await _move(http, exe["id"], status)
        assert await _task_status(http, task["id"]) == task_status
    await _move(http, exe["id"], "running")
    assert await _task_status(http, task["id"]) == "executing"
    done = await _move(http, exe["id"], "succeeded", output={"answer": 42})
    assert done["output"] == {"answer": 42}
    assert done["finished_at"] is not None
    assert done["started_at"] is not None
    final = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert final["status"] == "completed"
    assert final["finished_at"] is not None
    events = [e for e in await all_events(http) if e["task_id"] == task["id"]]
    last_two = events[-2:]
    assert [e["type"] for e in last_two] == ["execution_status_changed", "task_finished"]
    assert last_two[0]["data"] == {"from": "running", "to": "succeeded", "version": done["version"]}
    assert last_two[0]["execution_id"] == exe["id"]
    assert last_two[1]["data"]["from"] == "executing"
    assert last_two[1]["data"]["to"] == "completed"
    assert last_two[1]["execution_id"] == exe["id"]
    assert events[1]["type"] == "execution_created"


@pytest.mark.parametrize(
    ("path", "task_status"),
    [
        (["failed"], "failed"),
        (["cancelled"], "stopped"),
        (["starting", "failed"], "failed"),
        (["starting", "running", "cancelled"], "stopped"),
    ],
)
async def test_execution_endings_map_to_task(
    http: httpx.AsyncClient, path: list[str], task_status: str
) -> None:
    """Failed → failed and cancelled → stopped, also straight from queued or starting."""
    task = await create_task(http)
    exe = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    for status in path:
        await _move(http, exe["id"], status, **({"error": "boom"} if status == "failed" else {}))
    final = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert final["status"] == task_status
    if task_status == "failed":
        assert final["status_reason"] == "boom"


async def test_illegal_execution_move_is_409(http: httpx.AsyncClient) -> None:
    """An illegal execution move names both states and changes nothing."""
    task = await create_task(http)
    exe = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    body = assert_problem(
        await http.post(f"/v1/executions/{exe['id']}/status", json={"status": "succeeded"}),
        409,
        "illegal-transition",
    )
    assert "'queued'" in body["detail"]
    assert "'succeeded'" in body["detail"]
    assert (await http.get(f"/v1/executions/{exe['id']}")).json()["version"] == 1


async def test_finished_task_cannot_be_executed(http: httpx.AsyncClient) -> None:
    """Starting an execution of a finished task is a 409."""
    task = await create_task(http, status="completed")
    body = assert_problem(await http.post(f"/v1/tasks/{task['id']}/executions", json={}), 409)
    assert "completed" in body["detail"]


async def test_only_the_latest_execution_drives_the_task(http: httpx.AsyncClient) -> None:
    """An older execution's change does not move the task."""
    task = await create_task(http)
    old = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    new = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    await _move(http, new["id"], "starting")
    await _move(http, new["id"], "running")
    await _move(http, old["id"], "cancelled")
    assert await _task_status(http, task["id"]) == "executing"
    listed = (await http.get(f"/v1/tasks/{task['id']}/executions")).json()
    assert [e["id"] for e in listed["data"]] == [old["id"], new["id"]]


async def test_execution_of_unknown_task_is_404(http: httpx.AsyncClient) -> None:
    """Executions of a task that does not exist are 404s."""
    assert_problem(await http.post("/v1/tasks/task_nope/executions", json={}), 404, "not-found")
    assert_problem(await http.get("/v1/tasks/task_nope/executions"), 404, "not-found")
    assert_problem(await http.get("/v1/executions/exe_nope"), 404, "not-found")
