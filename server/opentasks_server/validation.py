"""Request checks the generated pydantic models cannot make on their own.

datamodel-code-generator types an optional property as `X | None = None` whether or not the
contract allows `null` for it, so the model alone accepts `{"metadata": null}` although
`metadata` must be an object. `reject_nulls` walks a validated body and rejects every explicit
`null` the contract does not allow, reading nullability from `openapi.yaml` itself so nothing
is copied by hand.

The NUL character (U+0000) is refused anywhere in a request, on every backend, as the contract
says: PostgreSQL's `text` and `jsonb` cannot hold it, and the API answers the same whichever
database the server runs on. `reject_nulls` refuses it in bodies (keys and values, free-form
objects included); `reject_nul_in_url`, a dependency of every `/v1` route, in the path and the
query.
"""

from __future__ import annotations

from typing import Any

from opentasks_schema import FieldError, JsonObject
from pydantic import BaseModel, RootModel
from starlette.requests import Request

from opentasks_server.problems import ValidationFailed
from opentasks_server.spec import component_schema, spec_document

__all__ = ["reject_nul_in_url", "reject_nulls"]

_NUL = "\x00"
_NUL_MESSAGE = "Text must not contain the NUL character (U+0000)"


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


def _nul_error(loc: list[str | int]) -> FieldError:
    return FieldError(loc=loc, message=_NUL_MESSAGE, type="nul_character")


def _find_nul(value: object, loc: tuple[str | int, ...], errors: list[FieldError]) -> None:
    if isinstance(value, str):
        if _NUL in value:
            errors.append(_nul_error(list(loc)))
    elif isinstance(value, dict):
        for key, item in value.items():
            if _NUL in str(key):
                errors.append(_nul_error([*loc, str(key)]))
            _find_nul(item, (*loc, str(key)), errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _find_nul(item, (*loc, index), errors)


def reject_nulls(body: BaseModel | None) -> None:
    """Reject explicit `null`s the contract does not allow, and NUL characters, in a body.

    Args:
        body: The validated body; `None` (no body) passes.

    Raises:
        ValidationFailed: When some field is `null` where the contract forbids it, or some
            string or object key holds a NUL character.
    """
    if body is None:
        return
    errors: list[FieldError] = []
    _walk(body, ("body",), errors)
    _find_nul(body.model_dump(mode="json", by_alias=True, exclude_unset=True), ("body",), errors)
    if errors:
        raise ValidationFailed("The request body does not validate; see `errors`.", errors)


async def reject_nul_in_url(request: Request) -> None:
    """Reject a NUL character in the path or a query parameter (a dependency of `/v1` routes).

    A coroutine although it awaits nothing: FastAPI runs a plain function dependency on its
    thread pool, a thread hand-over and back on every request for a few string checks.

    Args:
        request: The request.

    Raises:
        ValidationFailed: When a path or query parameter holds a NUL character.
    """
    # A NUL reaches a query only percent-encoded; most requests have none, and then the query
    # is not parsed here at all.
    query = request.query_params.multi_items() if b"%00" in request.scope["query_string"] else []
    errors = [
        _nul_error([part, name])
        for part, items in (("path", request.path_params.items()), ("query", query))
        for name, value in items
        if _NUL in str(value)
    ]
    if errors:
        raise ValidationFailed("The request does not validate; see `errors`.", errors)
