"""`araw`: a method of the SDK that returns the HTTP response of its call as well (see `_raw.py`)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from opentasks._context import capture_responses
from opentasks._raw import RawResponse, last_response

__all__ = ["araw"]

T = TypeVar("T")
P = ParamSpec("P")


def araw(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """Wrap an SDK method so that it returns a `RawResponse` of what it returns.

    Args:
        method: A bound method, e.g. `client.tasks.aget`.

    Returns:
        The wrapper, with the method's signature and docstring.
    """

    @functools.wraps(method)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        with capture_responses() as seen:
            parsed = await method(*args, **kwargs)
        return RawResponse(last_response(seen), parsed)

    return wrapper
