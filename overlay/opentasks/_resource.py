"""What the overlay's resource objects (`Task`, `Session`, `Execution`, `Test`) and namespaces share.

Each of them subclasses the generated model of its schema, so every field of the schema is a
typed attribute, and a field added to the spec appears after regeneration with no edit here. This
mixin adds the state a live object needs: the client it talks through, the `ETag` of the server
copy it was built from, and a snapshot of that copy's fields for `save()` to diff against.
"""

from __future__ import annotations

import enum
import functools
import itertools
import json
import operator
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self, TypeVar, cast

import attrs
import httpx
from opentasks_api.types import UNSET, Response, Unset

from ._arguments import check_mapping
from ._diff import JSON, changed_fields, snapshot, to_json_object
from ._exceptions import error_from_response
from ._pagination import Page

if TYPE_CHECKING:
    from ._client import ClientBase

__all__ = [
    "BoundModel",
    "Namespace",
    "build_body",
    "expect",
    "if_match_header",
    "load_page",
    "present",
    "rebase",
    "request_fields",
]

M = TypeVar("M")


def request_fields(
    schema: type[Mapping[str, object]],
    call: str,
    given: Mapping[str, object],
    extra: Mapping[str, Any] | None,
) -> dict[str, object]:
    """Check the body fields a caller passed as keywords, and add their `extra_fields`.

    The keywords are typed by a generated `TypedDict` (`opentasks_api.fields`), which type
    checkers see; this makes a misspelt or missing one the same `TypeError` at run time.

    Args:
        schema: The generated `TypedDict` of the body (e.g. `TaskCreateFields`).
        call: The method's name, for the error.
        given: The keywords given.
        extra: The caller's `extra_fields` (fields of a newer API than this SDK knows).

    Returns:
        The fields of the body, by schema name.

    Raises:
        TypeError: A keyword is not a field of the body, or a required field is missing.
    """
    required: frozenset[str] = vars(schema)["__required_keys__"]
    known = required | vars(schema)["__optional_keys__"]
    unknown = [name for name in given if name not in known]
    if unknown:
        msg = f"{call}() got an unexpected keyword argument {unknown[0]!r}"
        raise TypeError(msg)
    # `UNSET` given explicitly means "not given", as it did when it was each keyword's default.
    fields = {name: value for name, value in given.items() if not isinstance(value, Unset)}
    fields.update(extra or {})
    missing = sorted(required - set(fields))
    if missing:
        msg = f"{call}() missing a required keyword argument: {missing[0]!r}"
        raise TypeError(msg)
    return fields


def expect(response: Response[Any], model: type[M]) -> M:
    """Return the parsed body of a response, checking it is the documented success model.

    The response hook normally raised for every error status already; this is the fallback for
    httpx clients without it, and it narrows the generated union type for the type checker.

    Args:
        response: A generated response.
        model: The expected model class.

    Returns:
        The parsed body.

    Raises:
        APIStatusError: The response is an error.
    """
    parsed = response.parsed
    if isinstance(parsed, model):
        return parsed
    fake = httpx.Response(
        int(response.status_code), headers=dict(response.headers), content=response.content
    )
    raise error_from_response(fake)


def rebase(cls: type[M], instance: attrs.AttrsInstance) -> M:
    """Build an overlay subclass instance from a generated model instance, field by field.

    Args:
        cls: The overlay class, a subclass of the instance's generated class.
        instance: The generated model instance.

    Returns:
        A `cls` with the same field values (no JSON round trip).
    """
    names, values = _copy_plan(type(instance))
    # The copy skips `__init__` and the overlay's `__setattr__` (a check per field that a fresh,
    # unbound object always passes): it is filled as a twin class with plain attribute setting,
    # at C speed, then becomes a `cls` (same layout, so the class can be swapped).
    loaded: Any = object.__new__(_loader(cls))
    # `setattr` returns None, so `any` runs it on every field.
    any(map(setattr, itertools.repeat(loaded), names, values(instance)))
    loaded.__class__ = cls
    return cast("M", loaded)


_loaders: dict[type[Any], type[Any]] = {}


def _loader(cls: type[Any]) -> type[Any]:
    """A subclass of `cls` with its layout and `object`'s `__setattr__`, for `rebase`."""
    loader = _loaders.get(cls)
    if loader is None:
        namespace = {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__module__": cls.__module__,
        }
        loader = _loaders[cls] = type(f"_{cls.__name__}Loader", (cls,), namespace)
    return loader


@functools.cache
def _copy_plan(
    model: type[attrs.AttrsInstance],
) -> tuple[tuple[str, ...], Callable[[object], tuple[object, ...]]]:
    """Return a model's field names and a getter of their values."""
    names = tuple(f.name for f in attrs.fields(model))
    getter = operator.attrgetter(*names) if len(names) > 1 else None

    def values(instance: object) -> tuple[object, ...]:
        # One C call reads them all (attrgetter of one name returns the value, not a tuple).
        if getter is not None:
            return cast("tuple[object, ...]", getter(instance))
        return tuple(getattr(instance, name) for name in names)

    return names, values


class Namespace:
    """What every namespace of the client (`client.tasks`, `client.sessions`, ...) holds.

    Args:
        client: The client it talks through.
    """

    def __init__(self, client: ClientBase) -> None:
        self._client = client


class _FromDict(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


F = TypeVar("F", bound=_FromDict)


@functools.cache
def _json_object_fields(model: type[Any]) -> tuple[str, ...]:
    """The fields of a generated model typed as a free-form JSON object (`JsonObject`).

    Read from the generated annotations, so a JSON field added to the spec is checked too.
    """
    return tuple(
        field.name
        for field in attrs.fields(model)
        if field.init and "JsonObject" in str(field.type)
    )


@functools.cache
def _enum_fields(model: type[Any]) -> tuple[tuple[str, frozenset[object]], ...]:
    """The fields of a generated model typed by a generated enum, with the enum's values.

    Read from the generated annotations and the names of the model's module.
    """
    names = vars(sys.modules[model.__module__])
    found: list[tuple[str, frozenset[object]]] = []
    for field in attrs.fields(model):
        for part in str(field.type).split(" | "):
            kind = names.get(part)
            if field.init and isinstance(kind, type) and issubclass(kind, enum.Enum):
                found.append((field.name, frozenset(member.value for member in kind)))
    return tuple(found)


def build_body(model: type[F], fields: Mapping[str, object]) -> F:
    """Build a generated request model from caller-given fields (models or plain dicts).

    Args:
        model: The generated body model (e.g. `TaskCreate`).
        fields: The fields, as generated models, enum members or plain JSON data.

    Returns:
        The body model; the generated `from_dict` parses nested values (workflow steps, …).
        A field the model does not know (one of a newer API, given through `extra_fields`),
        and a string that is no member of a field's enum (a status of a newer API), are
        merged into the JSON it sends as they are: the generated model would drop the one and
        refuse the other. The server accepts them or answers with its own error.

    Raises:
        ValueError: A field cannot be parsed into the model (a step of an unknown kind, a
            missing required field).
        TypeError: A free-form JSON object field (`metadata`, `data`, …) is not a mapping, or
            an enum field is neither a member nor a string.
    """
    for name in _json_object_fields(model):
        value = fields.get(name)
        if value is not None and not isinstance(value, Unset):
            check_mapping(name, value)
    data = to_json_object(fields)
    unknown: dict[str, object] = {}
    for name, values in _enum_fields(model):
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            msg = f"{name} must be a string, got {type(value).__name__}"
            raise TypeError(msg)
        if value not in values:
            # The model takes a value it knows in its place; the JSON it sends has the one given.
            unknown[name] = value
            data[name] = min(cast("frozenset[str]", values))
    try:
        body = model.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        msg = f"invalid {model.__name__} fields: {error}"
        raise ValueError(msg) from error
    sent = body.to_dict()
    extra = {name: value for name, value in data.items() if name not in sent}
    if not extra and not unknown:
        return body
    return cast("F", _SentBody({**sent, **extra, **unknown}))


class _SentBody:
    """A body that sends the JSON given: the generated request functions only call `to_dict()`."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return self._data


def present(fields: Mapping[str, object]) -> dict[str, object]:
    """Keep the body fields a caller gave: a parameter left at `None` is not sent.

    Args:
        fields: The method's body parameters, by name.

    Returns:
        Those that are not `None`.
    """
    return {name: value for name, value in fields.items() if value is not None}


def if_match_header(value: str | int | None) -> str | Unset:
    """Turn an `if_match=` argument into the generated functions' `if_match` parameter.

    Args:
        value: A version (`3`), an entity tag (`"3"`, `W/"3"`), or `None` for no precondition.

    Returns:
        The entity tag, quoted (`"3"`), or `UNSET` to send none.
    """
    if value is None:
        return UNSET
    return f'"{value}"' if isinstance(value, int) else value


class BoundModel:
    """A generated model instance that knows its client, its ETag and its server snapshot.

    Mixed into subclasses of generated models; it has no fields of its own.
    """

    # Empty slots keep the subclasses free of a `__dict__` (a misspelt attribute raises); they
    # are hidden from the type checker, which would otherwise refuse the assignments below to
    # the slots that each concrete subclass declares.
    if not TYPE_CHECKING:
        __slots__ = ()

    _model: ClassVar[type[Any]]
    """The generated model the overlay class extends."""

    _read_only: ClassVar[frozenset[str]] = frozenset()
    """Fields the server sets and no operation writes: assigning one raises at once."""

    _client: ClientBase
    _etag: str | None
    _server_copy: dict[str, JSON] | bytes
    """The snapshot of the server copy, or the JSON body it is still to be taken from."""

    if not TYPE_CHECKING:
        # Hidden from type checkers, which would otherwise take every attribute as settable by
        # this method rather than by the attrs fields' own types.
        def __setattr__(self, name: str, value: object) -> None:
            # A bound object has its client; one being built (unset slot) is filled freely.
            if name in self._read_only and hasattr(self, "_client"):
                kind = type(self).__name__
                hint = (
                    f"to work on another {kind.lower()}, get it from the client"
                    if name == "id"
                    else "the server sets it"
                )
                msg = f"{kind}.{name} is read-only ({hint}); the object is unchanged"
                raise AttributeError(msg)
            super().__setattr__(name, value)

    @classmethod
    def _load(
        cls,
        client: ClientBase,
        model: attrs.AttrsInstance,
        etag: str | None = None,
        body: bytes | None = None,
    ) -> Self:
        """Build a bound object from a generated model instance (parsed from `body`, if given)."""
        bound = rebase(cls, model)
        bound._bind(client, etag, body)
        return bound

    @classmethod
    def _from_response(cls, client: ClientBase, response: Response[Any]) -> Self:
        """Build a bound object from a generated response of its base model."""
        model = cast("attrs.AttrsInstance", expect(response, cls._model))
        return cls._load(client, model, response.headers.get("etag"), response.content)

    def _bind(self, client: ClientBase, etag: str | None, body: bytes | None = None) -> None:
        self._client = client
        self._etag = etag
        # The body of the answer is the server copy, unchanged whatever the caller does to this
        # object, so the snapshot is taken from it when a save or a diff first needs it: a
        # read costs no snapshot. Without a body (items of a page), it is taken now.
        self._server_copy = body if body is not None else snapshot(self._attrs())

    def _attrs(self) -> attrs.AttrsInstance:
        return cast("attrs.AttrsInstance", self)

    @property
    def _snapshot(self) -> dict[str, JSON]:
        """The server copy's fields as JSON data, by attribute name (see `_diff.snapshot`)."""
        copy = self._server_copy
        if isinstance(copy, bytes):
            copy = snapshot(cast("attrs.AttrsInstance", self._model.from_dict(json.loads(copy))))
            self._server_copy = copy
        return copy

    def _absorb(self, other: BoundModel, *, keep_local: bool) -> None:
        """Take the fields of a newer server copy, keeping unsaved local edits if asked.

        A local edit is kept only when the operation that produced `other` did not change that
        field itself: an explicit change made through the API wins over a stale local value.
        """
        local: dict[str, object] = {}
        if keep_local:
            current = snapshot(self._attrs())
            for name in changed_fields(self._snapshot, current):
                if other._snapshot.get(name) == self._snapshot.get(name):
                    local[name] = getattr(self, name)
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(other))):
            # The server's copy may change read-only fields (version, timestamps): past the
            # check in __setattr__, which guards against callers, not against the server.
            object.__setattr__(self, field.name, getattr(other, field.name))
        self._etag = other._etag
        self._server_copy = other._server_copy
        for name, value in local.items():
            setattr(self, name, value)

    @property
    def etag(self) -> str:
        """The entity tag of the server copy this object was last built from (e.g. `"3"`)."""
        return self._etag or f'"{int(getattr(self, "version", 0))}"'

    def dirty_fields(self) -> list[str]:
        """Return the names of the fields changed locally since the last server copy.

        Returns:
            The changed field names, in schema order.
        """
        return changed_fields(self._snapshot, snapshot(self._attrs()))


def load_page(
    page_model: type[Any],
    response: Response[Any],
    client: ClientBase | None = None,
    cls: type[BoundModel] | None = None,
) -> Page[Any]:
    """Turn a generated page response into a `Page`.

    Args:
        page_model: The generated page model (e.g. `TaskPage`).
        response: The generated response.
        client: The client the items talk through, with `cls`.
        cls: The overlay class of the items (e.g. `Task`); without it, the items are the
            generated models the page holds.

    Returns:
        The page.
    """
    page = expect(response, page_model)
    if cls is None or client is None:
        return Page(list(page.data), page.has_more, page.next_cursor or None)
    items = [cls._load(client, item) for item in page.data]
    return Page(items, page.has_more, page.next_cursor or None)
