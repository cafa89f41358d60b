# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecutionCreate")


@_attrs_define
class ExecutionCreate:
    """The arguments of a new run."""

    arguments: JsonObject | Unset = UNSET
    """ Free-form JSON object. """

    def to_dict(self) -> dict[str, Any]:
        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = dict(self.arguments)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if arguments is not UNSET:
            field_dict["arguments"] = arguments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _arguments = d.pop("arguments", UNSET)
        arguments: JsonObject | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = dict(_arguments)

        execution_create = cls(
            arguments=arguments,
        )

        return execution_create


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
