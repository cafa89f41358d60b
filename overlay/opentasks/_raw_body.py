"""Request bodies with JSON the generated models cannot express, merged in as it is sent.

A generated body model writes only the properties its schema knew when the client was built,
and an enum property only the members it knew. `with_raw_fields` returns a copy of a body whose
`to_dict()` adds (or overrides) raw JSON values, so the generated request function still builds
the request (headers, retries, hooks) while the server sees exactly what the caller gave.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import attrs

__all__ = ["with_raw_fields"]

B = TypeVar("B")


class _RawFields:
    """The part of a raw body class that merges the raw fields into `to_dict()`."""

    _raw_fields: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Return the model's JSON with the raw fields merged over it."""
        # The generated model's `to_dict`, next in the raw class's MRO.
        base = cast("Callable[[], dict[str, Any]]", super().to_dict)  # type: ignore[misc]
        return {**base(), **self._raw_fields}


@functools.cache
def _raw_class(model: type[Any]) -> type[Any]:
    # A plain subclass (not an attrs one) of the slotted generated class gets a `__dict__` for
    # the raw fields, and keeps the generated `__init__` and fields.
    return type(f"Raw{model.__name__}", (_RawFields, model), {})


def with_raw_fields(body: B, fields: Mapping[str, Any]) -> B:
    """Return `body` with `fields` merged into the JSON it sends, over its own properties.

    Args:
        body: A generated request body model (an attrs class).
        fields: JSON values by property name, sent as they are.

    Returns:
        `body` itself when `fields` is empty; otherwise an instance of a subclass of its class
        with the same field values.
    """
    if not fields:
        return body
    model = cast("type[attrs.AttrsInstance]", type(body))
    values = {f.alias: getattr(body, f.name) for f in attrs.fields(model) if f.init}
    raw = _raw_class(model)(**values)
    for f in attrs.fields(model):
        if not f.init:
            setattr(raw, f.name, getattr(body, f.name))
    raw._raw_fields = dict(fields)
    return cast("B", raw)
