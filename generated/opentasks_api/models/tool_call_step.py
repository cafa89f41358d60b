# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolCallStep")


@_attrs_define
class ToolCallStep:
    """Calls one of the task's tools."""

    kind: Literal["tool_call"]
    """ Always `tool_call`. """
    tool: str
    """ The name of the tool, one of the task's `tools_available`. """
    arguments: JsonObject | Unset = UNSET
    """ Free-form JSON object. """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        tool = self.tool

        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = dict(self.arguments)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "tool": tool,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["tool_call"], d.pop("kind"))
        if kind != "tool_call":
            raise ValueError(f"kind must match const 'tool_call', got '{kind}'")

        tool = d.pop("tool")

        _arguments = d.pop("arguments", UNSET)
        arguments: JsonObject | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = dict(_arguments)

        tool_call_step = cls(
            kind=kind,
            tool=tool,
            arguments=arguments,
        )

        return tool_call_step


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
