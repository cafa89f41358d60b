# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.execution_status import ExecutionStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecutionStatusChange")


@_attrs_define
class ExecutionStatusChange:
    """A status change of an execution, with its output or error."""

    status: ExecutionStatus
    """ The status of an execution. `queued → starting → running ⇄ awaiting_input →
    succeeded|failed|cancelled`; queued and starting may also end failed or cancelled.
     """
    output: JsonObject | None | Unset = UNSET
    """ The result, with `succeeded`. """
    error: None | str | Unset = UNSET
    """ Why the run failed, with `failed`. """

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        output: dict[str, Any] | None | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, dict):
            output = dict(self.output)
        else:
            output = self.output

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if output is not UNSET:
            field_dict["output"] = output
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ExecutionStatus(d.pop("status"))

        def _parse_output(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_0 = dict(data)

                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        error: None | str | Unset = d.pop("error", UNSET)

        execution_status_change = cls(
            status=status,
            output=output,
            error=error,
        )

        return execution_status_change


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.json_object import JsonObject  # noqa: E402
