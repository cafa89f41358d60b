"""What the retrying httpx transports beneath the generated client decide (`_async/_transport.py`).

Retries live here, one layer below the generated functions, so every request the generated
client sends is retried the same way — the overlay's calls and a user's direct low-level calls
alike. A transport also sees every attempt of a request, which makes it the one place that can
stamp a POST, PATCH or DELETE with an `Idempotency-Key` once and send that same key on every
retry: the server then answers a retried create with the first response instead of creating
twice, and a retried save whose first reply was lost with that reply instead of a 412 (its
`If-Match` names the version the first attempt already moved past).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx

from ._context import current_call
from ._logging import logger
from ._retry import (
    Backoff,
    RetryEvent,
    RetryPolicy,
    is_retryable_error,
    is_retryable_status,
    retry_delay,
)

__all__ = [
    "IDEMPOTENCY_HEADER",
    "RetryCore",
    "ensure_idempotency_key",
    "is_event_stream",
    "make_policy",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"
# The methods that change something and that the server makes exactly-once with a key. PATCH and
# DELETE are idempotent in effect, but not in their answer once `If-Match` is involved, or once
# the resource is gone (a retried delete would answer 404).
_KEYED_METHODS = frozenset({"POST", "PATCH", "DELETE"})
_EVENT_STREAM = "text/event-stream"


def is_event_stream(response: httpx.Response) -> bool:
    """Tell whether a response is an event stream, which only its consumer reads (it never ends)."""
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith(_EVENT_STREAM)


def ensure_idempotency_key(request: httpx.Request) -> None:
    """Give a POST, PATCH or DELETE an `Idempotency-Key` (a random UUID) unless it has one.

    Args:
        request: The request; changed in place. Other methods (GET, HEAD, OPTIONS) are left
            alone: they change nothing, so a retry is harmless and answers the same.
    """
    if request.method in _KEYED_METHODS and IDEMPOTENCY_HEADER not in request.headers:
        request.headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())


def make_policy(
    policy: RetryPolicy | None,
    max_retries: int,
    backoff: Backoff | None,
    on_retry: Callable[[RetryEvent], None] | None,
) -> RetryPolicy:
    if policy is not None:
        return policy
    return RetryPolicy(max_retries=max_retries, backoff=backoff or Backoff(), on_retry=on_retry)


class RetryCore:
    """The decisions both transports share; they only differ in how they wait and close."""

    def __init__(self, policy: RetryPolicy, rand: Callable[[], float]) -> None:
        self.policy = policy
        self.rand = rand

    def active_policy(self) -> RetryPolicy:
        # An overlay call may carry its own policy (per-call or `with_options` overrides).
        call = current_call()
        if call is not None and call.retry is not None:
            return call.retry
        return self.policy

    def on_error(
        self, policy: RetryPolicy, attempt: int, request: httpx.Request, error: Exception
    ) -> float | None:
        """Return the wait before the next attempt, or `None` to give up and re-raise."""
        if attempt >= policy.max_retries or not is_retryable_error(error):
            return None
        delay = retry_delay(policy, attempt, None, self.rand)
        self._announce(policy, RetryEvent(attempt + 1, delay, request, error=error))
        return delay

    def on_response(
        self, policy: RetryPolicy, attempt: int, request: httpx.Request, response: httpx.Response
    ) -> float | None:
        """Return the wait before the next attempt, or `None` to hand the response back."""
        if attempt >= policy.max_retries or not is_retryable_status(response.status_code):
            return None
        delay = retry_delay(policy, attempt, response.headers, self.rand)
        event = RetryEvent(attempt + 1, delay, request, status_code=response.status_code)
        self._announce(policy, event)
        return delay

    @staticmethod
    def _announce(policy: RetryPolicy, event: RetryEvent) -> None:
        cause = f"status {event.status_code}" if event.error is None else repr(event.error)
        logger.info(
            "retrying %s %s after %s (retry %d of %d, waiting %.2fs)",
            event.request.method,
            event.request.url,
            cause,
            event.attempt,
            policy.max_retries,
            event.delay,
        )
        if policy.on_retry is not None:
            policy.on_retry(event)

    @staticmethod
    def log_response(request: httpx.Request, response: httpx.Response, started: float) -> None:
        logger.debug(
            "%s %s -> %d in %.0f ms (request_id=%s)",
            request.method,
            request.url,
            response.status_code,
            (time.monotonic() - started) * 1000,
            response.headers.get("x-request-id"),
        )
