"""The NUL character (U+0000): stored and answered as sent, the same on every backend.

SQLite holds NUL in text as it is. PostgreSQL's `text` and `jsonb` cannot: there the JSON
columns are `json`, and the text columns escape NUL (`opentasks_server.db.types`). A request
with NUL anywhere is answered like any other, and what it stored reads back byte for byte.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from opentasks_server.db.types import escape_nul, unescape_nul

from tests.server.helpers import all_events, create_task

# NUL, the escape character, and text that looks like escaped text: all must come back as sent.
TEXT = "a\x00b \x01 \x010 \x011 \x01\x00 \\u0000 \x00"
JSON = {TEXT: [TEXT, {TEXT: TEXT}], "plain": "\x00"}


@pytest.mark.parametrize(
    "text",
    ["", "plain", "\x00", "\x01", "\x010", "\x011", "\x01\x01\x00\x00", TEXT, "\x00" * 128],
)
def test_escaping_is_reversible_and_holds_no_nul(text: str) -> None:
    """Escaped text holds no NUL, reads back as it was, and is unchanged without NUL or U+0001."""
    escaped = escape_nul(text)
    assert "\x00" not in escaped
    assert unescape_nul(escaped) == text
    if "\x00" not in text and "\x01" not in text:
        assert escaped is text
        assert unescape_nul(text) is text


async def test_a_task_keeps_nul_in_every_text_and_json_field(http: httpx.AsyncClient) -> None:
    """A task created, changed and read with NUL in its text and JSON answers it unchanged."""
    fields: dict[str, Any] = {
        "name": TEXT,
        "description": TEXT,
        "prompt": TEXT,
        "file_urls": [TEXT],
        "output": TEXT,
        "status_reason": TEXT,
        "flag_source": TEXT,
        "notes": TEXT,
        "sender_id": TEXT,
        "tools_available": [TEXT, "\x00"],
        "metadata": JSON,
        "data": JSON,
        "additional_input": JSON,
        "additional_output": JSON,
        "input_schema": JSON,
    }
    # The longest agent id, all NUL: on PostgreSQL its escaped form is twice as long.
    task = await create_task(http, agent_id="\x00" * 128, **fields)
    expected = {"agent_id": "\x00" * 128, **fields}
    assert {name: task[name] for name in expected} == expected
    read = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert {name: read[name] for name in expected} == expected

    changed = await http.patch(f"/v1/tasks/{task['id']}", json={"output": "\x00", "data": {}})
    assert changed.status_code == 200, changed.text
    flagged = await http.post(f"/v1/tasks/{task['id']}/flag", json={"flag": "success"})
    assert flagged.status_code == 200, flagged.text
    read = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert (read["output"], read["data"], read["notes"]) == ("\x00", {}, TEXT)

    created = next(e for e in await all_events(http) if e["type"] == "task_created")
    assert created["data"]["metadata"] == JSON


async def test_filters_with_nul_match_the_text_sent(http: httpx.AsyncClient) -> None:
    """A list filter holding NUL finds the rows whose text is exactly that, and no other."""
    task = await create_task(http, agent_id=TEXT)
    await create_task(http, agent_id="a")
    await create_task(http, agent_id="a\x00")
    found = (await http.get("/v1/tasks", params={"agent_id": TEXT})).json()["data"]
    assert [t["id"] for t in found] == [task["id"]]

    session = (await http.post("/v1/sessions", json={"agent_id": TEXT, "user_id": TEXT})).json()
    await http.post("/v1/sessions", json={"agent_id": "a", "user_id": "a"})
    for name in ("agent_id", "user_id"):
        found = (await http.get("/v1/sessions", params={name: TEXT})).json()["data"]
        assert [s["id"] for s in found] == [session["id"]]


async def test_ids_and_names_with_nul_match_nothing(http: httpx.AsyncClient) -> None:
    """An id or event type with NUL names nothing: a 404 or an empty list, never a 4xx on NUL."""
    task = await create_task(http)
    # A NUL reaches a path only percent-encoded.
    assert (await http.get(f"/v1/tasks/{task['id']}%00")).status_code == 404
    assert (await http.patch(f"/v1/tasks/{task['id']}%00", json={"notes": "x"})).status_code == 404
    for kind in ("sessions", "executions", "tests"):
        assert (await http.get(f"/v1/{kind}/%00")).status_code == 404
    for params in ({"session_id": "\x00"}, {"test_id": "\x00"}):
        listed = await http.get("/v1/tasks", params=params)
        assert (listed.status_code, listed.json()["data"]) == (200, [])
    created = await http.post("/v1/tasks", json={"agent_id": "a", "session_id": "\x00"})
    assert created.status_code == 404, created.text
    json_page = {"Accept": "application/json"}
    events = await http.get("/v1/events", params={"type": "task_created\x00"}, headers=json_page)
    assert (events.status_code, events.json()["data"]) == (200, [])
    events = await http.get(f"/v1/tasks/{task['id']}%00/events", headers=json_page)
    assert events.status_code == 404


async def test_sessions_executions_tests_comparisons_and_events_keep_nul(
    http: httpx.AsyncClient,
) -> None:
    """Every other resource's text and JSON with NUL reads back unchanged."""
    session_fields = {"agent_id": TEXT, "user_id": TEXT, "notes": TEXT, "metadata": JSON}
    session = (await http.post("/v1/sessions", json={**session_fields, "data": JSON})).json()
    read = (await http.get(f"/v1/sessions/{session['id']}")).json()
    assert {name: read[name] for name in session_fields} == session_fields
    assert read["data"] == JSON

    task = await create_task(http)
    execution = (
        await http.post(f"/v1/tasks/{task['id']}/executions", json={"arguments": JSON})
    ).json()
    for status in ("starting", "running"):
        moved = await http.post(f"/v1/executions/{execution['id']}/status", json={"status": status})
        assert moved.status_code == 200, moved.text
    failed = await http.post(
        f"/v1/executions/{execution['id']}/status",
        json={"status": "failed", "error": TEXT, "output": JSON},
    )
    assert failed.status_code == 200, failed.text
    read = (await http.get(f"/v1/executions/{execution['id']}")).json()
    assert (read["arguments"], read["output"], read["error"]) == (JSON, JSON, TEXT)

    test = (await http.post("/v1/tests", json={"summary": JSON})).json()
    assert (await http.get(f"/v1/tests/{test['id']}")).json()["summary"] == JSON
    comparison_fields = {
        "context_input": TEXT,
        "old_output": TEXT,
        "new_output": TEXT + "!",
        "instructions": TEXT,
        "source": TEXT,
    }
    compared = await http.post(
        "/v1/comparisons",
        json={**comparison_fields, "test_id": test["id"], "comparison_result": "new_better"},
    )
    assert compared.status_code == 201, compared.text
    listed = (await http.get(f"/v1/tests/{test['id']}/comparisons")).json()["data"]
    assert [{name: c[name] for name in comparison_fields} for c in listed] == [comparison_fields]

    published = await http.post(
        f"/v1/tasks/{task['id']}/events", json={"type": "chunk", "data": JSON}
    )
    assert published.status_code == 201, published.text
    chunks = [e for e in await all_events(http) if e["type"] == "chunk"]
    assert [e["data"] for e in chunks] == [JSON]


async def test_other_control_characters_and_astral_text_are_kept(http: httpx.AsyncClient) -> None:
    """Stores every other character as sent, on every backend."""
    text = "tab\t bell\x07 escape\x1b emoji \U0001f600 rtl \u202e end"
    task = await create_task(http, prompt=text, metadata={text: [text]})
    stored = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert stored["prompt"] == text
    assert stored["metadata"] == {text: [text]}
