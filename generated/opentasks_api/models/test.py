# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.test_status import TestStatus

T = TypeVar("T", bound="Test")


@_attrs_define
class Test:
    """A test run, grouping comparisons made while evaluating an agent."""

    id: str
    """ The test run's id. """
    status: str | TestStatus
    """ A test run's status as the server reports it: one of `TestStatus`, or a status added
    after this client was built, as a plain string.
     """
    summary: JsonObject
    """ Free-form JSON object. """
    version: int
    """ Increases by one on every change; the `ETag` carries it. """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    terminated_at: datetime.datetime | None
    """ When the run was completed or canceled. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: str
        if isinstance(self.status, TestStatus):
            status = self.status.value
        else:
            status = self.status

        summary = dict(self.summary)

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        terminated_at: None | str
        if isinstance(self.terminated_at, datetime.datetime):
            terminated_at = self.terminated_at.isoformat()
        else:
            terminated_at = self.terminated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "summary": summary,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "terminated_at": terminated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> str | TestStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_test_status_value_type_0 = TestStatus(data)

                return componentsschemas_test_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TestStatus, data)

        status = _parse_status(d.pop("status"))

        summary = dict(d.pop("summary"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_terminated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                terminated_at_type_0 = datetime.datetime.fromisoformat(data)

                return terminated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        terminated_at = _parse_terminated_at(d.pop("terminated_at"))

        test = cls(
            id=id,
            status=status,
            summary=summary,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            terminated_at=terminated_at,
        )

        test.additional_properties = d
        return test

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
