"""The retry policy: which failures are retried, and how long to wait before the next attempt.

Pure functions and values only; the transports in `_transport.py` do the waiting and the I/O,
and the event streams in `_streaming.py` reuse the same backoff for their reconnects.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

__all__ = [
    "RETRYABLE_ERRORS",
    "RETRYABLE_STATUSES",
    "Backoff",
    "RetryEvent",
    "RetryPolicy",
    "backoff_delay",
    "parse_retry_after",
    "retry_delay",
]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Request Timeout, Too Many Requests and the 5xx statuses that mean "try again"."""

RETRYABLE_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.ReadTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
    httpx.PoolTimeout,
    httpx.RemoteProtocolError,
)
"""Transport failures where the request may not have reached the server, or its answer was lost.

Every POST carries an Idempotency-Key, so retrying a request that did reach the server is safe;
an invalid URL, an unsupported protocol or a bug is not retried.
"""


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with jitter.

    The n-th retry (n = 0, 1, …) waits `min(maximum, initial * multiplier**n)` seconds, of which
    the fraction `jitter` is randomised: with `jitter=0.5` the wait is between 50 % and 100 % of
    that value, so many clients retrying at once spread out instead of arriving together.

    Attributes:
        initial: The first wait, in seconds.
        maximum: The cap on any wait, in seconds.
        multiplier: How much each wait grows over the previous one.
        jitter: The randomised fraction of each wait, between 0 (none) and 1 (full jitter).
    """

    initial: float = 0.5
    maximum: float = 8.0
    multiplier: float = 2.0
    jitter: float = 0.5

    def __post_init__(self) -> None:
        if self.initial < 0 or self.maximum < 0 or self.multiplier < 1:
            msg = "backoff needs initial >= 0, maximum >= 0 and multiplier >= 1"
            raise ValueError(msg)
        if not 0 <= self.jitter <= 1:
            msg = "backoff jitter must be between 0 and 1"
            raise ValueError(msg)


def backoff_delay(
    attempt: int,
    backoff: Backoff,
    rand: Callable[[], float] = random.random,
) -> float:
    """Return how long to wait before retry number `attempt`.

    Args:
        attempt: 0 for the first retry, 1 for the second, …
        backoff: The schedule.
        rand: A source of floats in [0, 1); tests pass a fixed one.

    Returns:
        The wait in seconds, never more than `backoff.maximum`.
    """
    # Cap the exponent before computing the power so a huge attempt number cannot overflow.
    exponent = min(max(attempt, 0), 64)
    base = min(backoff.maximum, backoff.initial * backoff.multiplier**exponent)
    return base * (1.0 - backoff.jitter * rand())


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a `Retry-After` header into seconds to wait.

    Args:
        value: The header's value: delay-seconds (`"3"`, also `"1.5"`) or an HTTP-date.
        now: The current time, for HTTP-dates; defaults to the clock.

    Returns:
        Seconds to wait (0 for a date in the past), or `None` when the header is absent or not
        understood.
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN or infinite
            return None
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max((when - current).total_seconds(), 0.0)


@dataclass(frozen=True)
class RetryEvent:
    """What the `on_retry` hook is told before each retry.

    Attributes:
        attempt: The number of the retry about to happen (1 for the first).
        delay: How long the SDK waits before it, in seconds.
        request: The request being retried (the same object, with the same Idempotency-Key).
        status_code: The status that caused the retry, or `None` for a transport error.
        error: The transport error that caused the retry, or `None` for a status.
    """

    attempt: int
    delay: float
    request: httpx.Request
    status_code: int | None = None
    error: BaseException | None = None


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how patiently to retry.

    Attributes:
        max_retries: Retries after the first attempt; 0 disables retrying.
        backoff: The wait schedule when the server does not say how long to wait.
        max_retry_after: The longest `Retry-After` honoured, in seconds; a longer one is
            capped, so a misbehaving server cannot park a client for hours.
        on_retry: Called before each retry (from the thread or task making the request).
    """

    max_retries: int = 2
    backoff: Backoff = field(default_factory=Backoff)
    max_retry_after: float = 60.0
    on_retry: Callable[[RetryEvent], None] | None = None

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            msg = "max_retries must be >= 0"
            raise ValueError(msg)


def retry_delay(
    policy: RetryPolicy,
    attempt: int,
    headers: Mapping[str, str] | None = None,
    rand: Callable[[], float] = random.random,
) -> float:
    """Return how long to wait before retry number `attempt`, honouring `Retry-After`.

    Args:
        policy: The retry policy.
        attempt: 0 for the first retry, 1 for the second, …
        headers: The headers of the response that is retried, if there was one.
        rand: A source of floats in [0, 1); tests pass a fixed one.

    Returns:
        The server's `Retry-After` (capped at `policy.max_retry_after`) when it sent one,
        else the backoff delay.
    """
    if headers is not None:
        # httpx.Headers is case-insensitive, a plain mapping is not: look the name up both ways.
        value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
        retry_after = parse_retry_after(value)
        if retry_after is not None:
            return min(retry_after, policy.max_retry_after)
    return backoff_delay(attempt, policy.backoff, rand)
