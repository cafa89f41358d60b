"""Checks of what a caller passes, made before anything is sent, with messages that name it.

The server validates every request too, but its answer speaks of the wire (`query.limit`,
`body.metadata`) and comes after a round trip; a mistake in the calling code is better reported
at the call, in the caller's own words. These checks are pure functions without I/O.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "MAX_PAGE_SIZE",
    "check_base_url",
    "check_mapping",
    "check_optional_str",
    "check_page_size",
    "check_path_arguments",
]

MAX_PAGE_SIZE = 100
"""The most items the list operations return per page."""


@functools.cache
def _path_parameters(fn: Callable[..., Any]) -> tuple[str, ...]:
    """The names of a generated function's path parameters: its positional parameters."""
    return tuple(
        parameter.name
        for parameter in inspect.signature(fn).parameters.values()
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def check_path_arguments(fn: Callable[..., Any], args: tuple[object, ...]) -> None:
    """Check the path arguments of a call to a generated endpoint function.

    The generated functions take the path parameters (the ids) positionally and everything
    else by keyword, so every positional argument is an id. An empty id would make the path of
    another operation (`/v1/tasks/` is the list of tasks), so it is refused before any request.

    Args:
        fn: The generated function (`get_task.asyncio_detailed`, …).
        args: Its positional arguments.

    Raises:
        ValueError: An id is empty or only whitespace.
        TypeError: An id is not a string.
    """
    for name, value in zip(_path_parameters(fn), args, strict=False):
        if not isinstance(value, str):
            msg = f"{name} must be a string id, got {type(value).__name__} {value!r}"
            raise TypeError(msg)
        if not value.strip():
            msg = f"{name} must not be empty, got {value!r}"
            raise ValueError(msg)


def check_page_size(page_size: object) -> None:
    """Check a `page_size=` argument.

    Args:
        page_size: What was passed.

    Raises:
        ValueError: It is not between 1 and `MAX_PAGE_SIZE`.
        TypeError: It is not an integer.
    """
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        msg = f"page_size must be an int, got {type(page_size).__name__} {page_size!r}"
        raise TypeError(msg)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        msg = f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {page_size}"
        raise ValueError(msg)


def check_mapping(name: str, value: object) -> None:
    """Check that a free-form JSON object argument (`metadata=`, `data=`, …) is a mapping.

    Args:
        name: The argument's name.
        value: What was passed (`None` and `UNSET` are left to the caller's own rules).

    Raises:
        TypeError: It is something else than a mapping with string keys.
    """
    if not isinstance(value, Mapping):
        msg = f"{name} must be a dict (a JSON object), got {type(value).__name__} {value!r:.80}"
        raise TypeError(msg)
    for key in value:  # pyright: ignore[reportUnknownVariableType]
        if not isinstance(key, str):
            msg = f"{name} keys must be strings (JSON object keys), got {key!r}"
            raise TypeError(msg)


def check_optional_str(name: str, value: object, *, secret: bool = False) -> None:
    """Check that an argument is a string or `None`.

    Args:
        name: The argument's name.
        value: What was passed.
        secret: Leave the value out of the message (an API key of the wrong type may still
            be a key).

    Raises:
        TypeError: It is neither.
    """
    if value is not None and not isinstance(value, str):
        shown = "" if secret else f" {value!r}"
        msg = f"{name} must be a str, got {type(value).__name__}{shown}"
        raise TypeError(msg)


def check_base_url(url: str) -> str:
    """Check a base URL: it must name its scheme, or httpx fails at the first request.

    Args:
        url: The URL (from `base_url=` or `OPENTASKS_BASE_URL`).

    Returns:
        The URL without a trailing slash.

    Raises:
        ValueError: It does not start with `http://` or `https://`, or names no host.
    """
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/"):
        msg = (
            f"base_url must be an http:// or https:// URL with a host, got {url!r} "
            "(e.g. 'http://127.0.0.1:8000')"
        )
        raise ValueError(msg)
    return url.rstrip("/")
