# generated from overlay/opentasks/_async/_raw.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""`raw`: a method of the SDK that returns the HTTP response of its call as well (see `_raw.py`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from opentasks._context import capture_responses
from opentasks._raw import RawResponse, last_response

__all__ = ["raw"]

T = TypeVar("T")
P = ParamSpec("P")


def raw(method: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    """Wrap an SDK method so that it returns a `RawResponse` of what it returns.

    Args:
        method: A bound method, e.g. `client.tasks.get`.

    Returns:
        The wrapper, with the method's signature and docstring.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        with capture_responses() as seen:
            parsed = method(*args, **kwargs)
        return RawResponse(last_response(seen), parsed)

    return wrapper
