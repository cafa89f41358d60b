# generated from openapi.yaml by generator/regenerate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.comparison_result import ComparisonResult

T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """A comparison of an old and a new output for the same input."""

    id: str
    """ The comparison's id. """
    test_id: None | str
    """ The test run the comparison belongs to, if any. """
    context_input: str
    """ The input both outputs answer. """
    old_output: str
    """ The output of the old version. """
    new_output: str
    """ The output of the new version. """
    instructions: None | str
    """ What the judge was told to look for. """
    comparison_result: ComparisonResult | str
    """ A comparison result as the server reports it: one of `ComparisonResult`, or a result
    added after this client was built, as a plain string.
     """
    source: str
    """ Who decided the result (the caller's judge, or `evaluator:<name>`). """
    created_at: datetime.datetime
    """ An RFC 3339 timestamp in UTC. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        test_id: None | str
        test_id = self.test_id

        context_input = self.context_input

        old_output = self.old_output

        new_output = self.new_output

        instructions: None | str
        instructions = self.instructions

        comparison_result: str
        if isinstance(self.comparison_result, ComparisonResult):
            comparison_result = self.comparison_result.value
        else:
            comparison_result = self.comparison_result

        source = self.source

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "test_id": test_id,
                "context_input": context_input,
                "old_output": old_output,
                "new_output": new_output,
                "instructions": instructions,
                "comparison_result": comparison_result,
                "source": source,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        test_id: None | str = d.pop("test_id")

        context_input = d.pop("context_input")

        old_output = d.pop("old_output")

        new_output = d.pop("new_output")

        instructions: None | str = d.pop("instructions")

        def _parse_comparison_result(data: object) -> ComparisonResult | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_comparison_result_value_type_0 = ComparisonResult(data)

                return componentsschemas_comparison_result_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ComparisonResult | str, data)

        comparison_result = _parse_comparison_result(d.pop("comparison_result"))

        source = d.pop("source")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        comparison = cls(
            id=id,
            test_id=test_id,
            context_input=context_input,
            old_output=old_output,
            new_output=new_output,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            created_at=created_at,
        )

        comparison.additional_properties = d
        return comparison

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
