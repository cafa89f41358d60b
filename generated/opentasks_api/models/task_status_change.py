# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.task_status import TaskStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskStatusChange")


@_attrs_define
class TaskStatusChange:
    """A status change, with an optional reason and output."""

    status: TaskStatus
    """ The status of a task. `pending → executing ⇄ paused`; `executing|paused →
    completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and
    stopped are terminal.
     """
    reason: None | str | Unset = UNSET
    """ Why the status changes; kept as the task's `status_reason`. """
    output: None | str | Unset = UNSET
    """ The task's output, set in the same change (e.g. with `completed`). """

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        output: None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        else:
            output = self.output

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = TaskStatus(d.pop("status"))

        reason: None | str | Unset = d.pop("reason", UNSET)

        output: None | str | Unset = d.pop("output", UNSET)

        task_status_change = cls(
            status=status,
            reason=reason,
            output=output,
        )

        return task_status_change
