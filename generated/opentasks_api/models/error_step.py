# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ErrorStep")


@_attrs_define
class ErrorStep:
    """Ends the workflow with an error."""

    kind: Literal["error"]
    """ Always `error`. """
    error: str
    """ The error message. """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        error = self.error

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["error"], d.pop("kind"))
        if kind != "error":
            raise ValueError(f"kind must match const 'error', got '{kind}'")

        error = d.pop("error")

        error_step = cls(
            kind=kind,
            error=error,
        )

        return error_step
