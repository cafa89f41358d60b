"""The direct path: the generated functions' requests sent without httpx's request machinery.

A client built with the default transports sends the requests of its methods straight to aiohttp
(async) or `http.client` (sync). A recording server on loopback checks that those requests are
byte for byte what httpx's path sends (given the same transport beneath it), and that answers,
errors, retries and hooks come out as on httpx's path.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opentasks import (
    APIConnectionError,
    APIResponseValidationError,
    Client,
    NotFoundError,
    RetryEvent,
)
from opentasks._aiohttp import AsyncDefaultTransport
from opentasks._direct import AnswerHeaders, DirectResponse
from opentasks._stdlib_transport import SyncDefaultTransport

from tests.sdk.samples import TASK_ID, task_json
from tests.sdk.scripted import KEY, free_port

_TASK = json.dumps(task_json()).encode()
_MISSING = json.dumps(
    {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no such task"}
).encode()


class _Recorder:
    """Answers each request from a script of (status, body) and records what it received.

    Past the end of the script it repeats the last answer; a 201 answers only a POST (the
    others get a 200). `requests` holds each request's
    request line, headers (lower-case names, in order) and body.
    """

    def __init__(self, *script: tuple[int, bytes]) -> None:
        self.script = list(script)
        self.requests: list[tuple[str, list[tuple[str, str]], bytes]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            data = b""
            while True:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, data = data.partition(b"\r\n\r\n")
                line, *lines = head.decode("latin-1").split("\r\n")
                headers = [
                    (name.strip().lower(), value.strip())
                    for name, _, value in (item.partition(":") for item in lines)
                ]
                length = int(dict(headers).get("content-length", "0"))
                while len(data) < length:
                    data += conn.recv(65536)
                body, data = data[:length], data[length:]
                self.requests.append((line, headers, body))
                status, answer = self.script[min(len(self.requests), len(self.script)) - 1]
                if status == 201 and not line.startswith("POST"):
                    status = 200  # what a create answers, the other calls answer with 200
                conn.sendall(
                    b'HTTP/1.1 %d X\r\nContent-Type: application/json\r\nETag: "1"\r\n'
                    b"X-Request-Id: req_1\r\nContent-Length: %d\r\n\r\n%s"
                    % (status, len(answer), answer)
                )

    def __enter__(self) -> _Recorder:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._listener.close()


@contextlib.contextmanager
def _recorder(*script: tuple[int, bytes]) -> Iterator[_Recorder]:
    with _Recorder(*script) as server:
        yield server


async def _get(client: Client, mode: str) -> None:
    if mode == "async":
        await client.tasks.aget(TASK_ID)
    else:
        client.tasks.get(TASK_ID)


def _comparable(request: tuple[str, list[tuple[str, str]], bytes]) -> dict[str, Any]:
    line, headers, body = request
    return {"line": line, "headers": sorted(headers), "body": body}


async def test_async_calls_send_what_httpx_sends() -> None:
    """A create and a get on the direct path send httpx's request line, headers and body."""
    with _recorder((201, _TASK)) as server:
        async with Client(api_key=KEY, base_url=server.url) as client:
            task = await client.tasks.acreate(agent_id="a", prompt="é", idempotency_key="k")
            await client.tasks.aget(TASK_ID)
        # An explicit transport keeps the requests on httpx's path.
        async with Client(
            api_key=KEY, base_url=server.url, async_transport=AsyncDefaultTransport()
        ) as client:
            await client.tasks.acreate(agent_id="a", prompt="é", idempotency_key="k")
            await client.tasks.aget(TASK_ID)
    assert task.id == TASK_ID
    assert task.etag == '"1"'
    direct, through_httpx = server.requests[:2], server.requests[2:]
    assert [_comparable(r) for r in direct] == [_comparable(r) for r in through_httpx]


def test_sync_calls_send_what_httpx_sends() -> None:
    """The same for the sync client over `http.client`."""
    with _recorder((201, _TASK)) as server:
        with Client(api_key=KEY, base_url=server.url) as client:
            client.tasks.create(agent_id="a", prompt="é", idempotency_key="k")
            client.tasks.get(TASK_ID)
            # The answer is a task, not a page: only the request matters here.
            with pytest.raises(APIResponseValidationError):
                list(client.tasks.list(agent_id="a", page_size=5).pages())
        with Client(api_key=KEY, base_url=server.url, transport=SyncDefaultTransport()) as client:
            client.tasks.create(agent_id="a", prompt="é", idempotency_key="k")
            client.tasks.get(TASK_ID)
            with pytest.raises(APIResponseValidationError):
                list(client.tasks.list(agent_id="a", page_size=5).pages())
    direct, through_httpx = server.requests[:3], server.requests[3:]
    assert [_comparable(r) for r in direct[:2]] == [_comparable(r) for r in through_httpx[:2]]
    # The query string of a list is httpx's encoding of the same parameters.
    assert direct[2][0] == through_httpx[2][0]
    assert direct[2][0].startswith("GET /v1/tasks?")


async def test_a_calls_extra_headers_and_query_are_sent_as_on_httpxs_path() -> None:
    """`extra_headers` (replacing a header of the client's) and `extra_query` reach the server."""
    extras: dict[str, Any] = {
        "extra_headers": {"X-Trace": "t1", "user-agent": "mine", "Idempotency-Key": "k2"},
        "extra_query": {"dry_run": "true"},
    }
    with _recorder((201, _TASK)) as server:
        async with Client(api_key=KEY, base_url=server.url) as client:
            await client.tasks.acreate(agent_id="a", **extras)
        async with Client(
            api_key=KEY, base_url=server.url, async_transport=AsyncDefaultTransport()
        ) as client:
            await client.tasks.acreate(agent_id="a", **extras)
    direct, through_httpx = server.requests
    assert _comparable(direct) == _comparable(through_httpx)
    assert direct[0] == "POST /v1/tasks?dry_run=true HTTP/1.1"
    headers = dict(direct[1])
    assert (headers["x-trace"], headers["user-agent"]) == ("t1", "mine")
    assert headers["idempotency-key"] == "k2"


async def test_a_create_without_a_key_gets_one_idempotency_key_for_every_attempt() -> None:
    """A 503 is retried with the same `Idempotency-Key`, which the retry event's request holds."""
    events: list[RetryEvent] = []
    with _recorder((503, b"{}"), (201, _TASK)) as server:
        async with Client(
            api_key=KEY, base_url=server.url, max_retries=1, on_retry=events.append
        ) as client:
            await client.tasks.acreate(agent_id="a")
    keys = [dict(headers)["idempotency-key"] for _, headers, _ in server.requests]
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert [event.status_code for event in events] == [503]
    assert events[0].request.headers["idempotency-key"] == keys[0]
    assert events[0].request.url == httpx.URL(f"{server.url}/v1/tasks")


@pytest.mark.parametrize("mode", ["async", "sync"])
async def test_an_error_answer_carries_a_full_response_and_request(mode: str) -> None:
    """A 404 raises `NotFoundError` whose response and request are httpx's, built on demand."""
    with _recorder((404, _MISSING)) as server:
        async with Client(api_key=KEY, base_url=server.url) as client:
            with pytest.raises(NotFoundError) as caught:
                await _get(client, mode)
    error = caught.value
    assert isinstance(error.response, DirectResponse)
    assert error.response.status_code == 404
    assert error.response.headers["x-request-id"] == "req_1"
    assert error.response.json()["detail"] == "no such task"
    assert error.request is not None
    assert error.request.method == "GET"
    assert error.request.url == httpx.URL(f"{server.url}/v1/tasks/{TASK_ID}")
    assert error.request.headers["authorization"] == f"Bearer {KEY}"
    assert error.response.elapsed.total_seconds() >= 0


@pytest.mark.parametrize("mode", ["async", "sync"])
async def test_a_refused_connection_names_the_request(mode: str) -> None:
    """Nothing listens: `APIConnectionError` after the retries, naming the method and URL."""
    url = f"http://127.0.0.1:{free_port()}"
    async with Client(api_key=KEY, base_url=url, max_retries=1) as client:
        with pytest.raises(APIConnectionError) as caught:
            await _get(client, mode)
    assert f"GET {url}/v1/tasks/{TASK_ID}" in str(caught.value)
    assert caught.value.request is not None


async def test_a_changed_client_goes_through_httpx() -> None:
    """A request hook added to the pool's client runs: such a client is left to httpx."""
    seen: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request)

    with _recorder((200, _TASK)) as server:
        async with Client(api_key=KEY, base_url=server.url) as client:
            http = client.api.get_async_httpx_client()
            http.event_hooks["request"].append(hook)
            task = await client.tasks.aget(TASK_ID)
    assert task.id == TASK_ID
    assert [request.url.path for request in seen] == [f"/v1/tasks/{TASK_ID}"]


async def test_response_hooks_and_base_paths_apply_on_the_direct_path() -> None:
    """A base URL with a path keeps it, and the client's response hooks see the answer."""
    seen: list[int] = []

    async def hook(response: httpx.Response) -> None:
        seen.append(response.status_code)

    with _recorder((200, _TASK)) as server:
        async with Client(api_key=KEY, base_url=f"{server.url}/prefix") as client:
            http = client.api.get_async_httpx_client()
            http.event_hooks["response"].insert(0, hook)
            await client.tasks.aget(TASK_ID)
    assert server.requests[0][0] == f"GET /prefix/v1/tasks/{TASK_ID} HTTP/1.1"
    assert seen == [200]


_ANSWER_PAIRS = [
    (b"Content-Type", b"application/json"),
    (b"ETag", b'"3"'),
    (b"Vary", b"Accept"),
    (b"vary", b"Origin"),
    (b"X-Request-Id", b"req_1"),
]


@pytest.mark.parametrize(
    "pairs",
    [
        _ANSWER_PAIRS,
        [*_ANSWER_PAIRS, (b"X-Note", "café".encode())],  # UTF-8
        [*_ANSWER_PAIRS, (b"X-Note", "café".encode("iso-8859-1"))],  # neither ASCII nor UTF-8
        [],
    ],
    ids=["ascii", "utf-8", "latin-1", "none"],
)
def test_answer_headers_read_as_httpx_headers_do(pairs: list[tuple[bytes, bytes]]) -> None:
    """An answer's headers find, join, decode and miss names exactly as `httpx.Headers` does."""
    ours, theirs = AnswerHeaders(pairs), httpx.Headers(pairs)
    assert ours.encoding == theirs.encoding
    assert ours.raw == theirs.raw
    assert ours == theirs
    for name in ("etag", "ETAG", "vary", "x-note", "set-cookie", "content-encoding"):
        assert (name in ours) == (name in theirs)
        assert ours.get(name) == theirs.get(name)
        assert ours.get(name, "absent") == theirs.get(name, "absent")
        assert ours.get_list(name) == theirs.get_list(name)
        if name in theirs:
            assert ours[name] == theirs[name]
        else:
            with pytest.raises(KeyError):
                ours[name]
    # httpx fails on a name that is not text; so does an answer's headers.
    with pytest.raises(AttributeError):
        _ = 7 in theirs
    with pytest.raises(AttributeError):
        _ = 7 in ours
    assert dict(ours.items()) == dict(theirs.items())


def test_answer_headers_change_as_httpx_headers_do() -> None:
    """Setting, deleting and updating an answer's headers is httpx's own, and lookups follow."""
    headers = AnswerHeaders(_ANSWER_PAIRS)
    headers["ETag"] = '"4"'
    del headers["vary"]
    headers.update({"Set-Cookie": "a=b"})
    assert headers["etag"] == '"4"'
    assert "vary" not in headers
    assert headers.get("set-cookie") == "a=b"
    assert isinstance(headers.copy(), httpx.Headers)
    assert headers.copy() == headers
