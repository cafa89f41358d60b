# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionUpdate")


@_attrs_define
class SessionUpdate:
    """Fields to change on a session; absent fields are left as they are, `null` clears one."""

    agent_id: None | str | Unset = UNSET
    """ The agent the session is with. """
    user_id: None | str | Unset = UNSET
    """ The user the session is with. """
    metadata: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    data: JsonObject | Unset = UNSET
    """ Free-form JSON object. """
    notes: None | str | Unset = UNSET
    """ Free-form notes about the session. """

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = dict(self.metadata)

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = dict(self.data)

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if data is not UNSET:
            field_dict["data"] = data
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id: None | str | Unset = d.pop("agent_id", UNSET)

        user_id: None | str | Unset = d.pop("user_id", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = dict(_metadata)

        _data = d.pop("data", UNSET)
        data: JsonObject | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = dict(_data)

        notes: None | str | Unset = d.pop("notes", UNSET)

        session_update = cls(
            agent_id=agent_id,
            user_id=user_id,
            metadata=metadata,
            data=data,
            notes=notes,
        )

        return session_update


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
