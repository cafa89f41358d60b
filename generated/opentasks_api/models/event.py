# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType

T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """One entry of the project's append-only event log. Ids increase strictly within a
    project, in the order the changes were committed.

    """

    id: str
    """ The event's id; pass it as `Last-Event-ID` or `after` to resume after it. """
    type_: EventType | str
    """ An event type as the server reports it: one of `EventType`, or any type a worker
    published or the server added later, as a plain string.
     """
    task_id: None | str
    """ The task the event is about, if any. """
    execution_id: None | str
    """ The execution the event is about, if any. """
    session_id: None | str
    """ The session the event is about, if any. """
    data: JsonObject
    """ Free-form JSON object. """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str
        if isinstance(self.type_, EventType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        task_id: None | str
        task_id = self.task_id

        execution_id: None | str
        execution_id = self.execution_id

        session_id: None | str
        session_id = self.session_id

        data = dict(self.data)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "task_id": task_id,
                "execution_id": execution_id,
                "session_id": session_id,
                "data": data,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_type_(data: object) -> EventType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_event_type_value_type_0 = EventType(data)

                return componentsschemas_event_type_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventType | str, data)

        type_ = _parse_type_(d.pop("type"))

        task_id: None | str = d.pop("task_id")

        execution_id: None | str = d.pop("execution_id")

        session_id: None | str = d.pop("session_id")

        data = dict(d.pop("data"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event = cls(
            id=id,
            type_=type_,
            task_id=task_id,
            execution_id=execution_id,
            session_id=session_id,
            data=data,
            created_at=created_at,
        )

        event.additional_properties = d
        return event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
