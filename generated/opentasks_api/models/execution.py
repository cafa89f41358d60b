# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus

T = TypeVar("T", bound="Execution")


@_attrs_define
class Execution:
    """One run of a task with arguments."""

    id: str
    """ The execution's id. """
    task_id: str
    """ A task id. """
    arguments: JsonObject
    """ Free-form JSON object. """
    status: ExecutionStatus | str
    """ An execution's status as the server reports it: one of `ExecutionStatus`, or a status
    added after this client was built, as a plain string.
     """
    output: JsonObject | None
    """ The result of the run, once it succeeded. """
    error: None | str
    """ Why the run failed, if it did. """
    version: int
    """ Increases by one on every change; the `ETag` carries it. """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    started_at: datetime.datetime | None
    """ When the run started running. """
    finished_at: datetime.datetime | None
    """ When the run ended. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        task_id = self.task_id

        arguments = dict(self.arguments)

        status: str
        if isinstance(self.status, ExecutionStatus):
            status = self.status.value
        else:
            status = self.status

        output: dict[str, Any] | None
        if isinstance(self.output, dict):
            output = dict(self.output)
        else:
            output = self.output

        error: None | str
        error = self.error

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "task_id": task_id,
                "arguments": arguments,
                "status": status,
                "output": output,
                "error": error,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        task_id = d.pop("task_id")

        arguments = dict(d.pop("arguments"))

        def _parse_status(data: object) -> ExecutionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_execution_status_value_type_0 = ExecutionStatus(data)

                return componentsschemas_execution_status_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecutionStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_output(data: object) -> JsonObject | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_0 = dict(data)

                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None, data)

        output = _parse_output(d.pop("output"))

        error: None | str = d.pop("error")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        execution = cls(
            id=id,
            task_id=task_id,
            arguments=arguments,
            status=status,
            output=output,
            error=error,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        execution.additional_properties = d
        return execution

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
