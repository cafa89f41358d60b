"""The retrying httpx transport beneath the generated client (see `_transport.py` for why)."""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from time import monotonic

import anyio
import httpx

from opentasks._context import current_call
from opentasks._logging import logger
from opentasks._retry import (
    RETRYABLE_ERRORS,
    RETRYABLE_STATUSES,
    Backoff,
    RetryEvent,
    RetryPolicy,
    retry_delay,
)
from opentasks._transport import IDEMPOTENCY_HEADER, KEYED_METHODS

__all__ = ["AsyncRetryTransport"]


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """An httpx transport that retries connection errors, 408, 429 and 5xx.

    It waits with capped exponential backoff and jitter between attempts, or as long as the
    server's `Retry-After` says, and gives every POST, PATCH and DELETE an `Idempotency-Key`
    that all its attempts share. The generated client's requests get all of this without knowing.

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
        self._policy = policy or RetryPolicy(
            max_retries=max_retries, backoff=backoff or Backoff(), on_retry=on_retry
        )
        self._sleep = sleep
        self._rand = rand

    @property
    def policy(self) -> RetryPolicy:
        """The policy used when the current call does not bring its own."""
        return self._policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request, retrying it while the policy allows.

        Args:
            request: The request.

        Returns:
            The first response that is not retried.

        Raises:
            httpx.TransportError: The last attempt failed without a response.
        """
        if request.method in KEYED_METHODS and IDEMPOTENCY_HEADER not in request.headers:
            request.headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())
        # An overlay call may carry its own policy (per-call or `with_options` overrides).
        call = current_call()
        policy = call.retry if call is not None and call.retry is not None else self._policy

        async def attempt() -> httpx.Response:
            response = await self._transport.handle_async_request(request)
            # A connection can also break after the headers arrived and before the body did (a
            # server killed between the two writes). Read later by the client, that failure
            # would escape the retries; read here, it is retried like any other dropped
            # connection. An event stream never ends: only its consumer reads it.
            if not response.headers.get("content-type", "").startswith("text/event-stream"):
                try:
                    await response.aread()
                except BaseException:
                    await response.aclose()
                    raise
            return response

        return await self._retrying(policy, attempt, lambda: request)

    async def _retrying(
        self,
        policy: RetryPolicy,
        attempt: Callable[[], Awaitable[httpx.Response]],
        request: Callable[[], httpx.Request],
    ) -> httpx.Response:
        """Make attempts until one is not retried, waiting between them.

        Args:
            policy: The retry policy of the request.
            attempt: Sends the request once; returns its response, its body read.
            request: Returns the request, for the retry events and the debug log. It is called
                only then: the direct path (`_direct.py`) builds its `httpx.Request` on demand.

        Returns:
            The first response that is not retried.

        Raises:
            httpx.TransportError: The last attempt failed without a response.
        """
        retries = 0
        while True:
            started = monotonic()
            try:
                response = await attempt()
            except Exception as error:
                if retries >= policy.max_retries or not isinstance(error, RETRYABLE_ERRORS):
                    raise
                delay = retry_delay(policy, retries, None, self._rand)
                event = RetryEvent(retries + 1, delay, request(), error=error)
                cause = repr(error)
            else:
                status = response.status_code
                if retries >= policy.max_retries or status not in RETRYABLE_STATUSES:
                    if logger.isEnabledFor(logging.DEBUG):
                        sent = request()
                        logger.debug(
                            "%s %s -> %d in %.0f ms (request_id=%s)",
                            sent.method,
                            sent.url,
                            status,
                            (monotonic() - started) * 1000,
                            response.headers.get("x-request-id"),
                        )
                    return response
                delay = retry_delay(policy, retries, response.headers, self._rand)
                event = RetryEvent(retries + 1, delay, request(), status_code=status)
                cause = f"status {status}"
                await response.aclose()
            logger.info(
                "retrying %s %s after %s (retry %d of %d, waiting %.2fs)",
                event.request.method,
                event.request.url,
                cause,
                event.attempt,
                policy.max_retries,
                delay,
            )
            if policy.on_retry is not None:
                policy.on_retry(event)
            await self._sleep(delay)
            retries += 1

    async def aclose(self) -> None:
        """Close the wrapped transport and its connections."""
        await self._transport.aclose()
