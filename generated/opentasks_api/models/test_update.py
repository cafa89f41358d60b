# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.test_status import TestStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TestUpdate")


@_attrs_define
class TestUpdate:
    """Fields to change on a test run."""

    status: TestStatus | Unset = UNSET
    """ The status of a test run; `started → completed|canceled`. """
    summary: JsonObject | Unset = UNSET
    """ Free-form JSON object. """

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = dict(self.summary)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: TestStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = TestStatus(_status)

        _summary = d.pop("summary", UNSET)
        summary: JsonObject | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = dict(_summary)

        test_update = cls(
            status=status,
            summary=summary,
        )

        return test_update


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
