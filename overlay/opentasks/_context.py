"""Per-call options, carried from an overlay call down to the transport and the event hooks.

The generated functions take no timeout, retry or error-handling arguments, and they must stay
untouched. So an overlay call puts its options in a context variable for the duration of the
call; the retry transport and the httpx event hooks beneath the generated code read them there.
A context variable is right for this: it is per thread and per asyncio task, so concurrent calls
with different options never see each other's.

The response hook also notes each success response of the call here. The generated function
parses the body before it returns; if that fails, `parse_failure` turns the parser's `KeyError`,
`TypeError` or `ValueError` into the SDK's `APIResponseValidationError` for that response.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import NamedTuple

import httpx

from ._exceptions import APIStatusError, response_validation_error
from ._retry import RetryPolicy

__all__ = [
    "CallOptions",
    "CallScope",
    "ErrorAnswer",
    "QueryValue",
    "capture_responses",
    "current_call",
    "finish_call",
    "note_response",
    "parse_failure",
    "start_call",
]

QueryValue = str | int | float | bool
"""A value of an extra query parameter; httpx writes `True` as `true`."""


@dataclass(frozen=True)
class CallOptions:
    """What one overlay call asks of the layers beneath the generated code.

    Attributes:
        timeout: The timeout for this call's requests, or `None` for the client's default.
        retry: The retry policy for this call, or `None` for the transport's own.
        extra_headers: Headers added to (or replacing those of) this call's requests.
        extra_query: Query parameters added to (or replacing those of) this call's requests.
    """

    timeout: httpx.Timeout | None = None
    retry: RetryPolicy | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, QueryValue] | None = None


class ErrorAnswer(Exception):  # noqa: N818 - internal: never reaches a caller
    """Carries the SDK error of an error answer from the response hook out of the generated call.

    The hook raises it so the generated parser never runs on a problem body; the overlay call
    catches it and raises `error` itself, so the caller's traceback ends in the overlay call
    rather than inside httpx's hook machinery.

    Args:
        error: The error to raise to the caller.
    """

    def __init__(self, error: APIStatusError) -> None:
        super().__init__(str(error))
        self.error = error


_current: ContextVar[CallOptions | None] = ContextVar("opentasks_call", default=None)
# A one-item list per call, so a hook writes into the call's own slot whatever context it runs in.
_answer: ContextVar[list[httpx.Response] | None] = ContextVar("opentasks_answer", default=None)


def current_call() -> CallOptions | None:
    """Return the options of the overlay call in progress, or `None` outside one."""
    return _current.get()


class CallScope(NamedTuple):
    """What `start_call` set, for `finish_call` to undo."""

    options: Token[CallOptions | None]
    answer_token: Token[list[httpx.Response] | None]
    answer: list[httpx.Response]


def start_call(options: CallOptions) -> CallScope:
    """Make `options` the current call's options until `finish_call`.

    A pair of calls rather than a context manager: a generator-based one costs more than the
    rest of the call's bookkeeping.

    Args:
        options: The options.

    Returns:
        What to pass to `finish_call` and `parse_failure`.
    """
    answer: list[httpx.Response] = []
    return CallScope(_current.set(options), _answer.set(answer), answer)


def finish_call(scope: CallScope) -> None:
    """End the call that `start_call` began.

    Args:
        scope: What `start_call` returned.
    """
    _answer.reset(scope.answer_token)
    _current.reset(scope.options)


def parse_failure(scope: CallScope, error: Exception) -> Exception:
    """Return what to raise for a `KeyError`, `TypeError` or `ValueError` inside a call.

    Args:
        scope: The call's scope.
        error: The error.

    Returns:
        `APIResponseValidationError` if a success answer arrived (the error can only come from
        parsing it), else `error` itself.
    """
    answer = scope.answer
    if answer and answer[-1].is_success:
        return response_validation_error(answer[-1], error)
    return error


def note_response(response: httpx.Response) -> None:
    """Remember the latest response of the overlay call in progress (none outside one).

    Args:
        response: A response, before its body is parsed.
    """
    answer = _answer.get()
    if answer is not None:
        answer[:] = [response]
    captured = _captured.get()
    if captured is not None:
        captured[:] = [response]


# The responses of a `with_raw_response` call; it may span several overlay calls (a save).
_captured: ContextVar[list[httpx.Response] | None] = ContextVar("opentasks_raw", default=None)


@contextmanager
def capture_responses() -> Generator[list[httpx.Response]]:
    """Keep the latest response of every overlay call made inside the `with` block.

    Yields:
        A list that holds the latest response once a call has had one.
    """
    captured: list[httpx.Response] = []
    token = _captured.set(captured)
    try:
        yield captured
    finally:
        _captured.reset(token)
