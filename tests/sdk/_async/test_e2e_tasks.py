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


async def test_create_with_every_field(aclient: Client) -> None:
    """Every field of the create schema reaches the server, workflow steps as dicts or models."""
    session = await aclient.sessions.acreate(agent_id="agent123")
    test = await aclient.tests.acreate()
    task = await aclient.tasks.acreate(
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
    fetched = await aclient.tasks.aget(task.id)
    assert fetched.to_dict() == task.to_dict()


async def test_log_a_finished_interaction(aclient: Client) -> None:
    """A task can be created directly as completed, with output and flag (phospho style)."""
    task = await aclient.tasks.acreate(
        agent_id="agent123", prompt="2+2?", output="4", status="completed", flag="success"
    )
    assert task.status == "completed"
    assert task.flag is Flag.SUCCESS
    assert task.finished_at is not None


async def test_invalid_fields_are_refused(aclient: Client) -> None:
    """Client-side: an unknown keyword or step kind; server-side: a value the schema forbids."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'promt'"):
        await aclient.tasks.acreate(agent_id="a", promt="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing a required keyword argument: 'agent_id'"):
        await aclient.tasks.acreate(prompt="x")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="TaskCreate"):
        await aclient.tasks.acreate(agent_id="a", main=[{"kind": "teleport"}])
    with pytest.raises(UnprocessableEntityError) as caught:
        await aclient.tasks.acreate(agent_id="a" * 500)
    assert caught.value.errors


async def test_get_unknown_task_is_not_found(aclient: Client) -> None:
    """A missing task is a NotFoundError carrying the request id."""
    with pytest.raises(NotFoundError) as caught:
        await aclient.tasks.aget("task_01JD0000000000000000000000")
    assert caught.value.request_id
    assert caught.value.request_id in str(caught.value)


async def test_update_changes_only_given_fields(aclient: Client) -> None:
    """`update` sends the given fields; `None` clears one; omitted ones stay."""
    task = await aclient.tasks.acreate(agent_id="a", prompt="p", notes="n", name="x")
    updated = await aclient.tasks.aupdate(task.id, output="o", notes=None, if_match=task.version)
    assert (updated.output, updated.notes, updated.name, updated.prompt) == ("o", None, "x", "p")
    # UNSET, the generated sentinel, still means "not given".
    same = await aclient.tasks.aupdate(task.id, name=UNSET)  # type: ignore[arg-type]
    assert (same.name, same.version) == ("x", updated.version)
    with pytest.raises(PreconditionFailedError):
        await aclient.tasks.aupdate(task.id, output="stale", if_match=task.version)


async def test_save_sends_changes_with_if_match(aclient: Client) -> None:
    """`save` sends only what changed; a concurrent change makes it fail with 412."""
    task = await aclient.tasks.acreate(agent_id="a", prompt="p")
    task.output = "Revenue up 12%"
    task.metadata["k"] = "v"
    assert task.dirty_fields() == ["output", "metadata"]
    await task.asave()
    assert task.version == 2
    assert task.dirty_fields() == []
    assert (await aclient.tasks.aget(task.id)).output == "Revenue up 12%"

    stale = await aclient.tasks.aget(task.id)
    await aclient.tasks.aupdate(task.id, notes="changed elsewhere")
    stale.output = "mine"
    with pytest.raises(PreconditionFailedError) as caught:
        await stale.asave()
    assert "412" in str(caught.value)
    await stale.arefresh()
    assert stale.notes == "changed elsewhere"
    stale.output = "mine"
    await stale.asave()
    assert stale.output == "mine"


async def test_save_with_nothing_changed_sends_nothing(aclient: Client) -> None:
    """Saving an unchanged task makes no request."""
    task = await aclient.tasks.acreate(agent_id="a")
    assert (await task.asave()).version == 1


async def test_save_accepts_plain_json_assigned_to_object_fields(aclient: Client) -> None:
    """A plain dict assigned to a JSON-object field is saved like an edited model."""
    task = await aclient.tasks.acreate(agent_id="a")
    task.metadata = {"k": "v"}
    await task.asave()
    assert (await aclient.tasks.aget(task.id)).metadata == {"k": "v"}
    session = await aclient.sessions.acreate()
    session.data = {"n": 1}
    await session.asave()
    assert (await aclient.sessions.aget(session.id)).data == {"n": 1}


async def test_save_moves_the_status_through_the_status_operation(aclient: Client) -> None:
    """A status set as an attribute is saved through the checked status change."""
    task = await aclient.tasks.acreate(agent_id="a")
    task.status = "executing"
    task.output = "partial"
    await task.asave()
    assert task.status is TaskStatus.EXECUTING
    assert task.output == "partial"
    task.status = TaskStatus.COMPLETED
    task.status_reason = "all done"
    await task.asave()
    fresh = await aclient.tasks.aget(task.id)
    assert (fresh.status, fresh.status_reason) == ("completed", "all done")


async def test_read_only_fields_cannot_be_assigned(aclient: Client) -> None:
    """Assigning a server-owned field is a clear error at once; the task still saves."""
    task = await aclient.tasks.acreate(agent_id="a")
    with pytest.raises(AttributeError, match=r"Task\.version is read-only"):
        task.version = 42
    assert (await task.asave()).version == 1


async def test_status_lifecycle_and_illegal_moves(aclient: Client) -> None:
    """Legal moves pass; an illegal one is a ConflictError naming both states."""
    task = await aclient.tasks.acreate(agent_id="a")
    await task.aset_status("executing")
    await task.aset_status(TaskStatus.PAUSED, reason="waiting for input")
    assert task.status_reason == "waiting for input"
    await task.aset_status("executing")
    await task.aset_status("completed", output="done")
    assert (task.status, task.output) == (TaskStatus.COMPLETED, "done")
    assert task.is_terminal
    with pytest.raises(ConflictError) as caught:
        await task.aset_status("executing")
    assert "completed" in str(caught.value)
    # A status this client does not know reaches the server, which refuses it.
    with pytest.raises(UnprocessableEntityError, match=r"body\.status: Input should be 'pending'"):
        await task.aset_status("teleported")


async def test_set_status_keeps_unsaved_edits(aclient: Client) -> None:
    """A status change does not throw away local edits of other fields."""
    task = await aclient.tasks.acreate(agent_id="a")
    task.output = "draft"
    await task.aset_status("executing")
    assert task.output == "draft"
    assert task.dirty_fields() == ["output"]
    await task.asave()
    assert (await aclient.tasks.aget(task.id)).output == "draft"


async def test_stop_and_flag(aclient: Client) -> None:
    """A task stops once; flags carry source and notes; client.flag works by id."""
    task = await aclient.tasks.acreate(agent_id="a")
    await task.astop(reason="cancelled by user")
    assert (task.status, task.status_reason) == ("stopped", "cancelled by user")
    with pytest.raises(ConflictError):
        await task.astop()
    await task.aset_flag("failure", source="owner", notes="wrong")
    assert (task.flag, task.flag_source, task.notes) == (Flag.FAILURE, "owner", "wrong")
    flagged = await aclient.aflag(task.id, "success")
    assert (flagged.flag, flagged.flag_source) == ("success", "user")
    other = await aclient.tasks.acreate(agent_id="a")
    assert (await aclient.tasks.astop(other.id)).status == "stopped"


async def test_publish_a_worker_event(aclient: Client) -> None:
    """A worker event is recorded on the task's stream with its type and data."""
    task = await aclient.tasks.acreate(agent_id="a")
    chunk = await task.apublish("chunk", {"text": "hi"})
    assert (chunk.type, chunk.data["text"], chunk.task_id) == ("chunk", "hi", task.id)
    again = await aclient.tasks.apublish(task.id, "tool_call", {"tool": "search"})
    assert again.id > chunk.id


async def test_list_filters(aclient: Client) -> None:
    """Filters narrow the listing: agent, status, flag, session, test run."""
    tasks = aclient.tasks
    session = await aclient.sessions.acreate()
    test = await aclient.tests.acreate()
    one = await tasks.acreate(agent_id="alpha", session_id=session.id, test_id=test.id)
    two = await tasks.acreate(agent_id="beta", status="completed", output="x", flag="success")
    assert [t.id async for t in tasks.alist(agent_id="alpha")] == [one.id]
    assert [t.id async for t in tasks.alist(status="completed")] == [two.id]
    assert [t.id async for t in tasks.alist(flag=Flag.SUCCESS)] == [two.id]
    assert [t.id async for t in tasks.alist(session_id=session.id)] == [one.id]
    assert [t.id async for t in tasks.alist(test_id=test.id)] == [one.id]
    assert [t.id async for t in tasks.alist(agent_id="alpha", status="completed")] == []
    assert [t.id async for t in tasks.alist()] == [one.id, two.id]


async def test_list_newest_first(aclient: Client) -> None:
    """`order="desc"` lists tasks newest first, across pages, and a session's tasks too."""
    session = await aclient.sessions.acreate()
    created = [
        (await aclient.tasks.acreate(agent_id="ordered", session_id=session.id)).id
        for _ in range(5)
    ]
    newest_first = created[::-1]
    tasks = aclient.tasks
    assert [t.id async for t in tasks.alist(agent_id="ordered", order="desc")] == newest_first
    assert [t.id async for t in tasks.alist(agent_id="ordered", order=ListOrder.ASC)] == created
    paged = tasks.alist(agent_id="ordered", order="desc", page_size=2)
    assert [t.id async for t in paged] == newest_first
    first = await paged.first_page()
    resumed = tasks.alist(agent_id="ordered", order="desc", page_size=2, after=first.next_cursor)
    assert [t.id async for t in resumed] == newest_first[2:]
    assert [t.id async for t in session.atasks(order="desc")] == newest_first
    assert [t.id async for t in aclient.sessions.atasks(session.id, order="asc")] == created
    with pytest.raises(ValueError, match="unknown list order 'newest'"):
        tasks.alist(order="newest")


async def test_pagination_is_lazy_over_many_pages(server: LocalServer, api_key: str) -> None:
    """Seven tasks in pages of two: four requests when walked, one when only the first is read."""
    requests: list[httpx.Request] = []

    class Counting(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "GET":
                requests.append(request)
            return await super().handle_async_request(request)

    async with Client(
        api_key=api_key, base_url=server.base_url, async_transport=Counting()
    ) as client:
        created = [(await client.tasks.acreate(agent_id="pager")).id for _ in range(7)]
        pager = client.tasks.alist(agent_id="pager", page_size=2)
        assert requests == []
        assert (await anext(aiter(pager))).id == created[0]
        assert len(requests) == 1
        requests.clear()
        assert [t.id async for t in pager] == created
        assert len(requests) == 4
        pages = [page async for page in pager.pages()]
        assert [len(page) for page in pages] == [2, 2, 2, 1]
        assert [page.has_more for page in pages] == [True, True, True, False]
        assert (await pager.first_page()).next_cursor == pages[0].next_cursor
        resumed = client.tasks.alist(agent_id="pager", page_size=2, after=pages[0].next_cursor)
        assert [t.id async for t in resumed] == created[2:]


async def test_generated_functions_work_on_the_same_client(aclient: Client) -> None:
    """The low-level generated client shares the overlay's connection, key and retries."""
    from opentasks_api.api.tasks import create_task, get_task
    from opentasks_api.models import Task as GeneratedTask
    from opentasks_api.models import TaskCreate

    body = TaskCreate(agent_id="low")
    response = await create_task.asyncio_detailed(client=aclient.api, body=body)
    assert response.status_code == 201
    assert isinstance(response.parsed, GeneratedTask)
    assert await get_task.asyncio(response.parsed.id, client=aclient.api) is not None
