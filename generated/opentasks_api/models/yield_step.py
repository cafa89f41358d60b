# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="YieldStep")


@_attrs_define
class YieldStep:
    """Runs another workflow and takes its result."""

    kind: Literal["yield"]
    """ Always `yield`. """
    workflow: str
    """ The name of the workflow to run. """
    arguments: YieldArguments | Unset = UNSET
    """ Arguments for that workflow, as expressions. """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        workflow = self.workflow

        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "workflow": workflow,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["yield"], d.pop("kind"))
        if kind != "yield":
            raise ValueError(f"kind must match const 'yield', got '{kind}'")

        workflow = d.pop("workflow")

        _arguments = d.pop("arguments", UNSET)
        arguments: YieldArguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = YieldArguments.from_dict(_arguments)

        yield_step = cls(
            kind=kind,
            workflow=workflow,
            arguments=arguments,
        )

        return yield_step


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.yield_arguments import YieldArguments  # noqa: E402
