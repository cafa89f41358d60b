"""The basics: the app starts on a fresh SQLite file and answers a create and a read."""

from __future__ import annotations

import httpx


async def test_create_and_read_task(http: httpx.AsyncClient) -> None:
    """A created task reads back with its ETag."""
    created = await http.post("/v1/tasks", json={"agent_id": "agent123", "prompt": "hi"})
    assert created.status_code == 201, created.text
    task = created.json()
    assert task["status"] == "pending"
    assert created.headers["etag"] == '"1"'
    assert created.headers["x-request-id"]
    read = await http.get(f"/v1/tasks/{task['id']}")
    assert read.status_code == 200
    assert read.json() == task
