"""The task, execution and test run lifecycles over HTTP: legal moves, 409s, stop and logging."""

from __future__ import annotations

import httpx
import pytest

from tests.server.helpers import all_events, assert_problem, create_task


@pytest.mark.parametrize(
    ("path", "to"),
    [
        (["executing", "completed"], "executing"),
        ([], "completed"),
        ([], "paused"),
        (["stopped"], "pending"),
        (["executing", "error"], "failed"),
    ],
)
async def test_illegal_task_moves_are_409(
    http: httpx.AsyncClient, path: list[str], to: str
) -> None:
    """An illegal move is a 409 problem naming the from and to states, and changes nothing."""
    task = await create_task(http)
    url = f"/v1/tasks/{task['id']}/status"
    for status in path:
        assert (await http.post(url, json={"status": status})).status_code == 200
    before = (await http.get(f"/v1/tasks/{task['id']}")).json()
    body = assert_problem(await http.post(url, json={"status": to}), 409, "illegal-transition")
    current = before["status"]
    assert f"'{current}'" in body["detail"]
    assert f"'{to}'" in body["detail"]
    assert (await http.get(f"/v1/tasks/{task['id']}")).json() == before


async def test_full_task_lifecycle_and_events(http: httpx.AsyncClient) -> None:
    """Legal moves set timestamps, reasons and outputs, and record status events."""
    task = await create_task(http)
    url = f"/v1/tasks/{task['id']}/status"
    executing = (await http.post(url, json={"status": "executing"})).json()
    assert executing["started_at"] is not None
    paused = (await http.post(url, json={"status": "paused", "reason": "waiting"})).json()
    assert paused["status_reason"] == "waiting"
    await http.post(url, json={"status": "executing"})
    done = (await http.post(url, json={"status": "completed", "output": "42"})).json()
    assert done["output"] == "42"
    assert done["finished_at"] is not None
    assert done["version"] == 5
    events = [e for e in await all_events(http) if e["task_id"] == task["id"]]
    assert [e["type"] for e in events] == [
        "task_created",
        "task_status_changed",
        "task_status_changed",
        "task_status_changed",
        "task_finished",
    ]
    assert events[-1]["data"] == {
        "from": "executing",
        "to": "completed",
        "reason": None,
        "version": 5,
    }
    ids = [e["id"] for e in events]
    assert ids == sorted(ids)


@pytest.mark.parametrize("status", ["completed", "failed"])
async def test_task_can_be_logged_finished(http: httpx.AsyncClient, status: str) -> None:
    """A finished interaction is logged in one call, with `finished_at` set."""
    task = await create_task(http, status=status, output="out", flag="success")
    assert task["status"] == status
    assert task["finished_at"] is not None
    assert task["flag_source"] == "user"
    assert_problem(
        await http.post(f"/v1/tasks/{task['id']}/status", json={"status": "executing"}), 409
    )


async def test_create_rejects_non_initial_status(http: httpx.AsyncClient) -> None:
    """Only pending, completed and failed are initial statuses."""
    response = await http.post("/v1/tasks", json={"agent_id": "a", "status": "executing"})
    assert_problem(response, 422, "validation-error")


async def test_stop_cancels_the_active_execution(http: httpx.AsyncClient) -> None:
    """Stopping a task stops it and cancels its running execution, recording both."""
    task = await create_task(http)
    exe = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    for status in ("starting", "running"):
        await http.post(f"/v1/executions/{exe['id']}/status", json={"status": status})
    stopped = await http.post(f"/v1/tasks/{task['id']}/stop", json={"reason": "user asked"})
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["status"] == "stopped"
    assert stopped.json()["status_reason"] == "user asked"
    execution = (await http.get(f"/v1/executions/{exe['id']}")).json()
    assert execution["status"] == "cancelled"
    assert execution["finished_at"] is not None
    types = [e["type"] for e in await all_events(http) if e["task_id"] == task["id"]][-2:]
    assert types == ["execution_status_changed", "task_finished"]
    again = await http.post(f"/v1/tasks/{task['id']}/stop")
    body = assert_problem(again, 409, "illegal-transition")
    assert "'stopped'" in body["detail"]


async def test_stop_without_body(http: httpx.AsyncClient) -> None:
    """The stop body is optional."""
    task = await create_task(http)
    response = await http.post(f"/v1/tasks/{task['id']}/stop")
    assert response.status_code == 200
    assert response.json()["status_reason"] is None


async def test_flag_sets_flag_source_and_notes(http: httpx.AsyncClient) -> None:
    """Flagging records the flag, who set it and why, and a `task_flagged` event."""
    task = await create_task(http)
    flagged = await http.post(
        f"/v1/tasks/{task['id']}/flag",
        json={"flag": "failure", "source": "owner", "notes": "wrong"},
    )
    assert flagged.status_code == 200
    body = flagged.json()
    assert (body["flag"], body["flag_source"], body["notes"], body["version"]) == (
        "failure",
        "owner",
        "wrong",
        2,
    )
    default = (await http.post(f"/v1/tasks/{task['id']}/flag", json={"flag": "success"})).json()
    assert (default["flag_source"], default["notes"]) == ("user", "wrong")
    listed = (await http.get("/v1/tasks", params={"flag": "success"})).json()["data"]
    assert [t["id"] for t in listed] == [task["id"]]
    last = (await all_events(http))[-1]
    assert last["type"] == "task_flagged"
    assert last["data"] == {"flag": "success", "source": "user", "notes": "wrong", "version": 3}


async def test_test_run_lifecycle(http: httpx.AsyncClient) -> None:
    """A test run ends once; ending it again differently is a 409."""
    test = (await http.post("/v1/tests", json={"summary": {"suite": "s"}})).json()
    assert (test["status"], test["terminated_at"]) == ("started", None)
    done = (await http.patch(f"/v1/tests/{test['id']}", json={"status": "completed"})).json()
    assert done["status"] == "completed"
    assert done["terminated_at"] is not None
    body = assert_problem(
        await http.patch(f"/v1/tests/{test['id']}", json={"status": "canceled"}),
        409,
        "illegal-transition",
    )
    assert "'completed'" in body["detail"]
    assert "'canceled'" in body["detail"]
    summary = await http.patch(f"/v1/tests/{test['id']}", json={"summary": {"score": 1}})
    assert summary.json()["summary"] == {"score": 1}
    listed = (await http.get("/v1/tests", params={"status": "completed"})).json()["data"]
    assert [t["id"] for t in listed] == [test["id"]]
