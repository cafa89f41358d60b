# generated from tests/sdk/_async/test_e2e_resources.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

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


def test_session_crud(client: Client) -> None:
    """Sessions are created, read, listed, updated, saved and deleted; their tasks listed."""
    sessions = client.sessions
    session = sessions.create(agent_id="agent123", user_id="user42", metadata={"a": 1})
    assert isinstance(session, Session)
    assert session.id.startswith("ses_")
    assert (sessions.get(session.id)).user_id == "user42"
    other = sessions.create(agent_id="other")
    assert [s.id for s in sessions.list()] == [session.id, other.id]
    assert [s.id for s in sessions.list(agent_id="agent123")] == [session.id]
    assert [s.id for s in sessions.list(user_id="user42")] == [session.id]

    updated = sessions.update(session.id, notes="refund asked", if_match=session.etag)
    assert updated.notes == "refund asked"
    session.notes = "based on a stale copy"
    with pytest.raises(PreconditionFailedError):
        session.save()
    session.refresh()
    assert session.notes == "refund asked"
    session.data["k"] = "v"
    session.save()
    assert (sessions.get(session.id)).data["k"] == "v"

    task = client.tasks.create(agent_id="agent123", session_id=session.id)
    assert [t.id for t in session.tasks()] == [task.id]
    assert [t.id for t in sessions.tasks(session.id)] == [task.id]

    session.delete()
    with pytest.raises(NotFoundError):
        sessions.get(session.id)
    assert (client.tasks.get(task.id)).session_id is None
    sessions.delete(other.id)


def test_execution_lifecycle(client: Client) -> None:
    """An execution runs through its statuses; the task follows; illegal moves conflict."""
    task = client.tasks.create(agent_id="a", input_schema={"type": "object"})
    execution = task.executions.start({"region": "emea"})
    assert isinstance(execution, Execution)
    assert execution.status is ExecutionStatus.QUEUED
    assert execution.arguments["region"] == "emea"
    execution.set_status("starting")
    execution.set_status(ExecutionStatus.RUNNING)
    assert (task.refresh()).status == "executing"
    execution.set_status("awaiting_input")
    assert (task.refresh()).status == "paused"
    execution.set_status("running")
    execution.set_status("succeeded", output={"answer": 42})
    assert execution.is_terminal
    assert execution.output is not None
    assert execution.output["answer"] == 42
    assert (task.refresh()).status == "completed"
    with pytest.raises(ConflictError):
        execution.set_status("running")
    with pytest.raises(ConflictError):
        task.executions.start({})

    fetched = client.executions.get(execution.id)
    assert fetched.status == "succeeded"
    assert [e.id for e in task.executions.list()] == [execution.id]
    assert [e.id for e in client.executions.list(task.id)] == [execution.id]
    failing = (client.tasks.create(agent_id="a")).executions.start()
    failing.set_status("failed", error="boom")
    assert ((failing.refresh()).status, failing.error) == ("failed", "boom")


def test_an_execution_is_cancelled_and_moved_by_id(client: Client) -> None:
    """A cancelled run stops its task; `client.executions` moves a run by its id."""
    task = client.tasks.create(agent_id="a")
    execution = task.executions.start({"x": 1})
    execution.set_status("cancelled")
    execution.refresh()
    assert execution.status == "cancelled"
    assert (task.refresh()).status == "stopped"
    other = client.executions.start((client.tasks.create(agent_id="a")).id)
    assert (client.executions.set_status(other.id, "starting")).status == "starting"


def test_tests_and_comparisons(client: Client) -> None:
    """Test runs start, compare outputs, list them, and end once (phospho style)."""
    test = client.create_test(summary={"suite": "regression"})
    assert isinstance(test, Test)
    assert test.status is TestStatus.STARTED
    same = client.compare("What is 2 + 2?", "4", " 4 ", test_id=test.id)
    assert same.comparison_result is ComparisonResult.SAME_QUALITY
    judged = test.compare(
        "q", "old", "new", comparison_result="new_better", source="my-judge", instructions="be fair"
    )
    assert (judged.comparison_result, judged.source) == ("new_better", "my-judge")
    unsure = client.compare("q", "4", "Four")
    assert unsure.comparison_result == "undetermined"
    assert unsure.test_id is None
    assert [c.id for c in test.comparisons()] == [same.id, judged.id]
    assert [c.id for c in client.tests.comparisons(test.id)] == [same.id, judged.id]
    assert (client.tests.get(test.id)).summary["suite"] == "regression"
    assert [t.id for t in client.tests.list(status="started")] == [test.id]

    done = client.update_test(test.id, "completed")
    assert done.status == "completed"
    assert done.terminated_at is not None
    with pytest.raises(ConflictError):
        client.update_test(test.id, "canceled")
    test.refresh()
    assert test.status == "completed"
    other = client.tests.create()
    other.update(summary={"note": "x"})
    assert other.summary["note"] == "x"
    assert [t.id for t in client.tests.list()] == [test.id, other.id]
    ended = client.tests.update(other.id, status="canceled")
    assert ended.status == "canceled"
