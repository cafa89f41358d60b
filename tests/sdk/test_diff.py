"""What `save()` sends, worked out without I/O."""

from __future__ import annotations

import datetime
import enum

import pytest
from opentasks import OpenTasksError, Task
from opentasks._diff import changed_fields, field_names, to_json
from opentasks_api.models import PromptStep, TaskStatus, TaskUpdate
from opentasks_api.models import Task as GeneratedTask

from tests.sdk.samples import task_json

WRITABLE = field_names(TaskUpdate)


def test_changed_fields_lists_only_differences() -> None:
    """Unchanged fields are left out; changed and new ones are named, in order."""
    before = {"a": 1, "b": {"x": 1}, "c": None}
    after = {"a": 1, "b": {"x": 2}, "c": None, "d": "new"}
    assert changed_fields(before, after) == ["b", "d"]


def _bound_task() -> Task:
    """A task as a read gives it: bound, with its server copy to diff against."""
    return Task._load(None, GeneratedTask.from_dict(task_json()))  # type: ignore[arg-type]


def test_no_change_means_an_empty_plan() -> None:
    """A task as it was read needs nothing sent."""
    assert _bound_task()._save_plan() == ({}, None, None)


def test_plan_sends_writable_changes_only() -> None:
    """Changed writable fields go into the update; nested changes count as a change."""
    task = _bound_task()
    task.output = "Revenue up 12%"
    task.metadata["team"] = "finance"
    update, status, reason = task._save_plan()
    assert list(update) == ["output", "metadata"]
    assert (status, reason) == (None, None)


def test_plan_sends_the_status_with_its_reason_apart() -> None:
    """A status change goes through its own operation, with a changed reason as its reason."""
    task = _bound_task()
    task.status = TaskStatus.EXECUTING
    task.status_reason = "picked up"
    assert task._save_plan() == ({}, TaskStatus.EXECUTING, "picked up")


def test_a_reason_without_a_status_change_is_not_saved() -> None:
    """`status_reason` travels only with a status change: alone, it is refused."""
    task = _bound_task()
    task.status_reason = "why"
    with pytest.raises(OpenTasksError, match="read-only task fields: status_reason"):
        task._save_plan()


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
