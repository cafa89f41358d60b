# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A group of tasks, e.g. one conversation with one user."""

    id: str
    """ A session id. """
    agent_id: None | str
    """ The agent the session is with, if any. """
    user_id: None | str
    """ The user the session is with, if any. """
    metadata: JsonObject
    """ Free-form JSON object. """
    data: JsonObject
    """ Free-form JSON object. """
    notes: None | str
    """ Free-form notes about the session. """
    version: int
    """ Increases by one on every change; the `ETag` carries it. """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        agent_id: None | str
        agent_id = self.agent_id

        user_id: None | str
        user_id = self.user_id

        metadata = dict(self.metadata)

        data = dict(self.data)

        notes: None | str
        notes = self.notes

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agent_id": agent_id,
                "user_id": user_id,
                "metadata": metadata,
                "data": data,
                "notes": notes,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        agent_id: None | str = d.pop("agent_id")

        user_id: None | str = d.pop("user_id")

        metadata = dict(d.pop("metadata"))

        data = dict(d.pop("data"))

        notes: None | str = d.pop("notes")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        session = cls(
            id=id,
            agent_id=agent_id,
            user_id=user_id,
            metadata=metadata,
            data=data,
            notes=notes,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        session.additional_properties = d
        return session

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
