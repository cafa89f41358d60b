"""What `save()` sends: the changed fields of a resource, worked out without I/O.

A resource object remembers its fields as JSON data when it gets a server copy (its snapshot).
On save, its current fields are serialised the same way and compared with the snapshot; only
the fields that differ are sent. Which fields a client may write is not listed here: the
generated update model's fields are the update schema's properties, so a field added to the spec
is saved after regeneration with no change to this file.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from typing import Any, cast

import attrs
from opentasks_api.types import Unset

__all__ = [
    "JSON",
    "changed_fields",
    "field_names",
    "snapshot",
    "to_json",
    "to_json_object",
]


JSON = dict[str, "JSON"] | list["JSON"] | str | int | float | bool | None
"""JSON data: what `json.loads` returns."""


_SCALARS = frozenset({str, int, float, bool})


def to_json(value: object) -> JSON:
    """Turn a value a caller passes (generated models, enums, dicts, lists) into plain JSON data.

    Args:
        value: A generated model (anything with `to_dict()`), an enum member, a datetime, a
            mapping, a list or tuple, or a JSON scalar.

    Returns:
        The same value as JSON-compatible dicts, lists and scalars. `UNSET` members inside a
        mapping are dropped.

    Raises:
        TypeError: The value cannot be sent as JSON.
    """
    # Exact types first, cheapest first: a snapshot runs this for every field of every object
    # the SDK returns. A `StrEnum` member is not exactly a str, so it reaches the enum branch.
    kind = type(value)
    if value is None or kind in _SCALARS:
        return cast("JSON", value)
    if kind is dict:
        return to_json_object(cast("dict[Any, object]", value))
    if kind is list or kind is tuple:
        return [to_json(item) for item in cast("list[object] | tuple[object, ...]", value)]
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Unset):
        return None
    # A generated model. Looked up on the type, not with a runtime-checkable Protocol, whose
    # isinstance walks the protocol's members on every call.
    to_dict = getattr(kind, "to_dict", None)
    if callable(to_dict):
        return to_json(cast("Mapping[str, object]", to_dict(value)))
    # isinstance() cannot know the item types; every item is checked on its own below.
    if isinstance(value, list | tuple):
        return [to_json(item) for item in cast("list[object] | tuple[object, ...]", value)]
    if isinstance(value, Mapping):
        return to_json_object(cast("Mapping[Any, object]", value))
    if isinstance(value, str | int | float | bool):  # subclasses of the scalars
        return value
    msg = f"cannot send a {type(value).__name__} as JSON"
    raise TypeError(msg)


def to_json_object(value: Mapping[Any, object]) -> dict[str, JSON]:
    """Turn a mapping into a JSON object, like `to_json`.

    Args:
        value: The mapping; `UNSET` values are dropped.

    Returns:
        A dict of JSON data.
    """
    return {str(k): to_json(v) for k, v in value.items() if not isinstance(v, Unset)}


def changed_fields(before: Mapping[str, JSON], after: Mapping[str, JSON]) -> list[str]:
    """Return the names of the fields whose value differs between two snapshots.

    Args:
        before: The fields of the server copy, as JSON (see `snapshot`).
        after: The fields of the object as it is now, as JSON.

    Returns:
        Each name in `after` that is missing from `before` or holds another value, in the
        order of `after`. Values are compared as JSON, so a nested change (one key of a
        metadata object) makes the whole field changed, and the whole new value is sent.
    """
    return [name for name, value in after.items() if name not in before or before[name] != value]


def snapshot(instance: attrs.AttrsInstance) -> dict[str, JSON]:
    """Return every field of a generated model instance, by attribute name, as JSON data.

    Args:
        instance: An instance of a generated (attrs) model or of an overlay subclass.

    Returns:
        Attribute name to JSON value, for every attrs field (unset values become `None`).
    """
    return {
        field.name: to_json(getattr(instance, field.name)) for field in attrs.fields(type(instance))
    }


def field_names(model: type[attrs.AttrsInstance]) -> frozenset[str]:
    """Return the attribute names of a generated model's properties.

    Of an update body's model (e.g. `TaskUpdate`), they are the fields a save may write: a
    field added to the spec is writable after regeneration with no change here.

    Args:
        model: The generated model.

    Returns:
        The names of its init fields (its schema's properties).
    """
    return frozenset(field.name for field in attrs.fields(model) if field.init)
