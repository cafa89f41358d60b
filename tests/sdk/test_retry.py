"""The retry policy, without I/O: backoff schedule, Retry-After, what is retryable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from opentasks import Backoff, RetryPolicy
from opentasks._retry import (
    RETRYABLE_ERRORS,
    RETRYABLE_STATUSES,
    backoff_delay,
    parse_retry_after,
    retry_delay,
)


def test_backoff_grows_exponentially_without_jitter() -> None:
    """Each wait doubles from the initial one when jitter is off."""
    backoff = Backoff(initial=0.5, maximum=100, multiplier=2, jitter=0)
    assert [backoff_delay(n, backoff) for n in range(4)] == [0.5, 1.0, 2.0, 4.0]


def test_backoff_is_capped() -> None:
    """No wait exceeds the maximum, even for huge attempt numbers."""
    backoff = Backoff(initial=1, maximum=8, jitter=0)
    assert backoff_delay(10, backoff) == 8
    assert backoff_delay(10_000, backoff) == 8


def test_jitter_takes_up_to_its_fraction_off() -> None:
    """With jitter 0.5 the wait lies between half and all of the base wait."""
    backoff = Backoff(initial=2, maximum=8, jitter=0.5)
    assert backoff_delay(0, backoff, rand=lambda: 0.0) == 2.0
    assert backoff_delay(0, backoff, rand=lambda: 0.999999) == pytest.approx(1.0, abs=1e-5)
    waits = {backoff_delay(1, backoff) for _ in range(50)}
    assert all(2.0 <= wait <= 4.0 for wait in waits)
    assert len(waits) > 1


@pytest.mark.parametrize(
    "kwargs",
    [{"initial": -1}, {"maximum": -1}, {"multiplier": 0.5}, {"jitter": 1.5}, {"jitter": -0.1}],
)
def test_backoff_rejects_nonsense(kwargs: dict[str, float]) -> None:
    """A backoff that could wait a negative or shrinking time is refused."""
    with pytest.raises(ValueError, match="backoff"):
        Backoff(**kwargs)


def test_policy_rejects_negative_retries() -> None:
    """A negative retry count is refused."""
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("3", 3.0), (" 7 ", 7.0), ("1.5", 1.5), ("0", 0.0), ("-4", 0.0)],
)
def test_retry_after_seconds(value: str, seconds: float) -> None:
    """Delay-seconds parse to seconds; negative values mean "now"."""
    assert parse_retry_after(value) == seconds


def test_retry_after_http_date() -> None:
    """An HTTP-date is turned into the seconds until then."""
    now = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(later, now=now) == pytest.approx(30.0)


def test_retry_after_date_in_the_past_means_now() -> None:
    """A date already past waits nothing."""
    now = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
    earlier = format_datetime(now - timedelta(minutes=5), usegmt=True)
    assert parse_retry_after(earlier, now=now) == 0.0


@pytest.mark.parametrize("value", [None, "", "soon", "nan", "inf", "Mon, 99 Foo 2026"])
def test_retry_after_not_understood(value: str | None) -> None:
    """Absent or garbled values give `None`, so the backoff applies."""
    assert parse_retry_after(value) is None


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status: int) -> None:
    """Request Timeout, Too Many Requests and the transient 5xx are retried."""
    assert status in RETRYABLE_STATUSES


@pytest.mark.parametrize("status", [200, 201, 400, 401, 404, 409, 412, 422, 501])
def test_statuses_not_retried(status: int) -> None:
    """Success, client errors and Not Implemented are not retried."""
    assert status not in RETRYABLE_STATUSES


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow"),
        httpx.ReadError("reset"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("closed without a response"),
        httpx.PoolTimeout("busy"),
    ],
)
def test_retryable_errors(error: Exception) -> None:
    """Connection failures, timeouts and dropped connections are retried."""
    assert isinstance(error, RETRYABLE_ERRORS)


@pytest.mark.parametrize(
    "error",
    [httpx.UnsupportedProtocol("ftp"), httpx.InvalidURL("bad"), ValueError("bug")],
)
def test_errors_not_retried(error: Exception) -> None:
    """Mistakes that a retry cannot fix are not retried."""
    assert not isinstance(error, RETRYABLE_ERRORS)


def test_retry_delay_honours_retry_after_over_backoff() -> None:
    """The server's Retry-After wins over the backoff, in any header case."""
    policy = RetryPolicy(backoff=Backoff(initial=5, jitter=0))
    assert retry_delay(policy, 0, httpx.Headers({"Retry-After": "2"})) == 2.0
    assert retry_delay(policy, 0, {"RETRY-AFTER": "3"}) == 3.0
    assert retry_delay(policy, 0, {}) == 5.0
    assert retry_delay(policy, 0, None) == 5.0


def test_retry_delay_caps_retry_after() -> None:
    """A Retry-After longer than the policy allows is capped."""
    policy = RetryPolicy(max_retry_after=10)
    assert retry_delay(policy, 0, {"retry-after": "3600"}) == 10
