"""The status lifecycles live in the spec (`x-lifecycle`); the server and the SDK use them as generated."""

from __future__ import annotations

import copy
from pathlib import Path
from types import ModuleType
from typing import Any

import opentasks
import pytest
import yaml
from opentasks import _execution
from opentasks_api import lifecycles
from opentasks_server import statemachine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    """The contract."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return loaded


def test_the_server_and_the_sdk_use_the_generated_lifecycles() -> None:
    """No hand-kept copy: the server's tables and the SDK's terminal sets are the generated ones."""
    assert statemachine.TASK_TERMINAL is lifecycles.TASK_STATUS_TERMINAL
    assert statemachine.INITIAL_TASK_STATUSES is lifecycles.TASK_STATUS_INITIAL
    assert statemachine.EXECUTION_TERMINAL is lifecycles.EXECUTION_STATUS_TERMINAL
    assert statemachine.TEST_TERMINAL is lifecycles.TEST_STATUS_TERMINAL
    assert statemachine.EXECUTION_TO_TASK is lifecycles.EXECUTION_STATUS_TASK_STATUS
    assert opentasks.TERMINAL_TASK_STATUSES is lifecycles.TASK_STATUS_TERMINAL
    assert _execution.TERMINAL_EXECUTION_STATUSES is lifecycles.EXECUTION_STATUS_TERMINAL


def test_the_server_checks_moves_by_the_spec(spec: dict[str, Any]) -> None:
    """Every move the spec lists passes the server's check, and every other one is refused."""
    lifecycle = spec["components"]["schemas"]["TaskStatus"]["x-lifecycle"]
    members = spec["components"]["schemas"]["TaskStatus"]["enum"]
    for current in members:
        for target in members:
            allowed = target in lifecycle["transitions"].get(current, [])
            if allowed:
                statemachine.check_task_transition(current, target)
            else:
                with pytest.raises(statemachine.IllegalTransition):
                    statemachine.check_task_transition(current, target)


def test_the_initial_statuses_of_a_task_are_those_it_may_be_created_in(
    spec: dict[str, Any],
) -> None:
    """`InitialTaskStatus` (the create body's enum) lists the lifecycle's initial statuses."""
    schemas = spec["components"]["schemas"]
    initial = schemas["TaskStatus"]["x-lifecycle"]["initial"]
    assert sorted(schemas["InitialTaskStatus"]["enum"]) == sorted(initial), (
        "InitialTaskStatus and the x-lifecycle `initial` of TaskStatus differ: keep them equal"
    )


def test_a_status_added_to_the_enum_alone_is_named(
    regenerate: ModuleType, spec: dict[str, Any]
) -> None:
    """A new status with no place in the lifecycle stops regeneration, naming it and the fix."""
    changed = copy.deepcopy(spec)
    changed["components"]["schemas"]["TaskStatus"]["enum"].append("blocked")
    with pytest.raises(regenerate.GenerationError) as caught:
        regenerate.lifecycles_source(changed)
    assert str(caught.value).splitlines() == [
        "TaskStatus (x-lifecycle in openapi.yaml): 'blocked' cannot be reached: list it in "
        "`initial`, or as a target in `transitions`",
        "TaskStatus (x-lifecycle in openapi.yaml): 'blocked' has no transition out of it: add "
        "its moves to `transitions`, or list it in `terminal`",
    ]


def test_a_lifecycle_naming_a_status_the_enum_lacks_is_named(
    regenerate: ModuleType, spec: dict[str, Any]
) -> None:
    """A typo in the lifecycle, and a terminal status with moves, are both reported."""
    changed = copy.deepcopy(spec)
    lifecycle = changed["components"]["schemas"]["TestStatus"]["x-lifecycle"]
    lifecycle["transitions"]["started"].append("cancelled")
    lifecycle["transitions"]["completed"] = ["started"]
    with pytest.raises(regenerate.GenerationError) as caught:
        regenerate.lifecycles_source(changed)
    assert str(caught.value).splitlines() == [
        "TestStatus (x-lifecycle in openapi.yaml): 'cancelled' is not a member of the enum",
        "TestStatus (x-lifecycle in openapi.yaml): 'completed' is terminal but has transitions "
        "out of it",
    ]


def test_a_status_given_its_place_in_the_lifecycle_is_generated(
    regenerate: ModuleType, spec: dict[str, Any]
) -> None:
    """Enum value plus lifecycle entries is all a new status needs: the module carries it."""
    changed = copy.deepcopy(spec)
    task_status = changed["components"]["schemas"]["TaskStatus"]
    task_status["enum"].append("blocked")
    task_status["x-lifecycle"]["transitions"]["pending"].append("blocked")
    task_status["x-lifecycle"]["transitions"]["blocked"] = ["executing", "stopped"]
    namespace: dict[str, Any] = {}
    exec(regenerate.lifecycles_source(changed), namespace)
    assert "blocked" in namespace["TASK_STATUS_TRANSITIONS"]["pending"]
    assert namespace["TASK_STATUS_TRANSITIONS"]["blocked"] == frozenset({"executing", "stopped"})
    assert namespace["TASK_STATUS_TERMINAL"] == lifecycles.TASK_STATUS_TERMINAL


def drawn_lifecycle(page: Path) -> dict[str, Any]:
    """Read the first `stateDiagram-v2` of a docs page as an `x-lifecycle`."""
    text = page.read_text(encoding="utf-8")
    diagram = text.split("stateDiagram-v2", 1)[1].split("```", 1)[0]
    initial, terminal, transitions = set(), set(), {}
    for line in diagram.splitlines():
        if "-->" not in line:
            continue
        source, target = (part.split(":", 1)[0].strip() for part in line.split("-->", 1))
        if source == "[*]":
            initial.add(target)
        elif target == "[*]":
            terminal.add(source)
        else:
            transitions.setdefault(source, set()).add(target)
    return {"initial": initial, "terminal": terminal, "transitions": transitions}


@pytest.mark.parametrize(
    ("schema", "page"), [("TaskStatus", "tasks.md"), ("ExecutionStatus", "executions.md")]
)
def test_the_docs_draw_the_spec_lifecycle(spec: dict[str, Any], schema: str, page: str) -> None:
    """The diagrams of docs/concepts draw exactly the moves of the spec's `x-lifecycle`."""
    lifecycle = spec["components"]["schemas"][schema]["x-lifecycle"]
    expected = {
        "initial": set(lifecycle["initial"]),
        "terminal": set(lifecycle["terminal"]),
        "transitions": {k: set(v) for k, v in lifecycle["transitions"].items()},
    }
    assert drawn_lifecycle(ROOT / "docs" / "concepts" / page) == expected, (
        f"docs/concepts/{page} draws another lifecycle than the x-lifecycle of {schema}"
    )


def test_a_misspelt_key_and_a_task_status_the_enum_lacks_are_named(
    regenerate: ModuleType, spec: dict[str, Any]
) -> None:
    """Unknown keys are not ignored, and `task-status` must name task statuses."""
    changed = copy.deepcopy(spec)
    lifecycle = changed["components"]["schemas"]["ExecutionStatus"]["x-lifecycle"]
    lifecycle["terminals"] = lifecycle["terminal"]
    lifecycle["task-status"]["succeeded"] = "done"
    with pytest.raises(regenerate.GenerationError) as caught:
        regenerate.lifecycles_source(changed)
    assert str(caught.value).splitlines() == [
        "ExecutionStatus (x-lifecycle in openapi.yaml): unknown key 'terminals'; the keys are "
        "initial, transitions, terminal, task-status",
        "ExecutionStatus (x-lifecycle in openapi.yaml): `task-status` maps 'succeeded' to "
        "'done', which is not a TaskStatus",
    ]
