"""Sessions: CRUD, their tasks, and delete detaching the tasks."""

from __future__ import annotations

import httpx

from tests.server.helpers import all_events, assert_problem, create_task


async def test_session_crud_and_delete_detaches_tasks(http: httpx.AsyncClient) -> None:
    """A deleted session's tasks stay, detached, with new versions and events."""
    created = await http.post("/v1/sessions", json={"agent_id": "a", "user_id": "u", "notes": "n"})
    assert created.status_code == 201
    ses = created.json()
    assert (ses["metadata"], ses["data"], ses["version"]) == ({}, {}, 1)
    task = await create_task(http, session_id=ses["id"])
    assert task["session_id"] == ses["id"]
    listed = (await http.get(f"/v1/sessions/{ses['id']}/tasks")).json()
    assert [t["id"] for t in listed["data"]] == [task["id"]]
    updated = await http.patch(
        f"/v1/sessions/{ses['id']}", json={"notes": None}, headers={"If-Match": '"1"'}
    )
    assert updated.json()["notes"] is None
    deleted = await http.delete(f"/v1/sessions/{ses['id']}", headers={"If-Match": '"2"'})
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert deleted.headers["x-request-id"]
    assert_problem(await http.get(f"/v1/sessions/{ses['id']}"), 404, "not-found")
    assert_problem(await http.delete(f"/v1/sessions/{ses['id']}"), 404, "not-found")
    detached = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert detached["session_id"] is None
    assert detached["version"] == 2
    types = [e["type"] for e in await all_events(http)]
    assert types == [
        "session_created",
        "task_created",
        "session_updated",
        "task_updated",
        "session_deleted",
    ]


async def test_task_links_to_session_and_test_by_patch(http: httpx.AsyncClient) -> None:
    """PATCH attaches a task to a session and a test run, and `null` detaches it."""
    ses = (await http.post("/v1/sessions", json={})).json()
    test = (await http.post("/v1/tests", json={})).json()
    task = await create_task(http)
    path = f"/v1/tasks/{task['id']}"
    linked = (await http.patch(path, json={"session_id": ses["id"], "test_id": test["id"]})).json()
    assert (linked["session_id"], linked["test_id"]) == (ses["id"], test["id"])
    listed = (await http.get("/v1/tasks", params={"test_id": test["id"]})).json()["data"]
    assert [t["id"] for t in listed] == [task["id"]]
    assert_problem(await http.patch(path, json={"session_id": "ses_nope"}), 404)
    unlinked = (await http.patch(path, json={"session_id": None})).json()
    assert unlinked["session_id"] is None
    update_event = next(e for e in await all_events(http) if e["type"] == "task_updated")
    assert update_event["data"] == {
        "changes": {"session_id": ses["id"], "test_id": test["id"]},
        "version": 2,
    }


async def test_task_fields_round_trip(http: httpx.AsyncClient) -> None:
    """Every writable task field is stored and answered as sent, workflow steps included."""
    fields = {
        "agent_id": "agent123",
        "name": "Sales",
        "description": "d",
        "prompt": "Analyze",
        "file_urls": ["https://example.com/data.csv"],
        "notes": "n",
        "metadata": {"a": {"b": [1, None]}},
        "data": {"k": "v"},
        "additional_input": {"i": 1},
        "additional_output": {"o": 2},
        "sender_id": "user42",
        "tools_available": ["web_search"],
        "input_schema": {"type": "object"},
        "main": [
            {"kind": "prompt", "prompt": [{"role": "user", "content": "hi"}]},
            {"kind": "tool_call", "tool": "web_search"},
            {"kind": "if_else", "if": "x > 1", "then": {"kind": "error", "error": "no"}},
            {"kind": "evaluate", "evaluate": {"t": "1"}},
            {"kind": "yield", "workflow": "w"},
        ],
    }
    task = await create_task(http, **fields)
    for name, value in fields.items():
        assert task[name] == value, name
    read = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert read == task
