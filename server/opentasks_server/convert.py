"""Request values to stored values: generated models become plain JSON-ready data."""

from __future__ import annotations

import enum
from typing import Any

from pydantic import BaseModel

__all__ = ["plain"]


def plain(value: Any) -> Any:  # noqa: ANN401 - request values are any JSON shape
    """Turn a validated request value into what a row stores.

    Models (including root models such as a workflow step or a file URL) are dumped by alias
    with exclude-unset semantics, so optional fields a client left out stay out; enums become
    their values.

    Args:
        value: A field value of a generated request model.

    Returns:
        Plain JSON-ready data.
    """
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value
