# generated from overlay/opentasks/_async/_transport.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The retrying httpx transport beneath the generated client (see `_transport.py` for why)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from time import monotonic

import httpx

from opentasks._retry import Backoff, RetryEvent, RetryPolicy
from opentasks._transport import RetryCore, ensure_idempotency_key, is_event_stream, make_policy

__all__ = ["RetryTransport"]


def _preload(response: httpx.Response) -> None:
    """Read a response's body inside the retry loop (event streams excepted).

    A connection can also break after the headers arrived and before the body did (a server
    killed between the two writes). Read later by the client, that failure would escape the
    retries; read here, it is retried like any other dropped connection.
    """
    if is_event_stream(response):
        return
    try:
        response.read()
    except BaseException:
        response.close()
        raise


class RetryTransport(httpx.BaseTransport):
    """An httpx transport that retries connection errors, 408, 429 and 5xx.

    It waits with capped exponential backoff and jitter between attempts, or as long as the
    server's `Retry-After` says, and gives every POST, PATCH and DELETE an `Idempotency-Key`
    that all its attempts share. The generated client's requests get all of this without knowing.

    Args:
        transport: The transport that sends the requests; a new `httpx.HTTPTransport`
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
        self._core = RetryCore(make_policy(policy, max_retries, backoff, on_retry), rand)
        self._sleep = sleep

    @property
    def policy(self) -> RetryPolicy:
        """The policy used when the current call does not bring its own."""
        return self._core.policy

    @property
    def core(self) -> RetryCore:
        """The retry decisions, for a path that sends without an `httpx.Request` (`_direct.py`)."""
        return self._core

    def wait(self, delay: float) -> None:
        """Wait between two attempts, as this transport does.

        Args:
            delay: Seconds.
        """
        self._sleep(delay)

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
            started = monotonic()
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
