# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.comparison_result import ComparisonResult
from ..types import UNSET, Unset

T = TypeVar("T", bound="ComparisonCreate")


@_attrs_define
class ComparisonCreate:
    """Two outputs to compare, and optionally the result of the caller's own judge."""

    context_input: str
    """ The input both outputs answer. """
    old_output: str
    """ The output of the old version. """
    new_output: str
    """ The output of the new version. """
    instructions: None | str | Unset = UNSET
    """ What the judge should look for. """
    test_id: None | str | Unset = UNSET
    """ Attach the comparison to this test run of the project. """
    comparison_result: ComparisonResult | Unset = UNSET
    """ Which of two outputs is better. """
    source: str | Unset = UNSET
    """ Who decided `comparison_result`; defaults to `user` when a result is given. """

    def to_dict(self) -> dict[str, Any]:
        context_input = self.context_input

        old_output = self.old_output

        new_output = self.new_output

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        test_id: None | str | Unset
        if isinstance(self.test_id, Unset):
            test_id = UNSET
        else:
            test_id = self.test_id

        comparison_result: str | Unset = UNSET
        if not isinstance(self.comparison_result, Unset):
            comparison_result = self.comparison_result.value

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "context_input": context_input,
                "old_output": old_output,
                "new_output": new_output,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if test_id is not UNSET:
            field_dict["test_id"] = test_id
        if comparison_result is not UNSET:
            field_dict["comparison_result"] = comparison_result
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        context_input = d.pop("context_input")

        old_output = d.pop("old_output")

        new_output = d.pop("new_output")

        instructions: None | str | Unset = d.pop("instructions", UNSET)

        test_id: None | str | Unset = d.pop("test_id", UNSET)

        _comparison_result = d.pop("comparison_result", UNSET)
        comparison_result: ComparisonResult | Unset
        if isinstance(_comparison_result, Unset):
            comparison_result = UNSET
        else:
            comparison_result = ComparisonResult(_comparison_result)

        source = d.pop("source", UNSET)

        comparison_create = cls(
            context_input=context_input,
            old_output=old_output,
            new_output=new_output,
            instructions=instructions,
            test_id=test_id,
            comparison_result=comparison_result,
            source=source,
        )

        return comparison_create
