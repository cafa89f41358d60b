"""The NUL character (U+0000): refused anywhere in a request, the same on every backend.

PostgreSQL's `text` and `jsonb` cannot hold it; SQLite can. The API answers alike on both: a
422 problem naming where the character is, and nothing stored.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.server.helpers import all_events, assert_problem, create_task


def nul_errors(response: httpx.Response) -> list[list[Any]]:
    """Check that a response refuses a NUL character; return the locations it names."""
    body = assert_problem(response, 422, "validation-error")
    assert {error["type"] for error in body["errors"]} == {"nul_character"}
    return [error["loc"] for error in body["errors"]]


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"prompt": "a\x00b"}, ["body", "prompt"]),
        ({"file_urls": ["https://x/\x00"]}, ["body", "file_urls", 0]),
        ({"metadata": {"deep": {"list": ["ok", "\x00"]}}}, ["body", "metadata", "deep", "list", 1]),
        ({"data": {"k\x00": 1}}, ["body", "data", "k\x00"]),
    ],
)
async def test_nul_in_a_body_is_refused_and_nothing_is_stored(
    http: httpx.AsyncClient, fields: dict[str, Any], loc: list[Any]
) -> None:
    """Refuses a NUL in a body string or free-form object key, and creates nothing."""
    response = await http.post("/v1/tasks", json={"agent_id": "agent123", **fields})
    assert nul_errors(response) == [loc]
    assert (await http.get("/v1/tasks")).json()["data"] == []
    assert await all_events(http) == []


async def test_nul_in_an_update_is_refused(http: httpx.AsyncClient) -> None:
    """Refuses a NUL in a PATCH and leaves the task as it was."""
    task = await create_task(http, output="before")
    response = await http.patch(f"/v1/tasks/{task['id']}", json={"output": "x\x00"})
    assert nul_errors(response) == [["body", "output"]]
    assert (await http.get(f"/v1/tasks/{task['id']}")).json()["output"] == "before"


async def test_nul_in_the_path_or_query_is_refused(http: httpx.AsyncClient) -> None:
    """Refuses a NUL in a path id or a list filter instead of failing in the database."""
    assert nul_errors(await http.get("/v1/tasks/task_%00")) == [["path", "task_id"]]
    assert nul_errors(await http.get("/v1/tasks", params={"agent_id": "a\x00"})) == [
        ["query", "agent_id"]
    ]
    assert nul_errors(await http.get("/v1/events", params={"type": "chunk\x00"})) == [
        ["query", "type"]
    ]


async def test_other_control_characters_and_astral_text_are_kept(http: httpx.AsyncClient) -> None:
    """Stores every other character as sent, on every backend."""
    text = "tab\t bell\x07 escape\x1b emoji \U0001f600 rtl \u202e end"
    task = await create_task(http, prompt=text, metadata={text: [text]})
    stored = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert stored["prompt"] == text
    assert stored["metadata"] == {text: [text]}
