# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.flag import Flag
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskFlag")


@_attrs_define
class TaskFlag:
    """A success or failure flag on a task's outcome."""

    flag: Flag
    """ Whether a task's outcome was a success or a failure. """
    source: str | Unset = "user"
    """ Who sets the flag. """
    notes: None | str | Unset = UNSET
    """ Why; kept as the task's `notes`. """

    def to_dict(self) -> dict[str, Any]:
        flag = self.flag.value

        source = self.source

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "flag": flag,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        flag = Flag(d.pop("flag"))

        source = d.pop("source", UNSET)

        notes: None | str | Unset = d.pop("notes", UNSET)

        task_flag = cls(
            flag=flag,
            source=source,
            notes=notes,
        )

        return task_flag
