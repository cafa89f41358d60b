"""Retrying httpx transports, beneath the generated client.

Retries live here, one layer below the generated functions, so every request the generated
client sends is retried the same way — the overlay's calls and a user's direct low-level calls
alike. A transport also sees every attempt of a request, which makes it the one place that can
stamp a POST, PATCH or DELETE with an `Idempotency-Key` once and send that same key on every
retry: the server then answers a retried create with the first response instead of creating
twice, and a retried save whose first reply was lost with that reply instead of a 412 (its
`If-Match` names the version the first attempt already moved past).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Awaitable, Callable

import anyio
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

__all__ = ["IDEMPOTENCY_HEADER", "AsyncRetryTransport", "RetryTransport", "ensure_idempotency_key"]

IDEMPOTENCY_HEADER = "Idempotency-Key"
# The methods that change something and that the server makes exactly-once with a key. PATCH and
# DELETE are idempotent in effect, but not in their answer once `If-Match` is involved, or once
# the resource is gone (a retried delete would answer 404).
_KEYED_METHODS = frozenset({"POST", "PATCH", "DELETE"})
_EVENT_STREAM = "text/event-stream"


def _is_event_stream(response: httpx.Response) -> bool:
    # An event stream never ends by itself: it is read by its consumer, never here.
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith(_EVENT_STREAM)


def _preload(response: httpx.Response) -> None:
    """Read a response's body inside the retry loop (event streams excepted).

    A connection can also break after the headers arrived and before the body did (a server
    killed between the two writes). Read later by the client, that failure would escape the
    retries; read here, it is retried like any other dropped connection.
    """
    if _is_event_stream(response):
        return
    try:
        response.read()
    except BaseException:
        response.close()
        raise


async def _apreload(response: httpx.Response) -> None:
    """The asynchronous twin of `_preload`."""
    if _is_event_stream(response):
        return
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise


def ensure_idempotency_key(request: httpx.Request) -> None:
    """Give a POST, PATCH or DELETE an `Idempotency-Key` (a random UUID) unless it has one.

    Args:
        request: The request; changed in place. Other methods (GET, HEAD, OPTIONS) are left
            alone: they change nothing, so a retry is harmless and answers the same.
    """
    if request.method in _KEYED_METHODS and IDEMPOTENCY_HEADER not in request.headers:
        request.headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())


def _make_policy(
    policy: RetryPolicy | None,
    max_retries: int,
    backoff: Backoff | None,
    on_retry: Callable[[RetryEvent], None] | None,
) -> RetryPolicy:
    if policy is not None:
        return policy
    return RetryPolicy(max_retries=max_retries, backoff=backoff or Backoff(), on_retry=on_retry)


class _RetryCore:
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


class RetryTransport(httpx.BaseTransport):
    """An httpx transport that retries connection errors, 408, 429 and 5xx.

    It waits with capped exponential backoff and jitter between attempts, or as long as the
    server's `Retry-After` says, and gives every POST, PATCH and DELETE an `Idempotency-Key`
    that all its attempts share. The generated client's requests get all of this without knowing.

    Args:
        transport: The transport that sends the requests; a new `httpx.HTTPTransport` when
            omitted.
        max_retries: Retries after the first attempt.
        backoff: The wait schedule; `Backoff()` when omitted.
        on_retry: Called with a `RetryEvent` before each retry.
        policy: A complete policy, instead of the three arguments above.
        sleep: How to wait; tests pass a fake.
        rand: Where jitter comes from; tests pass a fixed one.
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        max_retries: int = 2,
        backoff: Backoff | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._transport = transport if transport is not None else httpx.HTTPTransport()
        self._core = _RetryCore(_make_policy(policy, max_retries, backoff, on_retry), rand)
        self._sleep = sleep

    @property
    def policy(self) -> RetryPolicy:
        """The policy used when the current call does not bring its own."""
        return self._core.policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request, retrying it while the policy allows.

        Args:
            request: The request.

        Returns:
            The first response that is not retried.

        Raises:
            httpx.TransportError: The last attempt failed without a response.
        """
        ensure_idempotency_key(request)
        policy = self._core.active_policy()
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self._transport.handle_request(request)
                _preload(response)
            except Exception as error:
                delay = self._core.on_error(policy, attempt, request, error)
                if delay is None:
                    raise
            else:
                delay = self._core.on_response(policy, attempt, request, response)
                if delay is None:
                    self._core.log_response(request, response, started)
                    return response
                response.close()
            self._sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the wrapped transport and its connections."""
        self._transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asynchronous twin of `RetryTransport`, for `httpx.AsyncClient`.

    Args:
        transport: The transport that sends the requests; a new `httpx.AsyncHTTPTransport`
            when omitted.
        max_retries: Retries after the first attempt.
        backoff: The wait schedule; `Backoff()` when omitted.
        on_retry: Called with a `RetryEvent` before each retry.
        policy: A complete policy, instead of the three arguments above.
        sleep: How to wait; tests pass a fake.
        rand: Where jitter comes from; tests pass a fixed one.
    """

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        max_retries: int = 2,
        backoff: Backoff | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[object]] = anyio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._transport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self._core = _RetryCore(_make_policy(policy, max_retries, backoff, on_retry), rand)
        self._sleep = sleep

    @property
    def policy(self) -> RetryPolicy:
        """The policy used when the current call does not bring its own."""
        return self._core.policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request, retrying it while the policy allows.

        Args:
            request: The request.

        Returns:
            The first response that is not retried.

        Raises:
            httpx.TransportError: The last attempt failed without a response.
        """
        ensure_idempotency_key(request)
        policy = self._core.active_policy()
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = await self._transport.handle_async_request(request)
                await _apreload(response)
            except Exception as error:
                delay = self._core.on_error(policy, attempt, request, error)
                if delay is None:
                    raise
            else:
                delay = self._core.on_response(policy, attempt, request, response)
                if delay is None:
                    self._core.log_response(request, response, started)
                    return response
                await response.aclose()
            await self._sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        """Close the wrapped transport and its connections."""
        await self._transport.aclose()
