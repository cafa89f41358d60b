"""`extra_fields` reach the server as given, merged into the JSON body the method builds.

They exist for fields of a newer API than the client knows, which the generated body models
(`additionalProperties: false`) would drop. The reference server of the checkout knows no such
field, so `httpx.MockTransport` records what is sent here; tests/evolution/test_adding_a_field.py
sends one to a server that has it, from a client generated before the field existed.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from opentasks import Client, PromptStep

from tests.sdk.samples import TASK_ID, task_json

KEY = "ot_" + "e" * 43
SESSION_ID = "sess_01JD0000000000000000000000"
SESSION = {
    "id": SESSION_ID,
    "agent_id": None,
    "user_id": None,
    "metadata": {},
    "data": {},
    "notes": None,
    "version": 1,
    "created_at": "2026-11-25T10:00:00Z",
    "updated_at": "2026-11-25T10:00:00Z",
}


def recording() -> tuple[Client, list[tuple[str, str, Any]]]:
    """A client whose server answers with a task or a session and records each request body."""
    sent: list[tuple[str, str, Any]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        sent.append((request.method, request.url.path, body))
        answer = SESSION if "/sessions" in request.url.path else task_json()
        return httpx.Response(201 if request.method == "POST" else 200, json=answer)

    client = Client(api_key=KEY, base_url="http://api.test", transport=httpx.MockTransport(handle))
    return client, sent


def test_task_create_and_update_send_extra_fields() -> None:
    """Unknown fields are merged raw; known ones still go through the model."""
    client, sent = recording()
    with client:
        client.tasks.create(agent_id="a", extra_fields={"priority": 3, "labels": ["x"]})
        client.tasks.update(TASK_ID, name="n", extra_fields={"priority": None})
    assert sent[0][2] == {"agent_id": "a", "priority": 3, "labels": ["x"]}
    assert sent[1][:2] == ("PATCH", f"/v1/tasks/{TASK_ID}")
    assert sent[1][2] == {"name": "n", "priority": None}


def test_a_known_field_in_extra_fields_is_converted_as_an_argument_is() -> None:
    """A step model given through `extra_fields` is sent as its JSON, as `main=` would send it."""
    client, sent = recording()
    step = PromptStep(kind="prompt", prompt="Summarise")
    with client:
        client.tasks.create(agent_id="a", extra_fields={"main": [step]})
    assert sent[0][2] == {"agent_id": "a", "main": [{"kind": "prompt", "prompt": "Summarise"}]}


def test_session_create_and_update_send_extra_fields() -> None:
    """Sessions take the same path."""
    client, sent = recording()
    with client:
        client.sessions.create(agent_id="a", extra_fields={"channel": "web"})
        client.sessions.update(SESSION_ID, extra_fields={"channel": None})
    assert sent[0][2] == {"agent_id": "a", "channel": "web"}
    assert sent[1][2] == {"channel": None}


async def test_the_async_methods_send_extra_fields() -> None:
    """`acreate` builds the same body."""
    sent: list[Any] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(201, json=task_json())

    client = Client(
        api_key=KEY, base_url="http://api.test", async_transport=httpx.MockTransport(handle)
    )
    async with client:
        await client.tasks.acreate(agent_id="a", extra_fields={"priority": 2})
    assert sent == [{"agent_id": "a", "priority": 2}]


def test_extra_headers_and_extra_query_reach_the_request() -> None:
    """They are added to the one call's request, over the client's own headers, and not after."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201 if request.method == "POST" else 200, json=task_json())

    client = Client(
        api_key=KEY,
        base_url="http://api.test",
        default_headers={"X-Team": "sales"},
        transport=httpx.MockTransport(handle),
    )
    with client:
        client.tasks.create(
            agent_id="a",
            extra_headers={"X-Team": "ops", "X-Trace": "t1"},
            extra_query={"dry_run": True, "v": 2},
        )
        client.tasks.update(TASK_ID, name="n", extra_query={"v": 3})
        client.tasks.get(TASK_ID)
    first, second, third = seen
    assert (first.headers["x-team"], first.headers["x-trace"]) == ("ops", "t1")
    assert dict(first.url.params) == {"dry_run": "true", "v": "2"}
    assert first.headers["authorization"] == f"Bearer {KEY}"
    assert dict(second.url.params) == {"v": "3"}
    assert second.headers["x-team"] == "sales"
    assert "x-trace" not in third.headers
    assert not third.url.params


async def test_the_async_sessions_take_extra_headers() -> None:
    """The async methods pass them the same way."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json=SESSION)

    client = Client(
        api_key=KEY, base_url="http://api.test", async_transport=httpx.MockTransport(handle)
    )
    async with client:
        await client.sessions.acreate(extra_headers={"X-Trace": "t2"}, extra_query={"a": "b"})
    assert seen[0].headers["x-trace"] == "t2"
    assert dict(seen[0].url.params) == {"a": "b"}
