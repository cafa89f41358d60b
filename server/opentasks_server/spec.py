"""The contract, `openapi.yaml`, as the server was built with it.

In a wheel the document ships inside this package (`opentasks_server/openapi.yaml`); in a source
checkout it is the repository's root `openapi.yaml`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, cast

import yaml

__all__ = ["allowed_methods", "component_schema", "spec_document", "spec_path", "spec_text"]

_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def spec_path() -> Path:
    """Return where the contract is.

    Returns:
        The path of `openapi.yaml`.

    Raises:
        FileNotFoundError: When neither the packaged nor the checkout's document exists.
    """
    for candidate in (_PACKAGE_DIR / "openapi.yaml", _PACKAGE_DIR.parents[1] / "openapi.yaml"):
        if candidate.is_file():
            return candidate
    msg = "openapi.yaml is neither packaged with opentasks_server nor at the checkout's root"
    raise FileNotFoundError(msg)


@functools.cache
def spec_text() -> str:
    """Return the contract's text.

    Returns:
        The YAML document.
    """
    return spec_path().read_text(encoding="utf-8")


@functools.cache
def spec_document() -> dict[str, Any]:
    """Return the contract, parsed.

    Returns:
        The OpenAPI document as a dict.
    """
    return cast("dict[str, Any]", yaml.safe_load(spec_text()))


def component_schema(name: str) -> dict[str, Any] | None:
    """Return one schema of `components/schemas`.

    Args:
        name: The schema's name, e.g. `TaskCreate`.

    Returns:
        The schema, or `None` if the contract has no schema of that name.
    """
    schemas: dict[str, Any] = spec_document().get("components", {}).get("schemas", {})
    schema = schemas.get(name)
    return cast("dict[str, Any] | None", schema)


@functools.cache
def _path_patterns() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    patterns = []
    for template, item in spec_document().get("paths", {}).items():
        regex = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        allowed = frozenset(name.upper() for name in item if name in methods)
        patterns.append((re.compile(regex), allowed))
    return tuple(patterns)


def allowed_methods(path: str) -> frozenset[str]:
    """Return the methods the contract documents for a concrete path.

    Args:
        path: A request path, e.g. `/v1/tasks/task_01...`.

    Returns:
        The upper-case methods, empty when the contract has no such path.
    """
    for pattern, allowed in _path_patterns():
        if pattern.fullmatch(path):
            return allowed
    return frozenset()
