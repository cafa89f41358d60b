"""`with_raw_response`: the HTTP answer behind a call, with the object the call returns."""

from __future__ import annotations

import pytest
from opentasks import Client, NotFoundError, RawResponse, Session, Task


def test_a_raw_create_and_get_show_the_answer(client: Client) -> None:
    """Status, headers, request id and the parsed task, from the namespace's raw twin."""
    created = client.tasks.with_raw_response.create(agent_id="a", prompt="hi")
    assert isinstance(created, RawResponse)
    assert created.status_code == 201
    assert created.headers["etag"] == '"1"'
    assert created.request_id is not None
    assert created.request_id == created.headers["x-request-id"]
    assert created.http_request.method == "POST"
    task = created.parse()
    assert isinstance(task, Task)
    assert task is created.parsed
    assert task.prompt == "hi"
    fetched = client.tasks.with_raw_response.get(task.id)
    assert (fetched.status_code, fetched.parsed.id) == (200, task.id)
    assert fetched.request_id != created.request_id
    # The parsed object is a live one, as without with_raw_response.
    fetched.parsed.output = "raw"
    fetched.parsed.save()
    assert client.tasks.get(task.id).output == "raw"


def test_every_namespace_has_raw_responses(client: Client) -> None:
    """Sessions, executions and tests give raw responses too; a delete parses to None."""
    session = client.sessions.with_raw_response.create(agent_id="a")
    assert isinstance(session.parsed, Session)
    assert session.status_code == 201
    deleted = client.sessions.with_raw_response.delete(session.parsed.id)
    assert (deleted.status_code, deleted.parsed) == (204, None)
    task = client.tasks.create(agent_id="a")
    started = client.executions.with_raw_response.start(task.id, {"x": 1})
    assert started.status_code == 201
    assert started.parsed.arguments == {"x": 1}
    test = client.tests.with_raw_response.create(summary={"suite": "s"})
    assert test.status_code == 201
    compared = client.tests.with_raw_response.compare("q", "a", "a", test_id=test.parsed.id)
    assert compared.parsed.comparison_result == "same_quality"


def test_errors_raise_as_without_raw_responses(client: Client) -> None:
    """An error answer raises the usual error, which carries the response."""
    with pytest.raises(NotFoundError) as caught:
        client.tasks.with_raw_response.get("task_01JD0000000000000000000000")
    assert caught.value.response.status_code == 404


async def test_async_raw_responses(aclient: Client) -> None:
    """The async operations have raw twins of the same names."""
    created = await aclient.tasks.with_raw_response.acreate(agent_id="a")
    assert created.status_code == 201
    fetched = await aclient.tasks.with_raw_response.aget(created.parsed.id)
    assert (fetched.status_code, fetched.parsed.id) == (200, created.parsed.id)
    assert fetched.request_id is not None
    stopped = await aclient.tasks.with_raw_response.astop(created.parsed.id, reason="enough")
    assert stopped.parsed.status == "stopped"
    assert stopped.headers["etag"] == f'"{stopped.parsed.version}"'
