"""Request checks the generated pydantic models cannot make on their own.

datamodel-code-generator types an optional property as `X | None = None` whether or not the
contract allows `null` for it, so the model alone accepts `{"metadata": null}` although
`metadata` must be an object. `reject_nulls` walks a validated body and rejects every explicit
`null` the contract does not allow, reading nullability from `openapi.yaml` itself so nothing
is copied by hand.
"""

from __future__ import annotations

from typing import Any

from opentasks_schema import FieldError, JsonObject
from pydantic import BaseModel, RootModel

from opentasks_server.problems import ValidationFailed
from opentasks_server.spec import component_schema, spec_document

__all__ = ["reject_nulls"]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = spec_document()
        for part in ref[2:].split("/"):
            node = node[part]
        return _resolve(node)
    return schema


def _allows_null(schema: dict[str, Any]) -> bool:
    schema = _resolve(schema)
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_allows_null(sub) for key in ("oneOf", "anyOf") for sub in schema.get(key, []))


def _walk(value: object, loc: tuple[str | int, ...], errors: list[FieldError]) -> None:
    if isinstance(value, JsonObject):
        return  # free-form: any JSON value is allowed inside
    if isinstance(value, RootModel):
        _walk(value.root, loc, errors)
    elif isinstance(value, BaseModel):
        schema = component_schema(type(value).__name__) or {}
        properties: dict[str, Any] = _resolve(schema).get("properties", {})
        for name, field in type(value).model_fields.items():
            if name not in value.model_fields_set:
                continue
            alias = field.alias or name
            item = getattr(value, name)
            prop = properties.get(alias)
            if item is None and prop is not None and not _allows_null(prop):
                errors.append(
                    FieldError(
                        loc=[*loc, alias],
                        message="Input should not be null",
                        type="null_not_allowed",
                    )
                )
            else:
                _walk(item, (*loc, alias), errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, (*loc, index), errors)


def reject_nulls(body: BaseModel | None) -> None:
    """Reject explicit `null`s the contract does not allow in a body.

    Args:
        body: The validated body; `None` (no body) passes.

    Raises:
        ValidationFailed: When some field is `null` where the contract forbids it.
    """
    if body is None:
        return
    errors: list[FieldError] = []
    _walk(body, ("body",), errors)
    if errors:
        raise ValidationFailed("The request body does not validate; see `errors`.", errors)
