"""4. Backpressure: 429 and 503 with `Retry-After`; the SDK waits as told, then succeeds or says so.

The 429s come from the server's own rate limiter (`create_app(rate_limit=N)`: a token bucket per
key holding N requests and refilling N per minute; an empty bucket answers 429 with
`Retry-After`, the whole seconds until the next token). The reference server has no way to answer
503 on demand, so the 503s come from a proxy on a real socket in front of it, which answers the
first requests itself and forwards the rest.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from opentasks import Backoff, Client, InternalServerError, RateLimitError, RetryEvent

from tests._fault_proxy import Answer, Fault, HTTPFaultProxy, RequestInfo
from tests._reliability import Sizes, percentiles
from tests._server_process import ServerOptions, ServerProcess, StartServer

pytestmark = pytest.mark.slow  # seconds of outages and Retry-After waits

# 600 a minute: a bucket of 600 that refills 10 a second, so draining it is quick and one
# second of waiting earns about ten requests.
PER_MINUTE = 600
NEVER = Backoff(initial=30.0, maximum=30.0, jitter=0)  # proves Retry-After, not backoff, is used


def drain(server: ServerProcess, api_key: str) -> int:
    """Send requests with the key until the limiter refuses one; return how many it allowed."""
    headers = {"Authorization": f"Bearer {api_key}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
        for allowed in range(PER_MINUTE * 2):
            response = http.get("/v1/tasks", params={"limit": 1})
            if response.status_code == 429:
                assert response.headers["retry-after"] == "1"
                return allowed
            assert response.status_code == 200
    msg = "the rate limiter never answered 429"
    raise AssertionError(msg)


def burst(client: Client, calls: int) -> tuple[list[float], list[BaseException]]:
    """Make `calls` list calls at once; return the successes' latencies and the failures."""
    barrier = threading.Barrier(calls)
    latencies: list[float] = []
    errors: list[BaseException] = []

    def call(_: int) -> None:
        barrier.wait()
        began = time.monotonic()
        try:
            client.tasks.list(page_size=1).first_page()
        except BaseException as error:  # noqa: BLE001 - the test sorts the outcomes
            errors.append(error)
        else:
            latencies.append(time.monotonic() - began)

    with ThreadPoolExecutor(max_workers=calls) as pool:
        list(pool.map(call, range(calls)))
    return latencies, errors


def first_refusal(client: Client) -> RateLimitError:
    """Call until the limiter refuses; return the RateLimitError the caller got."""
    for _ in range(PER_MINUTE):
        try:
            client.tasks.list(page_size=1).first_page()
        except RateLimitError as error:
            return error
    msg = "the rate limiter never refused a call"
    raise AssertionError(msg)


def test_429_makes_the_sdk_wait_retry_after_and_then_succeed(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Over the limit, every call waits the server's Retry-After (not its backoff) and succeeds."""
    server = start_server(ServerOptions(rate_limit=PER_MINUTE))
    retries: list[RetryEvent] = []
    calls = run_sizes.rate_limited_calls
    allowed = drain(server, api_key)
    with Client(
        api_key=api_key,
        base_url=server.base_url,
        max_retries=2 * calls,
        backoff=NEVER,
        on_retry=retries.append,
    ) as client:
        began = time.monotonic()
        latencies, errors = burst(client, calls)
        elapsed = time.monotonic() - began
    figures.update(
        allowed_before_first_429=allowed,
        calls=calls,
        succeeded=len(latencies),
        errors=len(errors),
        responses_429=len(retries),
        retry_after_s=sorted({retry.delay for retry in retries}),
        call_latency_s=percentiles(latencies, 2),
        seconds_for_all=round(elapsed, 2),
    )
    assert errors == []
    assert len(latencies) == calls
    assert retries, "the burst was not rate limited"
    assert {retry.status_code for retry in retries} == {429}
    # The SDK waited exactly what the server said, never its 30 s backoff.
    assert {retry.delay for retry in retries} == {1.0}
    # Ten tokens a second: the burst cannot finish before its share of the refill.
    assert elapsed >= (calls / (PER_MINUTE / 60)) - 1.5


def test_429_past_max_retries_raises_rate_limit_error_with_the_request_id(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """A burst with one retry each: the calls left without a token raise RateLimitError."""
    server = start_server(ServerOptions(rate_limit=PER_MINUTE))
    calls = run_sizes.rate_limited_calls
    retries: list[RetryEvent] = []
    drain(server, api_key)
    with Client(
        api_key=api_key,
        base_url=server.base_url,
        max_retries=1,
        backoff=NEVER,
        on_retry=retries.append,
    ) as client:
        latencies, errors = burst(client, calls)
        # Without retries the very first 429 is the caller's. The bucket earns a token every
        # 100 ms, so a call made a little after the drain may still find one: call until refused.
        drain(server, api_key)
        retries_before = len(retries)
        no_retries = first_refusal(client.with_options(max_retries=0))
        assert len(retries) == retries_before, "max_retries=0 still retried"
    figures.update(
        calls=calls,
        max_retries=1,
        succeeded=len(latencies),
        rate_limit_errors=len(errors),
        responses_429=len(retries) + len(errors) + 1,
    )
    # About ten of the calls find a token after their one wait; the rest cannot.
    assert errors, "every call got a token; the burst did not exceed the limit"
    for error in [*errors, no_retries]:
        assert isinstance(error, RateLimitError), error
        assert error.status_code == 429
        assert error.request_id is not None
        assert error.request_id.startswith("req_")
        assert error.request_id == error.response.headers["x-request-id"]
        assert error.request_id in str(error)
        assert error.type == "https://opentasks.dev/problems/rate-limited"
        assert error.response.headers["retry-after"] == "1"
    # Each failed call was retried exactly once before it gave up.
    limited = [error for error in errors if isinstance(error, RateLimitError)]
    failed_requests = {id(error.request) for error in limited}
    retried = [retry for retry in retries if id(retry.request) in failed_requests]
    assert len(retried) == len(errors)


def _unavailable(first: int) -> tuple[list[str], Any]:
    """A proxy decision answering 503 + Retry-After to the first `first` requests."""
    answered: list[str] = []

    def decide(request: RequestInfo) -> Fault | Answer:
        if request.number > first:
            return Fault.FORWARD
        request_id = f"req_proxy{request.number:04d}"
        answered.append(request_id)
        problem = {
            "type": "https://opentasks.dev/problems/unavailable",
            "title": "Service unavailable",
            "status": 503,
            "detail": "Down for maintenance; retry soon.",
            "request_id": request_id,
        }
        return Answer(
            503,
            {
                "Content-Type": "application/problem+json",
                "Retry-After": "1",
                "X-Request-Id": request_id,
            },
            json.dumps(problem).encode(),
        )

    return answered, decide


def test_503_makes_the_sdk_wait_retry_after_and_the_create_happens_once(
    start_server: StartServer, api_key: str, figures: dict[str, Any]
) -> None:
    """Two 503s, then the server: the create waits 1 s twice and creates one task."""
    server = start_server()
    answered, decide = _unavailable(2)
    retries: list[RetryEvent] = []
    with (
        HTTPFaultProxy(server.port, decide) as proxy,
        Client(
            api_key=api_key,
            base_url=proxy.base_url,
            max_retries=2,
            backoff=NEVER,
            on_retry=retries.append,
        ) as client,
    ):
        began = time.monotonic()
        task = client.tasks.create(agent_id="unavailable")
        elapsed = time.monotonic() - began
        keys = {request.headers["idempotency-key"] for request in proxy.requests}
    with Client(api_key=api_key, base_url=server.base_url) as direct:
        stored = [stored.id for stored in direct.tasks.list(agent_id="unavailable")]
    figures.update(
        responses_503=len(answered), retries=len(retries), create_seconds=round(elapsed, 2)
    )
    assert [retry.status_code for retry in retries] == [503, 503]
    assert [retry.delay for retry in retries] == [1.0, 1.0]
    assert elapsed >= 2.0
    assert stored == [task.id]
    assert len(keys) == 1  # all three attempts carried the same Idempotency-Key


def test_503_past_max_retries_raises_internal_server_error_with_the_request_id(
    start_server: StartServer, api_key: str, figures: dict[str, Any]
) -> None:
    """More 503s than retries: InternalServerError with the last answer's request id."""
    server = start_server()
    answered, decide = _unavailable(10)
    with (
        HTTPFaultProxy(server.port, decide) as proxy,
        Client(api_key=api_key, base_url=proxy.base_url, max_retries=2, backoff=NEVER) as client,
        pytest.raises(InternalServerError) as raised,
    ):
        client.tasks.create(agent_id="unavailable")
    with Client(api_key=api_key, base_url=server.base_url) as direct:
        stored = list(direct.tasks.list(agent_id="unavailable"))
    figures.update(responses_503=len(answered), attempts=proxy.stats.requests)
    error = raised.value
    assert error.status_code == 503
    assert proxy.stats.requests == 3
    assert error.request_id == answered[-1] == "req_proxy0003"
    assert "req_proxy0003" in str(error)
    assert error.detail == "Down for maintenance; retry soon."
    assert stored == []
