"""Server-shaped JSON for the unit tests, as the API sends it."""

from __future__ import annotations

from typing import Any

TASK_ID = "task_01JD0000000000000000000000"


def task_json(**changes: object) -> dict[str, Any]:
    """A task as the server answers it, with some fields changed."""
    task: dict[str, Any] = {
        "id": TASK_ID,
        "agent_id": "agent123",
        "session_id": None,
        "test_id": None,
        "name": "Sales analysis",
        "description": None,
        "prompt": "Analyze the sales data",
        "file_urls": ["https://example.com/data.csv"],
        "output": None,
        "status": "pending",
        "status_reason": None,
        "flag": None,
        "flag_source": None,
        "notes": None,
        "metadata": {"team": "sales"},
        "data": {},
        "additional_input": {},
        "additional_output": {},
        "sender_id": None,
        "tools_available": [],
        "input_schema": None,
        "main": [{"kind": "prompt", "prompt": "Summarise {{inputs.text}}"}],
        "version": 1,
        "created_at": "2026-11-25T10:00:00Z",
        "updated_at": "2026-11-25T10:00:00Z",
        "started_at": None,
        "finished_at": None,
    }
    task.update(changes)
    return task


def event_json(number: int, type_: str = "chunk", **data: object) -> dict[str, Any]:
    """An event as the server sends it."""
    return {
        "id": f"evt_{number:012d}",
        "type": type_,
        "task_id": TASK_ID,
        "execution_id": None,
        "session_id": None,
        "data": data,
        "created_at": "2026-11-25T10:00:01Z",
    }
