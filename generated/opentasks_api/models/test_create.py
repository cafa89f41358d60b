# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestCreate")


@_attrs_define
class TestCreate:
    """A new test run."""

    summary: JsonObject | Unset = UNSET
    """ Free-form JSON object. """

    def to_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = dict(self.summary)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _summary = d.pop("summary", UNSET)
        summary: JsonObject | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = dict(_summary)

        test_create = cls(
            summary=summary,
        )

        return test_create


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
