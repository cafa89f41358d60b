# generated from tests/sdk/_async/test_e2e_tasks.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""Tasks end to end against the real reference server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from opentasks import (
    Client,
    ConflictError,
    Flag,
    ListOrder,
    NotFoundError,
    PreconditionFailedError,
    PromptStep,
    Task,
    TaskStatus,
    UnprocessableEntityError,
)
from opentasks.testing import LocalServer
from opentasks_api.types import UNSET

STEPS: list[Mapping[str, Any] | PromptStep] = [
    {"kind": "tool_call", "tool": "web_search", "arguments": {"query": "{{inputs.topic}}"}},
    PromptStep(kind="prompt", prompt="Summarise {{outputs[0]}}"),
    {
        "kind": "if_else",
        "if": "inputs.count > 10",
        "then": {"kind": "prompt", "prompt": "long"},
        "else": {"kind": "error", "error": "too few"},
    },
]


def test_create_with_every_field(client: Client) -> None:
    """Every field of the create schema reaches the server, workflow steps as dicts or models."""
    session = client.sessions.create(agent_id="agent123")
    test = client.tests.create()
    task = client.tasks.create(
        agent_id="agent123",
        prompt="Analyze the sales data",
        name="Sales",
        description="Quarterly",
        session_id=session.id,
        test_id=test.id,
        file_urls=["https://example.com/data.csv"],
        status_reason="queued by cron",
        notes="first try",
        metadata={"team": "sales"},
        data={"rows": 3},
        additional_input={"region": "emea"},
        additional_output={},
        sender_id="user42",
        tools_available=["web_search"],
        input_schema={"type": "object"},
        main=STEPS,
    )
    assert isinstance(task, Task)
    assert task.id.startswith("task_")
    assert task.status is TaskStatus.PENDING
    assert task.file_urls == ["https://example.com/data.csv"]
    assert task.metadata["team"] == "sales"
    assert [step.to_dict()["kind"] for step in task.main] == ["tool_call", "prompt", "if_else"]
    assert task.session_id == session.id
    assert task.etag == '"1"'
    fetched = client.tasks.get(task.id)
    assert fetched.to_dict() == task.to_dict()


def test_log_a_finished_interaction(client: Client) -> None:
    """A task can be created directly as completed, with output and flag (phospho style)."""
    task = client.tasks.create(
        agent_id="agent123", prompt="2+2?", output="4", status="completed", flag="success"
    )
    assert task.status == "completed"
    assert task.flag is Flag.SUCCESS
    assert task.finished_at is not None


def test_invalid_fields_are_refused(client: Client) -> None:
    """Client-side: an unknown keyword or step kind; server-side: a value the schema forbids."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'promt'"):
        client.tasks.create(agent_id="a", promt="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing a required keyword argument: 'agent_id'"):
        client.tasks.create(prompt="x")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="TaskCreate"):
        client.tasks.create(agent_id="a", main=[{"kind": "teleport"}])
    with pytest.raises(UnprocessableEntityError) as caught:
        client.tasks.create(agent_id="a" * 500)
    assert caught.value.errors


def test_get_unknown_task_is_not_found(client: Client) -> None:
    """A missing task is a NotFoundError carrying the request id."""
    with pytest.raises(NotFoundError) as caught:
        client.tasks.get("task_01JD0000000000000000000000")
    assert caught.value.request_id
    assert caught.value.request_id in str(caught.value)


def test_update_changes_only_given_fields(client: Client) -> None:
    """`update` sends the given fields; `None` clears one; omitted ones stay."""
    task = client.tasks.create(agent_id="a", prompt="p", notes="n", name="x")
    updated = client.tasks.update(task.id, output="o", notes=None, if_match=task.version)
    assert (updated.output, updated.notes, updated.name, updated.prompt) == ("o", None, "x", "p")
    # UNSET, the generated sentinel, still means "not given".
    same = client.tasks.update(task.id, name=UNSET)  # type: ignore[arg-type]
    assert (same.name, same.version) == ("x", updated.version)
    with pytest.raises(PreconditionFailedError):
        client.tasks.update(task.id, output="stale", if_match=task.version)


def test_save_sends_changes_with_if_match(client: Client) -> None:
    """`save` sends only what changed; a concurrent change makes it fail with 412."""
    task = client.tasks.create(agent_id="a", prompt="p")
    task.output = "Revenue up 12%"
    task.metadata["k"] = "v"
    assert task.dirty_fields() == ["output", "metadata"]
    task.save()
    assert task.version == 2
    assert task.dirty_fields() == []
    assert (client.tasks.get(task.id)).output == "Revenue up 12%"

    stale = client.tasks.get(task.id)
    client.tasks.update(task.id, notes="changed elsewhere")
    stale.output = "mine"
    with pytest.raises(PreconditionFailedError) as caught:
        stale.save()
    assert "412" in str(caught.value)
    stale.refresh()
    assert stale.notes == "changed elsewhere"
    stale.output = "mine"
    stale.save()
    assert stale.output == "mine"


def test_save_with_nothing_changed_sends_nothing(client: Client) -> None:
    """Saving an unchanged task makes no request."""
    task = client.tasks.create(agent_id="a")
    assert (task.save()).version == 1


def test_save_accepts_plain_json_assigned_to_object_fields(client: Client) -> None:
    """A plain dict assigned to a JSON-object field is saved like an edited model."""
    task = client.tasks.create(agent_id="a")
    task.metadata = {"k": "v"}
    task.save()
    assert (client.tasks.get(task.id)).metadata == {"k": "v"}
    session = client.sessions.create()
    session.data = {"n": 1}
    session.save()
    assert (client.sessions.get(session.id)).data == {"n": 1}


def test_save_moves_the_status_through_the_status_operation(client: Client) -> None:
    """A status set as an attribute is saved through the checked status change."""
    task = client.tasks.create(agent_id="a")
    task.status = "executing"
    task.output = "partial"
    task.save()
    assert task.status is TaskStatus.EXECUTING
    assert task.output == "partial"
    task.status = TaskStatus.COMPLETED
    task.status_reason = "all done"
    task.save()
    fresh = client.tasks.get(task.id)
    assert (fresh.status, fresh.status_reason) == ("completed", "all done")


def test_read_only_fields_cannot_be_assigned(client: Client) -> None:
    """Assigning a server-owned field is a clear error at once; the task still saves."""
    task = client.tasks.create(agent_id="a")
    with pytest.raises(AttributeError, match=r"Task\.version is read-only"):
        task.version = 42
    assert (task.save()).version == 1


def test_status_lifecycle_and_illegal_moves(client: Client) -> None:
    """Legal moves pass; an illegal one is a ConflictError naming both states."""
    task = client.tasks.create(agent_id="a")
    task.set_status("executing")
    task.set_status(TaskStatus.PAUSED, reason="waiting for input")
    assert task.status_reason == "waiting for input"
    task.set_status("executing")
    task.set_status("completed", output="done")
    assert (task.status, task.output) == (TaskStatus.COMPLETED, "done")
    assert task.is_terminal
    with pytest.raises(ConflictError) as caught:
        task.set_status("executing")
    assert "completed" in str(caught.value)
    # A status this client does not know reaches the server, which refuses it.
    with pytest.raises(UnprocessableEntityError, match=r"body\.status: Input should be 'pending'"):
        task.set_status("teleported")


def test_set_status_keeps_unsaved_edits(client: Client) -> None:
    """A status change does not throw away local edits of other fields."""
    task = client.tasks.create(agent_id="a")
    task.output = "draft"
    task.set_status("executing")
    assert task.output == "draft"
    assert task.dirty_fields() == ["output"]
    task.save()
    assert (client.tasks.get(task.id)).output == "draft"


def test_stop_and_flag(client: Client) -> None:
    """A task stops once; flags carry source and notes; client.flag works by id."""
    task = client.tasks.create(agent_id="a")
    task.stop(reason="cancelled by user")
    assert (task.status, task.status_reason) == ("stopped", "cancelled by user")
    with pytest.raises(ConflictError):
        task.stop()
    task.set_flag("failure", source="owner", notes="wrong")
    assert (task.flag, task.flag_source, task.notes) == (Flag.FAILURE, "owner", "wrong")
    flagged = client.flag(task.id, "success")
    assert (flagged.flag, flagged.flag_source) == ("success", "user")
    other = client.tasks.create(agent_id="a")
    assert (client.tasks.stop(other.id)).status == "stopped"


def test_publish_a_worker_event(client: Client) -> None:
    """A worker event is recorded on the task's stream with its type and data."""
    task = client.tasks.create(agent_id="a")
    chunk = task.publish("chunk", {"text": "hi"})
    assert (chunk.type, chunk.data["text"], chunk.task_id) == ("chunk", "hi", task.id)
    again = client.tasks.publish(task.id, "tool_call", {"tool": "search"})
    assert again.id > chunk.id


def test_list_filters(client: Client) -> None:
    """Filters narrow the listing: agent, status, flag, session, test run."""
    tasks = client.tasks
    session = client.sessions.create()
    test = client.tests.create()
    one = tasks.create(agent_id="alpha", session_id=session.id, test_id=test.id)
    two = tasks.create(agent_id="beta", status="completed", output="x", flag="success")
    assert [t.id for t in tasks.list(agent_id="alpha")] == [one.id]
    assert [t.id for t in tasks.list(status="completed")] == [two.id]
    assert [t.id for t in tasks.list(flag=Flag.SUCCESS)] == [two.id]
    assert [t.id for t in tasks.list(session_id=session.id)] == [one.id]
    assert [t.id for t in tasks.list(test_id=test.id)] == [one.id]
    assert [t.id for t in tasks.list(agent_id="alpha", status="completed")] == []
    assert [t.id for t in tasks.list()] == [one.id, two.id]


def test_list_newest_first(client: Client) -> None:
    """`order="desc"` lists tasks newest first, across pages, and a session's tasks too."""
    session = client.sessions.create()
    created = [
        (client.tasks.create(agent_id="ordered", session_id=session.id)).id for _ in range(5)
    ]
    newest_first = created[::-1]
    tasks = client.tasks
    assert [t.id for t in tasks.list(agent_id="ordered", order="desc")] == newest_first
    assert [t.id for t in tasks.list(agent_id="ordered", order=ListOrder.ASC)] == created
    paged = tasks.list(agent_id="ordered", order="desc", page_size=2)
    assert [t.id for t in paged] == newest_first
    first = paged.first_page()
    resumed = tasks.list(agent_id="ordered", order="desc", page_size=2, after=first.next_cursor)
    assert [t.id for t in resumed] == newest_first[2:]
    assert [t.id for t in session.tasks(order="desc")] == newest_first
    assert [t.id for t in client.sessions.tasks(session.id, order="asc")] == created
    with pytest.raises(ValueError, match="unknown list order 'newest'"):
        tasks.list(order="newest")


def test_pagination_is_lazy_over_many_pages(server: LocalServer, api_key: str) -> None:
    """Seven tasks in pages of two: four requests when walked, one when only the first is read."""
    requests: list[httpx.Request] = []

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "GET":
                requests.append(request)
            return super().handle_request(request)

    with Client(api_key=api_key, base_url=server.base_url, transport=Counting()) as client:
        created = [(client.tasks.create(agent_id="pager")).id for _ in range(7)]
        pager = client.tasks.list(agent_id="pager", page_size=2)
        assert requests == []
        assert (next(iter(pager))).id == created[0]
        assert len(requests) == 1
        requests.clear()
        assert [t.id for t in pager] == created
        assert len(requests) == 4
        pages = [page for page in pager.pages()]
        assert [len(page) for page in pages] == [2, 2, 2, 1]
        assert [page.has_more for page in pages] == [True, True, True, False]
        assert (pager.first_page()).next_cursor == pages[0].next_cursor
        resumed = client.tasks.list(agent_id="pager", page_size=2, after=pages[0].next_cursor)
        assert [t.id for t in resumed] == created[2:]


def test_generated_functions_work_on_the_same_client(client: Client) -> None:
    """The low-level generated client shares the overlay's connection, key and retries."""
    from opentasks_api.api.tasks import create_task, get_task
    from opentasks_api.models import Task as GeneratedTask
    from opentasks_api.models import TaskCreate

    body = TaskCreate(agent_id="low")
    response = create_task.sync_detailed(client=client.api, body=body)
    assert response.status_code == 201
    assert isinstance(response.parsed, GeneratedTask)
    assert get_task.sync(response.parsed.id, client=client.api) is not None
