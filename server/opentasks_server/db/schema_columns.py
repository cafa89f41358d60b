"""Columns for the properties of the spec's schemas that a table does not declare.

A property added to a resource's schema in openapi.yaml reaches the generated pydantic model
with `nox -s generate`. The row class of that resource then gets a nullable column of the same
name here, typed after the property, so the server stores, updates and answers it with no
hand edit; the migration that adds the column to the database is written by Alembic
(`nox -s migration`). Columns a row class declares itself are left as they are.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Boolean, Float, Integer
from sqlalchemy.orm import DeclarativeBase, mapped_column
from sqlalchemy.types import TypeEngine

from opentasks_server.db.types import UTCDateTime, text_type

__all__ = ["ATTRIBUTES", "add_schema_columns", "api_fields", "column_type"]

ATTRIBUTES: Mapping[str, str] = {"metadata": "meta"}
"""Row attributes named otherwise than their property (SQLAlchemy reserves `metadata`)."""


def api_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Return the property names of a generated model, as the API spells them, in spec order."""
    return tuple(field.alias or name for name, field in model.model_fields.items())


def column_type(annotation: Any) -> TypeEngine[Any]:  # noqa: ANN401 - any type annotation
    """Return the column type for a property's annotation.

    Args:
        annotation: The pydantic field's annotation, e.g. `int | None`.

    Returns:
        Integer, Float, Boolean, a UTC date-time or text (`text_type`, which holds NUL on
        every backend) for a property of one such type (an enum of strings is text); JSON for
        anything else.
    """
    args = [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if len(args) == 1 and isinstance(args[0], type):
        kind = args[0]
        for python, column in ((bool, Boolean), (int, Integer), (float, Float), (str, text_type)):
            if issubclass(kind, python):
                return column()
        if issubclass(kind, dt.datetime):
            return UTCDateTime()
    return JSON(none_as_null=True)


def add_schema_columns(row: type[DeclarativeBase], model: type[BaseModel]) -> tuple[str, ...]:
    """Give `row` a nullable column for every property of `model` it does not declare.

    Args:
        row: A mapped class, e.g. `TaskRow`.
        model: The generated model of its resource, e.g. `opentasks_schema.Task`.

    Returns:
        The properties that got a column here.
    """
    declared = row.__mapper__.attrs.keys()
    added = []
    for name, field in model.model_fields.items():
        api_name = field.alias or name
        attribute = ATTRIBUTES.get(api_name, api_name)
        if attribute in declared:
            continue
        # Declarative classes take new columns by attribute assignment (SQLAlchemy's
        # "appending additional columns to an existing Declarative mapped class").
        column = mapped_column(api_name, column_type(field.annotation), nullable=True)
        setattr(row, attribute, column)
        added.append(api_name)
    return tuple(added)
