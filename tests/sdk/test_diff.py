"""What `save()` sends, worked out without I/O."""

from __future__ import annotations

import datetime
import enum

import pytest
from opentasks import Task
from opentasks._diff import changed_fields, plan_save, snapshot, to_json, writable_fields
from opentasks_api.models import PromptStep, TaskStatus, TaskUpdate

from tests.sdk.samples import task_json

WRITABLE = writable_fields(TaskUpdate)


def test_changed_fields_lists_only_differences() -> None:
    """Unchanged fields are left out; changed and new ones are named, in order."""
    before = {"a": 1, "b": {"x": 1}, "c": None}
    after = {"a": 1, "b": {"x": 2}, "c": None, "d": "new"}
    assert changed_fields(before, after) == ["b", "d"]


def test_no_change_means_an_empty_plan() -> None:
    """A snapshot compared with itself needs nothing sent."""
    task = Task.from_dict(task_json())
    plan = plan_save(snapshot(task), snapshot(task), WRITABLE, status_field="status")
    assert (plan.update, plan.status, plan.read_only) == ([], False, [])


def test_plan_sends_writable_changes_only() -> None:
    """Changed writable fields go into the update; nested changes count as a change."""
    task = Task.from_dict(task_json())
    before = snapshot(task)
    task.output = "Revenue up 12%"
    task.metadata["team"] = "finance"
    plan = plan_save(before, snapshot(task), WRITABLE, status_field="status")
    assert plan.update == ["output", "metadata"]
    assert not plan.status
    assert plan.read_only == []


def test_plan_separates_the_status_and_flags_read_only_fields() -> None:
    """A status change goes through its own operation; server-owned fields cannot be saved."""
    task = Task.from_dict(task_json())
    before = snapshot(task)
    task.status = TaskStatus.EXECUTING
    task.version = 99
    plan = plan_save(before, snapshot(task), WRITABLE, status_field="status")
    assert plan.status
    assert plan.update == []
    assert plan.read_only == ["version"]


def test_writable_fields_come_from_the_update_model() -> None:
    """The writable set is the update schema's properties, not a hand-kept list."""
    assert "output" in WRITABLE
    assert "main" in WRITABLE
    assert "status" not in WRITABLE
    assert "version" not in WRITABLE
    assert "id" not in WRITABLE


def test_to_json_serialises_models_enums_and_dates() -> None:
    """Generated models, enum members and datetimes become plain JSON data."""

    class Colour(enum.Enum):
        RED = "red"

    value = {
        "step": PromptStep(kind="prompt", prompt="hi"),
        "status": TaskStatus.COMPLETED,
        "when": datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
        "list": (1, Colour.RED),
    }
    assert to_json(value) == {
        "step": {"kind": "prompt", "prompt": "hi"},
        "status": "completed",
        "when": "2026-01-02T00:00:00+00:00",
        "list": [1, "red"],
    }


def test_to_json_refuses_what_json_cannot_hold() -> None:
    """An object with no JSON form is an error, not a silent str()."""
    with pytest.raises(TypeError, match="as JSON"):
        to_json(object())
