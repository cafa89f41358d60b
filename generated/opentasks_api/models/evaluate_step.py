# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="EvaluateStep")


@_attrs_define
class EvaluateStep:
    """Computes named values from expressions."""

    kind: Literal["evaluate"]
    """ Always `evaluate`. """
    evaluate: EvaluateExpressions
    """ Names mapped to the expressions that compute them. """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        evaluate = self.evaluate.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "evaluate": evaluate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["evaluate"], d.pop("kind"))
        if kind != "evaluate":
            raise ValueError(f"kind must match const 'evaluate', got '{kind}'")

        evaluate = EvaluateExpressions.from_dict(d.pop("evaluate"))

        evaluate_step = cls(
            kind=kind,
            evaluate=evaluate,
        )

        return evaluate_step


# The models this one refers to, imported after its class so that an import cycle between
# models resolves (see the template's note in generator/templates/model.py.jinja).
from ..models.evaluate_expressions import EvaluateExpressions  # noqa: E402
