# generated from overlay/opentasks/_async/_calls.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""How an overlay method runs a generated `sync_detailed` function."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

import httpx
from opentasks_api.types import Response

from opentasks._context import CallOptions, use_call
from opentasks._exceptions import connection_error

__all__ = ["call"]

T = TypeVar("T")
P = ParamSpec("P")


def call(
    options: CallOptions,
    fn: Callable[P, Response[T]],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> Response[T]:
    """Run a generated endpoint function as an overlay call.

    Args:
        options: The call's timeout and retry policy.
        fn: The generated function.
        *args: Its positional arguments.
        **kwargs: Its keyword arguments, `client=` included.

    Returns:
        The generated response; a successful one, as error statuses raise.

    Raises:
        APIStatusError: The server answered with an error status.
        APIConnectionError: No answer, after the retries.
    """
    with use_call(options):
        try:
            return fn(*args, **kwargs)
        except httpx.TransportError as error:
            raise connection_error(error) from error
