"""The retrying transports, against `httpx.MockTransport` (faults a live server cannot make)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import httpx
import pytest
from opentasks import AsyncRetryTransport, Backoff, RetryEvent, RetryPolicy, RetryTransport
from opentasks._context import CallOptions, finish_call, start_call

NO_JITTER = Backoff(initial=0.5, maximum=4, jitter=0)


def scripted(
    *answers: int | Exception,
) -> tuple[Callable[[httpx.Request], httpx.Response], list[httpx.Request]]:
    """A handler that answers each request with the next status (or raises the next error)."""
    seen: list[httpx.Request] = []
    script = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = next(script)
        if isinstance(answer, Exception):
            raise answer
        headers = {"Retry-After": "1"} if answer == 429 else {}
        return httpx.Response(answer, headers=headers, json={"n": len(seen)})

    return handle, seen


def sync_client(
    handler: Callable[[httpx.Request], httpx.Response], **options: object
) -> tuple[httpx.Client, list[float]]:
    """An httpx client on a retrying mock transport, and the list of waits it made."""
    waits: list[float] = []
    transport = RetryTransport(
        httpx.MockTransport(handler),
        backoff=NO_JITTER,
        sleep=waits.append,
        **options,  # type: ignore[arg-type]
    )
    return httpx.Client(transport=transport, base_url="http://api.test"), waits


def test_retries_5xx_until_success() -> None:
    """A 503 and a 502 are retried; the 200 after them is returned."""
    handler, seen = scripted(503, 502, 200)
    client, waits = sync_client(handler)
    response = client.get("/v1/tasks")
    assert response.status_code == 200
    assert len(seen) == 3
    assert waits == [0.5, 1.0]


def test_gives_up_after_max_retries_and_returns_the_last_response() -> None:
    """After `max_retries` retries the last error response is handed back, not retried again."""
    handler, seen = scripted(500, 500, 500, 200)
    client, _ = sync_client(handler, max_retries=2)
    assert client.get("/").status_code == 500
    assert len(seen) == 3


def test_honours_retry_after() -> None:
    """A 429 waits as long as its Retry-After says."""
    handler, _ = scripted(429, 200)
    client, waits = sync_client(handler)
    assert client.get("/").status_code == 200
    assert waits == [1.0]


def test_retries_connection_errors_then_raises() -> None:
    """Connection errors are retried; when they persist, the last one is raised."""
    handler, seen = scripted(*([httpx.ConnectError("refused")] * 3))
    client, waits = sync_client(handler, max_retries=2)
    with pytest.raises(httpx.ConnectError):
        client.get("/")
    assert len(seen) == 3
    assert waits == [0.5, 1.0]


def test_client_errors_are_not_retried() -> None:
    """A 4xx (other than 408 and 429) is answered at once."""
    handler, seen = scripted(404, 200)
    client, waits = sync_client(handler)
    assert client.get("/").status_code == 404
    assert len(seen) == 1
    assert waits == []


def test_zero_retries_disables_retrying() -> None:
    """`max_retries=0` sends each request once."""
    handler, seen = scripted(503, 200)
    client, _ = sync_client(handler, max_retries=0)
    assert client.get("/").status_code == 503
    assert len(seen) == 1


def test_post_gets_one_idempotency_key_reused_across_retries() -> None:
    """Every attempt of a POST carries the same generated Idempotency-Key."""
    handler, seen = scripted(httpx.RemoteProtocolError("dropped"), 503, 201)
    client, _ = sync_client(handler)
    assert client.post("/v1/tasks", json={"agent_id": "a"}).status_code == 201
    keys = {request.headers["Idempotency-Key"] for request in seen}
    assert len(seen) == 3
    assert len(keys) == 1
    assert len(keys.pop()) == 36  # a UUID


def test_each_post_gets_its_own_key_and_a_given_key_is_kept() -> None:
    """Two POSTs get different keys; a key the caller chose is sent unchanged."""
    handler, seen = scripted(201, 201, 201)
    client, _ = sync_client(handler)
    client.post("/a", json={})
    client.post("/b", json={})
    client.post("/c", json={}, headers={"Idempotency-Key": "mine"})
    assert seen[0].headers["Idempotency-Key"] != seen[1].headers["Idempotency-Key"]
    assert seen[2].headers["Idempotency-Key"] == "mine"


def test_get_gets_no_idempotency_key() -> None:
    """GET changes nothing and carries no key."""
    handler, seen = scripted(200, 200)
    client, _ = sync_client(handler)
    client.get("/")
    client.head("/")
    assert all("Idempotency-Key" not in request.headers for request in seen)


def test_patch_and_delete_keep_one_key_across_retries() -> None:
    """A PATCH or DELETE whose reply was lost is retried with its first key.

    With `If-Match`, the retry of an applied PATCH would meet the version it created (412), and a
    retried DELETE would find nothing (404); the key lets the server answer with the first reply.
    """
    handler, seen = scripted(httpx.ReadError("lost"), 200, httpx.ReadError("lost"), 204)
    client, _ = sync_client(handler)
    assert client.patch("/v1/tasks/t", json={}, headers={"If-Match": '"1"'}).status_code == 200
    assert client.delete("/v1/sessions/s").status_code == 204
    assert [request.method for request in seen] == ["PATCH", "PATCH", "DELETE", "DELETE"]
    patch_keys = {request.headers["Idempotency-Key"] for request in seen[:2]}
    delete_keys = {request.headers["Idempotency-Key"] for request in seen[2:]}
    assert len(patch_keys) == len(delete_keys) == 1
    assert patch_keys != delete_keys


def test_on_retry_hook_is_told_each_retry() -> None:
    """The hook sees the retry number, the wait and the cause of each retry."""
    events: list[RetryEvent] = []
    handler, _ = scripted(httpx.ConnectError("refused"), 503, 200)
    client, _ = sync_client(handler, on_retry=events.append)
    client.get("/")
    assert [(event.attempt, event.delay, event.status_code) for event in events] == [
        (1, 0.5, None),
        (2, 1.0, 503),
    ]
    assert isinstance(events[0].error, httpx.ConnectError)


def test_a_call_can_bring_its_own_policy() -> None:
    """A policy in the current call's options replaces the transport's own."""
    handler, seen = scripted(503, 503, 503, 503, 200)
    client, _ = sync_client(handler, max_retries=0)
    scope = start_call(CallOptions(retry=RetryPolicy(max_retries=4, backoff=NO_JITTER)))
    try:
        assert client.get("/").status_code == 200
    finally:
        finish_call(scope)
    assert len(seen) == 5


async def test_async_transport_retries_and_keeps_the_key() -> None:
    """The async transport retries the same way, with the same Idempotency-Key."""
    counter = itertools.count()
    keys: list[str] = []
    waits: list[float] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers["Idempotency-Key"])
        if next(counter) < 2:
            raise httpx.ReadError("reset")
        return httpx.Response(201, json={})

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    transport = AsyncRetryTransport(httpx.MockTransport(handle), backoff=NO_JITTER, sleep=sleep)
    async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
        response = await client.post("/v1/tasks", json={})
    assert response.status_code == 201
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert waits == [0.5, 1.0]
