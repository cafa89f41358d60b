"""The overlay's objects: typed schema fields, forward compatibility, no stray attributes."""

from __future__ import annotations

import json

import attrs
import pytest
from opentasks import Event, Execution, Session, Task, TaskStatus, Test
from opentasks._sse import parse_event
from opentasks_api.models import Execution as GeneratedExecution
from opentasks_api.models import Session as GeneratedSession
from opentasks_api.models import Task as GeneratedTask
from opentasks_api.models import Test as GeneratedTest

from tests.sdk.samples import event_json, task_json


def test_an_unknown_status_arrives_as_a_plain_string() -> None:
    """A status added to the API later is delivered as its string, never a crash."""
    task = Task.from_dict(task_json(status="archived"))
    assert task.status == "archived"
    assert not isinstance(task.status, TaskStatus)
    assert not task.is_terminal


def test_a_known_status_is_an_enum_member_equal_to_its_string() -> None:
    """Known statuses are `TaskStatus` members, which compare equal to their strings."""
    task = Task.from_dict(task_json(status="completed"))
    assert task.status is TaskStatus.COMPLETED
    assert task.status == "completed"
    assert task.is_terminal


def test_unknown_properties_are_kept() -> None:
    """Properties a newer server sends are kept, not dropped."""
    task = Task.from_dict(task_json(priority=3))
    assert task.additional_properties == {"priority": 3}


def test_an_unknown_event_type_is_a_plain_string() -> None:
    """An event type this SDK does not know is delivered as its string."""
    event = parse_event(json.dumps(event_json(1, "quantum_leap", x=1)))
    assert event.type == "quantum_leap"
    assert isinstance(event, Event)


@pytest.mark.parametrize(
    ("overlay", "generated"),
    [
        (Task, GeneratedTask),
        (Session, GeneratedSession),
        (Execution, GeneratedExecution),
        (Test, GeneratedTest),
    ],
)
def test_every_schema_field_is_an_attribute(overlay: type, generated: type) -> None:
    """The overlay classes extend the generated models: every schema field is there, typed."""
    assert issubclass(overlay, generated)
    assert attrs.fields(overlay) == attrs.fields(generated)


@pytest.mark.parametrize("overlay", [Task, Session, Execution, Test])
def test_no_method_hides_a_schema_field(overlay: type) -> None:
    """No overlay method or property shadows a field of the schema (checked after each regeneration)."""
    fields = {field.name for field in attrs.fields(overlay)}
    ours = [cls for cls in overlay.__mro__ if cls.__module__.startswith("opentasks.")]
    assert {name for cls in ours for name in vars(cls) if name in fields} == set()


def test_misspelt_attributes_raise() -> None:
    """Objects have slots only: a typo is an error, not a silently ignored attribute."""
    task = Task.from_dict(task_json())
    with pytest.raises(AttributeError):
        task.outptu = "x"  # type: ignore[attr-defined]


def test_overlay_test_class_is_not_collected_by_pytest() -> None:
    """`Test` tells pytest it is not a test class."""
    assert Test.__test__ is False  # type: ignore[attr-defined]
