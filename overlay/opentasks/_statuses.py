"""Statuses in one place: the terminal sets, and turning a caller's string into an enum member.

The terminal sets come from the spec's `x-lifecycle` (the generated `opentasks_api.lifecycles`),
the members from the generated enums: nothing here repeats the server's lists by hand.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from opentasks_api.lifecycles import EXECUTION_STATUS_TERMINAL, TASK_STATUS_TERMINAL

__all__ = [
    "TERMINAL_EXECUTION_STATUSES",
    "TERMINAL_TASK_STATUSES",
    "to_member",
]

TERMINAL_TASK_STATUSES = TASK_STATUS_TERMINAL
"""Task statuses after which nothing more happens to a task (the spec's `x-lifecycle`)."""
TERMINAL_EXECUTION_STATUSES = EXECUTION_STATUS_TERMINAL
"""Execution statuses that end a run (the spec's `x-lifecycle`)."""

E = TypeVar("E", bound=Enum)


def to_member(enum: type[E], value: E | str, what: str) -> E:
    """Turn an argument into a member of a generated enum, with a clear error for an unknown one.

    Args:
        enum: The generated enum (e.g. `TaskStatus`).
        value: A member, or its value.
        what: What the value is, for the error (e.g. `"task status"`).

    Returns:
        The member.

    Raises:
        ValueError: `value` is not a value of `enum`.
    """
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(sorted(str(member.value) for member in enum))
        msg = f"unknown {what} {value!r}; expected one of: {known}"
        raise ValueError(msg) from None
