"""The async client's default transport (aiohttp beneath httpx) on real sockets.

A scripted TCP server on loopback misbehaves in the ways a network does — refuses, hangs up
before answering, stalls, cuts a body short — and the tests check each failure comes out as the
httpx error the retry policy and the SDK's error tree expect, and is retried when it should be.
"""

from __future__ import annotations

import asyncio

import aiohttp
import anyio
import httpx
import pytest
from opentasks import APIConnectionError, APITimeoutError, Client
from opentasks._aiohttp import AsyncDefaultTransport, map_error
from opentasks.testing import LocalServer

from tests.sdk.scripted import KEY, Behaviour, answer, cut_body, free_port, hang_up, scripted, stall


async def _get(url: str, *, seconds: float = 5.0) -> httpx.Response:
    async with httpx.AsyncClient(transport=AsyncDefaultTransport(), timeout=seconds) as client:
        return await client.get(url)


async def test_a_refused_connection_is_a_connect_error() -> None:
    """Nothing listens on the port: `ConnectError`, which the policy retries."""
    port = free_port()
    with pytest.raises(httpx.ConnectError):
        await _get(f"http://127.0.0.1:{port}/")


async def test_a_hang_up_before_the_answer_is_a_remote_protocol_error() -> None:
    """The server reads the request and closes: `RemoteProtocolError`, as with httpx's own."""
    with scripted(hang_up) as server, pytest.raises(httpx.RemoteProtocolError):
        await _get(server.url)


async def test_a_stalled_answer_is_a_read_timeout() -> None:
    """No answer within the read timeout: `ReadTimeout`, not a connect timeout."""
    with scripted(stall) as server, pytest.raises(httpx.ReadTimeout):
        await _get(server.url, seconds=0.3)


async def test_a_body_cut_short_is_a_remote_protocol_error_when_read() -> None:
    """Headers arrive, the body stops early: reading it raises `RemoteProtocolError`."""
    with scripted(cut_body) as server:
        async with (
            httpx.AsyncClient(transport=AsyncDefaultTransport()) as client,
            client.stream("GET", server.url) as response,
        ):
            assert response.status_code == 200
            with pytest.raises(httpx.RemoteProtocolError):
                await response.aread()


@pytest.mark.parametrize("fault", [hang_up, cut_body], ids=["hang-up", "cut-body"])
async def test_the_sdk_retries_dropped_answers_on_the_default_transport(fault: Behaviour) -> None:
    """A client built with no transport retries a lost answer and returns the next one."""
    with scripted(fault, answer) as server:
        async with Client(api_key=KEY, base_url=server.url, max_retries=2) as client:
            response = await client.api.get_async_httpx_client().get("/")
        assert response.json() == {"ok": True}
        assert server.connections == 2


async def test_the_sdk_reports_a_stalled_server_as_a_timeout() -> None:
    """A read timeout reaches the caller as `APITimeoutError`."""
    with scripted(stall) as server:
        async with Client(api_key=KEY, base_url=server.url, max_retries=0, timeout=0.3) as client:
            with pytest.raises(APITimeoutError):
                await client.tasks.aget("task_x")


async def test_the_sdk_reports_a_refused_connection_after_its_retries() -> None:
    """A refused connection reaches the caller as `APIConnectionError`, not as a timeout."""
    port = free_port()
    async with Client(api_key=KEY, base_url=f"http://127.0.0.1:{port}", max_retries=1) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.tasks.aget("task_x")
    assert not isinstance(caught.value, APITimeoutError)


def test_a_client_works_across_event_loops(opentasks_local_server: LocalServer) -> None:
    """One client used from two `asyncio.run()` calls gets a session for each loop.

    Each session is closed as its loop ends, so nothing is left open (pytest turns an unclosed
    socket's ResourceWarning into an error).
    """
    client = opentasks_local_server.client()

    async def create() -> str:
        return (await client.tasks.acreate(agent_id="a", prompt="p")).id

    first = asyncio.run(create())
    second = asyncio.run(create())
    assert first != second

    async def close() -> None:
        await client.aclose()

    asyncio.run(close())


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError("cut"), httpx.RemoteProtocolError),
        (aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
        (aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
        (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
        (TimeoutError(), httpx.ReadTimeout),
    ],
)
def test_map_error_picks_the_specific_httpx_error(
    error: BaseException, expected: type[httpx.TransportError]
) -> None:
    """Each aiohttp error maps to the httpx error the retry policy and error tree expect."""
    mapped = map_error(error)
    assert type(mapped) is expected
    # httpx-aiohttp's own mapping wraps the aiohttp error as the cause; that is read too.
    wrapped = httpx.ConnectTimeout("mapped upstream")
    wrapped.__cause__ = error
    assert type(map_error(wrapped)) is expected


def test_map_error_leaves_unknown_errors_alone() -> None:
    """What is not a network error is re-raised as it is."""
    assert map_error(ValueError("bug")) is None
    assert map_error(httpx.ConnectError("no cause")) is None


def test_under_trio_async_calls_go_through_httpx_transport(
    opentasks_local_server: LocalServer,
) -> None:
    """Aiohttp needs asyncio; under trio the same client sends through httpx's own transport."""

    async def roundtrip() -> tuple[str, str]:
        async with opentasks_local_server.client() as client:
            created = await client.tasks.acreate(agent_id="a", prompt="under trio")
            return created.id, (await client.tasks.aget(created.id)).id

    created, fetched = anyio.run(roundtrip, backend="trio")
    assert created == fetched
