# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventPublish")


@_attrs_define
class EventPublish:
    """An event a worker publishes on a task's stream."""

    type_: str
    """ The kind of event, in snake_case, e.g. `chunk`, `tool_call_request`, `think`,
    `plan_updated`. Server event prefixes (`task_`, `execution_`, `session_`, `test_`,
    `comparison_`) are reserved.
     """
    data: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    execution_id: None | str | Unset = UNSET
    """ The execution of the task the event belongs to, if any. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = dict(self.data)

        execution_id: None | str | Unset
        if isinstance(self.execution_id, Unset):
            execution_id = UNSET
        else:
            execution_id = self.execution_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if execution_id is not UNSET:
            field_dict["execution_id"] = execution_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        _data = d.pop("data", UNSET)
        data: JsonObject | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = dict(_data)

        execution_id: None | str | Unset = d.pop("execution_id", UNSET)

        event_publish = cls(
            type_=type_,
            data=data,
            execution_id=execution_id,
        )

        return event_publish


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
