"""The status lifecycles of tasks, executions and test runs, as pure functions.

The states, moves, terminal sets and the task status each execution status moves its task to
come from the `x-lifecycle` extensions of openapi.yaml, through the generated
`opentasks_api.lifecycles`; this module checks moves against them.

Task: `pending → executing ⇄ paused`; `executing|paused → completed|failed|error|stopped`;
`pending → stopped|failed`. Completed, failed, error and stopped are terminal; a task may be
created directly as completed or failed.

Execution: `queued → starting → running ⇄ awaiting_input → succeeded|failed|cancelled`;
queued and starting may also end failed or cancelled. A task follows its latest execution:
running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
cancelled → stopped.

Test run: `started → completed|canceled`.

An illegal move raises `IllegalTransition` (a 409 naming both states).
"""

from __future__ import annotations

from collections.abc import Mapping

from opentasks_api.lifecycles import (
    EXECUTION_STATUS_TASK_STATUS,
    EXECUTION_STATUS_TERMINAL,
    EXECUTION_STATUS_TRANSITIONS,
    TASK_STATUS_INITIAL,
    TASK_STATUS_TERMINAL,
    TASK_STATUS_TRANSITIONS,
    TEST_STATUS_TERMINAL,
    TEST_STATUS_TRANSITIONS,
)

from opentasks_server.problems import IllegalTransition

__all__ = [
    "EXECUTION_TERMINAL",
    "EXECUTION_TO_TASK",
    "INITIAL_TASK_STATUSES",
    "TASK_TERMINAL",
    "TEST_TERMINAL",
    "check_execution_transition",
    "check_task_transition",
    "check_test_transition",
    "task_status_following",
]

TASK_TERMINAL = TASK_STATUS_TERMINAL
INITIAL_TASK_STATUSES = TASK_STATUS_INITIAL
_TASK_MOVES = TASK_STATUS_TRANSITIONS

EXECUTION_TERMINAL = EXECUTION_STATUS_TERMINAL
_EXECUTION_MOVES = EXECUTION_STATUS_TRANSITIONS
EXECUTION_TO_TASK = EXECUTION_STATUS_TASK_STATUS

TEST_TERMINAL = TEST_STATUS_TERMINAL
_TEST_MOVES = TEST_STATUS_TRANSITIONS


def _check(kind: str, moves: Mapping[str, frozenset[str]], current: str, target: str) -> None:
    if target not in moves.get(current, frozenset()):
        allowed = sorted(moves.get(current, frozenset()))
        hint = (
            f" From '{current}' it may move to: {', '.join(allowed)}."
            if allowed
            else f" '{current}' is final."
        )
        raise IllegalTransition(f"{kind} cannot move from '{current}' to '{target}'.{hint}")


def check_task_transition(current: str, target: str) -> None:
    """Check a task status change.

    Args:
        current: The task's status.
        target: The requested status.

    Raises:
        IllegalTransition: When the lifecycle does not allow the move.
    """
    _check("A task", _TASK_MOVES, current, target)


def check_execution_transition(current: str, target: str) -> None:
    """Check an execution status change.

    Args:
        current: The execution's status.
        target: The requested status.

    Raises:
        IllegalTransition: When the lifecycle does not allow the move.
    """
    _check("An execution", _EXECUTION_MOVES, current, target)


def check_test_transition(current: str, target: str) -> None:
    """Check a test run status change.

    Args:
        current: The test run's status.
        target: The requested status.

    Raises:
        IllegalTransition: When the lifecycle does not allow the move.
    """
    _check("A test run", _TEST_MOVES, current, target)


def task_status_following(task_status: str, execution_status: str) -> str | None:
    """Return the status a task moves to when its latest execution reaches a status.

    Args:
        task_status: The task's current status.
        execution_status: The execution's new status.

    Returns:
        The task's new status, or `None` when the task does not move: the execution status
        maps to no task status (queued, starting), the task is already there, or the task has
        finished (a finished task's status is final; the execution's own change still counts).

    Raises:
        IllegalTransition: When the task would have to make a move its lifecycle forbids.
    """
    target = EXECUTION_TO_TASK.get(execution_status)
    if target is None or target == task_status or task_status in TASK_TERMINAL:
        return None
    check_task_transition(task_status, target)
    return target
