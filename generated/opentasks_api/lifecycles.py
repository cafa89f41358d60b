# generated from openapi.yaml by generator/regenerate.py — do not edit
"""The status lifecycles of the API, from the `x-lifecycle` extensions of openapi.yaml.

The server checks every status change against them, and the SDK tells a finished resource
by them, so a status added to the spec reaches both with no hand-kept copy to update.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "EXECUTION_STATUS_INITIAL",
    "EXECUTION_STATUS_TASK_STATUS",
    "EXECUTION_STATUS_TERMINAL",
    "EXECUTION_STATUS_TRANSITIONS",
    "TASK_STATUS_INITIAL",
    "TASK_STATUS_TERMINAL",
    "TASK_STATUS_TRANSITIONS",
    "TEST_STATUS_INITIAL",
    "TEST_STATUS_TERMINAL",
    "TEST_STATUS_TRANSITIONS",
]

EXECUTION_STATUS_INITIAL: frozenset[str] = frozenset({"queued"})
"""The `ExecutionStatus` values a resource may be created in."""
EXECUTION_STATUS_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "awaiting_input": frozenset({"cancelled", "failed", "running", "succeeded"}),
    "queued": frozenset({"cancelled", "failed", "starting"}),
    "running": frozenset({"awaiting_input", "cancelled", "failed", "succeeded"}),
    "starting": frozenset({"cancelled", "failed", "running"}),
}
"""The moves allowed from each `ExecutionStatus` value; a value not listed has none."""
EXECUTION_STATUS_TERMINAL: frozenset[str] = frozenset({"cancelled", "failed", "succeeded"})
"""The final `ExecutionStatus` values: nothing moves out of them."""
EXECUTION_STATUS_TASK_STATUS: Mapping[str, str] = {
    "awaiting_input": "paused",
    "cancelled": "stopped",
    "failed": "failed",
    "running": "executing",
    "succeeded": "completed",
}
"""The `TaskStatus` a task moves to when its latest execution reaches each `ExecutionStatus`
value; a value not listed leaves the task where it is."""

TASK_STATUS_INITIAL: frozenset[str] = frozenset({"completed", "failed", "pending"})
"""The `TaskStatus` values a resource may be created in."""
TASK_STATUS_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "executing": frozenset({"completed", "error", "failed", "paused", "stopped"}),
    "paused": frozenset({"completed", "error", "executing", "failed", "stopped"}),
    "pending": frozenset({"executing", "failed", "stopped"}),
}
"""The moves allowed from each `TaskStatus` value; a value not listed has none."""
TASK_STATUS_TERMINAL: frozenset[str] = frozenset({"completed", "error", "failed", "stopped"})
"""The final `TaskStatus` values: nothing moves out of them."""

TEST_STATUS_INITIAL: frozenset[str] = frozenset({"started"})
"""The `TestStatus` values a resource may be created in."""
TEST_STATUS_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "started": frozenset({"canceled", "completed"}),
}
"""The moves allowed from each `TestStatus` value; a value not listed has none."""
TEST_STATUS_TERMINAL: frozenset[str] = frozenset({"canceled", "completed"})
"""The final `TestStatus` values: nothing moves out of them."""
