"""Values added to the API after this client was built never break it, in either direction.

Inbound, a newer server may send a workflow step of a new kind, or a flag or status this client
does not know: they read as an `UnknownStep` (with every property it had) and as plain strings.
The reference server only sends what this client knows, so `httpx.MockTransport` plays the newer
server there. Outbound, a value of an enum this client does not know (a task's or an
execution's status, a flag) is sent as given, and the reference server, which does not know it
either, refuses it with its own error.
"""

from __future__ import annotations

import json

import httpx
import pytest
from opentasks import (
    Client,
    ConflictError,
    Flag,
    IfElseStep,
    PromptStep,
    UnknownStep,
    UnprocessableEntityError,
)

from tests.sdk.samples import TASK_ID, task_json

KEY = "ot_" + "u" * 43
LOOP = {"kind": "loop", "times": 3, "body": [{"kind": "prompt", "prompt": "again"}]}
PROMPT = {"kind": "prompt", "prompt": "Summarise {{inputs.text}}"}
# A known kind holding an unknown one: the whole step is unknown to this client.
NESTED = {"kind": "if_else", "if": "x", "then": {"kind": "loop", "times": 1}}
NEWER = task_json(main=[LOOP, PROMPT, NESTED], flag="partial", status="blocked")


def newer_server() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A server that answers every task read with `NEWER` and echoes a PATCH into it."""
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path == "/v1/tasks":
            return httpx.Response(
                200, json={"data": [NEWER], "has_more": False, "next_cursor": None}
            )
        answer = dict(NEWER)
        if request.method == "PATCH":
            answer.update(json.loads(request.content), version=2)
        return httpx.Response(200, json=answer)

    return httpx.MockTransport(handle), sent


def test_unknown_step_kinds_and_enum_values_read_as_they_came() -> None:
    """Reads by id and by page keep an unknown step as `UnknownStep`, and unknown enums as strings."""
    transport, _ = newer_server()
    with Client(api_key=KEY, base_url="http://api.test", transport=transport) as client:
        for task in (client.tasks.get(TASK_ID), next(iter(client.tasks.list()))):
            loop, prompt, nested = task.main
            assert isinstance(loop, UnknownStep)
            assert loop.kind == "loop"
            assert loop["times"] == 3
            assert loop.to_dict() == LOOP
            assert isinstance(prompt, PromptStep)
            assert not isinstance(nested, IfElseStep)
            assert isinstance(nested, UnknownStep)
            assert nested.to_dict() == NESTED
            assert task.flag == "partial"
            assert not isinstance(task.flag, Flag)
            assert task.status == "blocked"
            assert not task.is_terminal


def test_saving_a_task_with_unknown_values_sends_only_the_edit() -> None:
    """An edit of another field is saved without touching the steps the client cannot read."""
    transport, sent = newer_server()
    with Client(api_key=KEY, base_url="http://api.test", transport=transport) as client:
        task = client.tasks.get(TASK_ID)
        task.name = "renamed"
        task.save()
    assert json.loads(sent[-1].content) == {"name": "renamed"}
    assert task.name == "renamed"
    assert isinstance(task.main[0], UnknownStep)


def test_an_unknown_status_is_sent_and_the_server_refuses_it(client: Client) -> None:
    """`set_status("blocked")` reaches the server; its 422 names the statuses it knows."""
    task = client.tasks.create(agent_id="a")
    with pytest.raises(UnprocessableEntityError) as caught:
        task.set_status("blocked", reason="waiting on a human")
    assert caught.value.errors[0].loc == ["body", "status"]
    assert "Input should be 'pending'" in caught.value.errors[0].message
    assert client.tasks.get(task.id).status == "pending"


async def test_an_unknown_flag_is_sent_and_the_server_refuses_it(aclient: Client) -> None:
    """`aset_flag("partial")` reaches the server too, as the async twin of the same body."""
    task = await aclient.tasks.acreate(agent_id="a")
    with pytest.raises(UnprocessableEntityError, match=r"body\.flag: Input should be 'success'"):
        await task.aset_flag("partial")


def test_a_known_status_still_goes_through_the_model(client: Client) -> None:
    """Known values are sent as before; an illegal move is still the server's 409."""
    task = client.tasks.create(agent_id="a", status="completed")
    with pytest.raises(ConflictError, match="'completed' is final"):
        task.set_status("executing")


def test_a_status_that_is_not_a_string_is_refused_before_sending(client: Client) -> None:
    """Only strings pass the escape hatch; anything else is a `TypeError` naming the argument."""
    task = client.tasks.create(agent_id="a")
    with pytest.raises(TypeError, match="status must be a string, got int"):
        task.set_status(3)  # type: ignore[arg-type]  # the mistake under test


async def test_an_unknown_execution_status_is_sent_and_the_server_refuses_it(
    aclient: Client,
) -> None:
    """An execution's status change goes through the same body: the server's 422 answers it."""
    task = await aclient.tasks.acreate(agent_id="a")
    execution = await task.executions.astart({"topic": "x"})
    with pytest.raises(UnprocessableEntityError) as caught:
        await execution.aset_status("paused", output={"partial": True})
    assert caught.value.errors[0].loc == ["body", "status"]
    assert (await aclient.executions.aget(execution.id)).status == execution.status


def test_an_unknown_status_at_creation_is_sent_and_the_server_refuses_it(client: Client) -> None:
    """`create(status=...)` sends a status it does not know as it is; nothing is stored."""
    with pytest.raises(UnprocessableEntityError) as caught:
        client.tasks.create(agent_id="created-blocked", status="blocked")
    assert caught.value.errors[0].loc == ["body", "status"]
    assert list(client.tasks.list(agent_id="created-blocked")) == []


def test_an_enum_field_that_is_not_a_string_is_refused_before_sending(client: Client) -> None:
    """Only strings (and members) pass as an enum's value; the error names the field."""
    with pytest.raises(TypeError, match="flag must be a string, got list"):
        client.tasks.create(agent_id="a", flag=["success"])  # type: ignore[typeddict-item]
