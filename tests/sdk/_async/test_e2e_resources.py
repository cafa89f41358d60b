"""Sessions, executions, test runs and comparisons end to end against the real server."""

from __future__ import annotations

import pytest
from opentasks import (
    Client,
    ComparisonResult,
    ConflictError,
    Execution,
    ExecutionStatus,
    NotFoundError,
    PreconditionFailedError,
    Session,
    Test,
    TestStatus,
)


async def test_session_crud(aclient: Client) -> None:
    """Sessions are created, read, listed, updated, saved and deleted; their tasks listed."""
    sessions = aclient.sessions
    session = await sessions.acreate(agent_id="agent123", user_id="user42", metadata={"a": 1})
    assert isinstance(session, Session)
    assert session.id.startswith("ses_")
    assert (await sessions.aget(session.id)).user_id == "user42"
    other = await sessions.acreate(agent_id="other")
    assert [s.id async for s in sessions.alist()] == [session.id, other.id]
    assert [s.id async for s in sessions.alist(agent_id="agent123")] == [session.id]
    assert [s.id async for s in sessions.alist(user_id="user42")] == [session.id]

    updated = await sessions.aupdate(session.id, notes="refund asked", if_match=session.etag)
    assert updated.notes == "refund asked"
    session.notes = "based on a stale copy"
    with pytest.raises(PreconditionFailedError):
        await session.asave()
    await session.arefresh()
    assert session.notes == "refund asked"
    session.data["k"] = "v"
    await session.asave()
    assert (await sessions.aget(session.id)).data["k"] == "v"

    task = await aclient.tasks.acreate(agent_id="agent123", session_id=session.id)
    assert [t.id async for t in session.atasks()] == [task.id]
    assert [t.id async for t in sessions.atasks(session.id)] == [task.id]

    await session.adelete()
    with pytest.raises(NotFoundError):
        await sessions.aget(session.id)
    assert (await aclient.tasks.aget(task.id)).session_id is None
    await sessions.adelete(other.id)


async def test_execution_lifecycle(aclient: Client) -> None:
    """An execution runs through its statuses; the task follows; illegal moves conflict."""
    task = await aclient.tasks.acreate(agent_id="a", input_schema={"type": "object"})
    execution = await task.executions.astart({"region": "emea"})
    assert isinstance(execution, Execution)
    assert execution.status is ExecutionStatus.QUEUED
    assert execution.arguments["region"] == "emea"
    await execution.aset_status("starting")
    await execution.aset_status(ExecutionStatus.RUNNING)
    assert (await task.arefresh()).status == "executing"
    await execution.aset_status("awaiting_input")
    assert (await task.arefresh()).status == "paused"
    await execution.aset_status("running")
    await execution.aset_status("succeeded", output={"answer": 42})
    assert execution.is_terminal
    assert execution.output is not None
    assert execution.output["answer"] == 42
    assert (await task.arefresh()).status == "completed"
    with pytest.raises(ConflictError):
        await execution.aset_status("running")
    with pytest.raises(ConflictError):
        await task.executions.astart({})

    fetched = await aclient.executions.aget(execution.id)
    assert fetched.status == "succeeded"
    assert [e.id async for e in task.executions.alist()] == [execution.id]
    assert [e.id async for e in aclient.executions.alist(task.id)] == [execution.id]
    failing = await (await aclient.tasks.acreate(agent_id="a")).executions.astart()
    await failing.aset_status("failed", error="boom")
    assert ((await failing.arefresh()).status, failing.error) == ("failed", "boom")


async def test_an_execution_is_cancelled_and_moved_by_id(aclient: Client) -> None:
    """A cancelled run stops its task; `client.executions` moves a run by its id."""
    task = await aclient.tasks.acreate(agent_id="a")
    execution = await task.executions.astart({"x": 1})
    await execution.aset_status("cancelled")
    await execution.arefresh()
    assert execution.status == "cancelled"
    assert (await task.arefresh()).status == "stopped"
    other = await aclient.executions.astart((await aclient.tasks.acreate(agent_id="a")).id)
    assert (await aclient.executions.aset_status(other.id, "starting")).status == "starting"


async def test_tests_and_comparisons(aclient: Client) -> None:
    """Test runs start, compare outputs, list them, and end once (phospho style)."""
    test = await aclient.acreate_test(summary={"suite": "regression"})
    assert isinstance(test, Test)
    assert test.status is TestStatus.STARTED
    same = await aclient.acompare("What is 2 + 2?", "4", " 4 ", test_id=test.id)
    assert same.comparison_result is ComparisonResult.SAME_QUALITY
    judged = await test.acompare(
        "q", "old", "new", comparison_result="new_better", source="my-judge", instructions="be fair"
    )
    assert (judged.comparison_result, judged.source) == ("new_better", "my-judge")
    unsure = await aclient.acompare("q", "4", "Four")
    assert unsure.comparison_result == "undetermined"
    assert unsure.test_id is None
    assert [c.id async for c in test.acomparisons()] == [same.id, judged.id]
    assert [c.id async for c in aclient.tests.acomparisons(test.id)] == [same.id, judged.id]
    assert (await aclient.tests.aget(test.id)).summary["suite"] == "regression"
    assert [t.id async for t in aclient.tests.alist(status="started")] == [test.id]

    done = await aclient.aupdate_test(test.id, "completed")
    assert done.status == "completed"
    assert done.terminated_at is not None
    with pytest.raises(ConflictError):
        await aclient.aupdate_test(test.id, "canceled")
    await test.arefresh()
    assert test.status == "completed"
    other = await aclient.tests.acreate()
    await other.aupdate(summary={"note": "x"})
    assert other.summary["note"] == "x"
    assert [t.id async for t in aclient.tests.alist()] == [test.id, other.id]
    ended = await aclient.tests.aupdate(other.id, status="canceled")
    assert ended.status == "canceled"
