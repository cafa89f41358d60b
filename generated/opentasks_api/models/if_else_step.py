# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="IfElseStep")


@_attrs_define
class IfElseStep:
    """Chooses between two steps by a condition."""

    kind: Literal["if_else"]
    """ Always `if_else`. """
    if_: str
    """ The condition, as an expression. """
    then: ErrorStep | EvaluateStep | PromptStep | ToolCallStep | YieldStep
    """ The step run by a branch of an `if_else`: any step except another `if_else` (nest
    conditions with `yield` to a workflow instead).
     """
    else_: ErrorStep | EvaluateStep | PromptStep | ToolCallStep | Unset | YieldStep = UNSET
    """ The step run by a branch of an `if_else`: any step except another `if_else` (nest
    conditions with `yield` to a workflow instead).
     """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        if_ = self.if_

        then: dict[str, Any]
        if isinstance(self.then, PromptStep):
            then = self.then.to_dict()
        elif isinstance(self.then, ToolCallStep):
            then = self.then.to_dict()
        elif isinstance(self.then, EvaluateStep):
            then = self.then.to_dict()
        elif isinstance(self.then, YieldStep):
            then = self.then.to_dict()
        else:
            then = self.then.to_dict()

        else_: dict[str, Any] | Unset
        if isinstance(self.else_, Unset):
            else_ = UNSET
        elif isinstance(self.else_, PromptStep):
            else_ = self.else_.to_dict()
        elif isinstance(self.else_, ToolCallStep):
            else_ = self.else_.to_dict()
        elif isinstance(self.else_, EvaluateStep):
            else_ = self.else_.to_dict()
        elif isinstance(self.else_, YieldStep):
            else_ = self.else_.to_dict()
        else:
            else_ = self.else_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "if": if_,
                "then": then,
            }
        )
        if else_ is not UNSET:
            field_dict["else"] = else_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["if_else"], d.pop("kind"))
        if kind != "if_else":
            raise ValueError(f"kind must match const 'if_else', got '{kind}'")

        if_ = d.pop("if")

        def _parse_then(
            data: object,
        ) -> ErrorStep | EvaluateStep | PromptStep | ToolCallStep | YieldStep:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_0 = PromptStep.from_dict(data)

                return componentsschemas_branch_step_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_1 = ToolCallStep.from_dict(data)

                return componentsschemas_branch_step_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_2 = EvaluateStep.from_dict(data)

                return componentsschemas_branch_step_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_3 = YieldStep.from_dict(data)

                return componentsschemas_branch_step_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_branch_step_type_4 = ErrorStep.from_dict(data)

            return componentsschemas_branch_step_type_4

        then = _parse_then(d.pop("then"))

        def _parse_else_(
            data: object,
        ) -> ErrorStep | EvaluateStep | PromptStep | ToolCallStep | Unset | YieldStep:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_0 = PromptStep.from_dict(data)

                return componentsschemas_branch_step_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_1 = ToolCallStep.from_dict(data)

                return componentsschemas_branch_step_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_2 = EvaluateStep.from_dict(data)

                return componentsschemas_branch_step_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_step_type_3 = YieldStep.from_dict(data)

                return componentsschemas_branch_step_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_branch_step_type_4 = ErrorStep.from_dict(data)

            return componentsschemas_branch_step_type_4

        else_ = _parse_else_(d.pop("else", UNSET))

        if_else_step = cls(
            kind=kind,
            if_=if_,
            then=then,
            else_=else_,
        )

        return if_else_step


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.error_step import ErrorStep  # noqa: E402
from ..models.evaluate_step import EvaluateStep  # noqa: E402
from ..models.prompt_step import PromptStep  # noqa: E402
from ..models.tool_call_step import ToolCallStep  # noqa: E402
from ..models.yield_step import YieldStep  # noqa: E402
