# generated from openapi.yaml by generator/regenerate.py — do not edit
from typing import Any, TypeAlias

JsonObject: TypeAlias = dict[str, Any]
"""Free-form JSON object.

A plain `dict`: read it with `[key]`, `.get()`, `.items()`; `json.dumps` it as it is.
"""
