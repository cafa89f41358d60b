"""Abuse of resources: oversized bodies, deeply nested JSON and hoarded event streams.

Each is refused with a problem answer (413, 422, 429) while the server process keeps answering
and its memory stays flat: the body is never held beyond the size limit, the nesting is measured
before any parser recurses into it, and a key cannot hold more event streams than the cap.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentasks import Client, EventStreamError
from opentasks_server import create_api_key
from opentasks_server.config import DEFAULT_MAX_BODY_BYTES
from opentasks_server.json_depth import MAX_JSON_DEPTH
from opentasks_server.stream_limit import DEFAULT_MAX_STREAMS_PER_KEY

from tests._databases import TestDatabases
from tests._reliability import Sizes, sizes
from tests._server_process import ServerOptions, ServerProcess
from tests.security.conftest import Deployment

MIB = 1024 * 1024
PROBLEM = "application/problem+json"
# The resident memory the server may gain while refusing all of this: the 10 MiB body limit,
# one copy of it in flight and the allocator's slack.
MEMORY_BUDGET = 48 * MIB


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    """Check a problem answer of a status and kind; return its body."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["type"] == f"https://opentasks.dev/problems/{slug}"
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def assert_alive(deployment: Deployment) -> None:
    """The server still answers, reads and writes."""
    with deployment.http(deployment.alpha.key) as http:
        assert http.get("/healthz").status_code == 200
        assert http.post("/v1/tasks", json={"agent_id": "still-here"}).status_code == 201


def nested(depth: int, inner: str = "1") -> str:
    """A JSON array nested `depth` levels deep around `inner`."""
    return "[" * depth + inner + "]" * depth


@pytest.fixture(scope="module")
def run_sizes() -> Sizes:
    """This run's sizes."""
    return sizes()


def test_an_oversized_body_is_413_without_reading_it_all(
    deployment: Deployment, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Bodies over the limit, declared or streamed, answer 413; memory does not follow them."""
    size = run_sizes.oversized_mib * MIB
    assert size > DEFAULT_MAX_BODY_BYTES
    rss_before = deployment.server.rss_bytes()
    prompt = "x" * size
    body = ('{"agent_id": "big", "prompt": "' + prompt + '"}').encode()

    def streamed() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        for start in range(0, len(body), MIB):
            yield body[start : start + MIB]

    with deployment.http(deployment.alpha.key) as http:
        declared = http.post(
            "/v1/tasks", content=body, headers={"Content-Type": "application/json"}
        )
        assert_problem(declared, 413, "payload-too-large")
        chunked = http.post(
            "/v1/tasks", content=streamed(), headers={"Content-Type": "application/json"}
        )
        assert_problem(chunked, 413, "payload-too-large")
        # The limit is the same for every write; a body that is not JSON at all is refused
        # before any of it is read.
        event = http.post(
            f"/v1/tasks/{deployment.alpha.ids['task_id']}/events",
            content=streamed(),
            headers={"Content-Type": "application/json"},
        )
        assert_problem(event, 413, "payload-too-large")
        text = http.post(
            f"/v1/tasks/{deployment.alpha.ids['task_id']}/events",
            content=streamed(),
            headers={"Content-Type": "text/plain"},
        )
        assert_problem(text, 415, "unsupported-media-type")
    rss_after = deployment.server.rss_bytes()
    figures.update(
        body_mib=run_sizes.oversized_mib,
        limit_mib=round(DEFAULT_MAX_BODY_BYTES / MIB, 1),
        server_rss_before_mib=round(rss_before / MIB, 1),
        server_rss_after_mib=round(rss_after / MIB, 1),
    )
    assert rss_after - rss_before < MEMORY_BUDGET
    assert_alive(deployment)


@pytest.mark.parametrize(
    ("depth", "status"),
    [
        (MAX_JSON_DEPTH - 2, 201),  # with the body's own object and `metadata`: exactly the limit
        (MAX_JSON_DEPTH - 1, 422),
        (255, 422),  # 257 levels in all: past pydantic's serializer (was a 500)
        (600, 422),
        (999, 422),  # past Python's parser recursion limit (was a 400 "malformed")
        (5000, 422),
    ],
)
def test_nesting_past_the_limit_is_422_and_within_it_works(
    deployment: Deployment, depth: int, status: int
) -> None:
    """`metadata` nested `depth` levels deep: accepted up to the limit, a 422 past it."""
    body = '{"agent_id": "deep", "metadata": {"x": ' + nested(depth) + "}}"
    with deployment.http(deployment.alpha.key) as http:
        response = http.post(
            "/v1/tasks", content=body, headers={"Content-Type": "application/json"}
        )
    if status == 201:
        assert response.status_code == 201, response.text[:500]
    else:
        problem = assert_problem(response, 422, "validation-error")
        assert problem["errors"][0]["type"] == "json_too_deep"


def test_deeply_nested_json_is_422_everywhere_without_hurting_the_server(
    deployment: Deployment, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Nesting of the configured depth, in every kind of body, answers 422; the server lives."""
    depth = run_sizes.nesting_depth
    ids = deployment.alpha.ids
    deep = nested(depth)
    attempts = [
        ("POST", "/v1/tasks", '{"agent_id": "deep", "metadata": {"x": ' + deep + "}}"),
        ("POST", "/v1/tasks", deep),
        ("POST", "/v1/tasks", '{"a": ' * depth + "1" + "}" * depth),
        ("PATCH", f"/v1/tasks/{ids['task_id']}", '{"data": {"x": ' + deep + "}}"),
        (
            "POST",
            f"/v1/tasks/{ids['task_id']}/events",
            '{"type": "chunk", "data": {"x": ' + deep + "}}",
        ),
        ("POST", "/v1/sessions", '{"metadata": {"x": ' + deep + "}}"),
        ("POST", f"/v1/tasks/{ids['task_id']}/executions", '{"arguments": {"x": ' + deep + "}}"),
        # No Content-Type: FastAPI parses such a body as JSON too, so it is measured as well.
        ("POST", "/v1/tests", '{"summary": {"x": ' + deep + "}}"),
    ]
    rss_before = deployment.server.rss_bytes()
    with deployment.http(deployment.alpha.key) as http:
        for number, (method, path, body) in enumerate(attempts):
            headers = {"Content-Type": "application/json"} if number < len(attempts) - 1 else {}
            response = http.request(method, path, content=body, headers=headers)
            assert_problem(response, 422, "validation-error")
    rss_after = deployment.server.rss_bytes()
    figures.update(
        depth=depth,
        body_kib=round(len(attempts[0][2]) / 1024, 1),
        requests=len(attempts),
        server_rss_before_mib=round(rss_before / MIB, 1),
        server_rss_after_mib=round(rss_after / MIB, 1),
    )
    assert rss_after - rss_before < MEMORY_BUDGET
    assert_alive(deployment)


# --- event streams per key ----------------------------------------------------------------------


@pytest.fixture
def capped(databases: TestDatabases, tmp_path: Path) -> Iterator[tuple[ServerProcess, str, str]]:
    """A server allowing 5 open streams per key; two keys of one project."""
    database_url = databases.new(tmp_path)
    key = create_api_key(database_url, "streams")
    other = create_api_key(database_url, "streams")
    server = ServerProcess(database_url, tmp_path, ServerOptions(max_streams_per_key=5))
    server.start()
    try:
        yield server, key, other
    finally:
        server.stop()


def open_stream(stack: contextlib.ExitStack, http: httpx.Client, path: str) -> httpx.Response:
    """Open an event stream and keep it open until `stack` closes."""
    response = stack.enter_context(
        http.stream("GET", path, headers={"Accept": "text/event-stream"})
    )
    if response.status_code >= 400:
        response.read()
    return response


def test_a_key_cannot_hold_more_event_streams_than_the_cap(
    capped: tuple[ServerProcess, str, str], figures: dict[str, Any]
) -> None:
    """The sixth stream of a key is a 429 with Retry-After; closing one frees its slot."""
    server, key, other = capped
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
        task = http.post("/v1/tasks", json={"agent_id": "streams"}).json()
        path = f"/v1/tasks/{task['id']}/events"
        with contextlib.ExitStack() as stack:
            streams = [open_stream(stack, http, path) for _ in range(4)]
            streams.append(open_stream(stack, http, "/v1/events"))  # project streams count too
            assert [stream.status_code for stream in streams] == [200] * 5
            refused = http.get(path, headers={"Accept": "text/event-stream"})
            problem = assert_problem(refused, 429, "too-many-streams")
            assert refused.headers["retry-after"].isdigit()
            # Pages are not streams: reading the log stays possible.
            assert http.get(path).status_code == 200
            # The cap is per key: another key of the same project still streams.
            with (
                httpx.Client(
                    base_url=server.base_url,
                    headers={"Authorization": f"Bearer {other}"},
                    timeout=10,
                ) as second,
                contextlib.ExitStack() as other_stack,
            ):
                assert open_stream(other_stack, second, path).status_code == 200
            # The SDK treats the 429 as a failed connection and gives up after its budget.
            with Client(api_key=key, base_url=server.base_url, max_retries=0) as sdk:
                events = sdk.tasks.get(task["id"]).events(max_reconnects=1)
                with pytest.raises(EventStreamError):
                    next(iter(events))
            streams[0].close()
            # The slot comes back once the server has seen the client go.
            reopened = _eventually_open(http, path, stack)
        # A stream that ends by itself (the task finished) gives its slot back too.
        with contextlib.ExitStack() as stack:
            streams = [open_stream(stack, http, path) for _ in range(5)]
            http.post(f"/v1/tasks/{task['id']}/stop", json={})
            for stream in streams:
                assert "task_finished" in stream.read().decode()
        with contextlib.ExitStack() as stack:
            assert [open_stream(stack, http, path).status_code for _ in range(5)] == [200] * 5
    figures.update(cap=5, refused_detail=problem["detail"], reopen_attempts=reopened)


def _eventually_open(http: httpx.Client, path: str, stack: contextlib.ExitStack) -> int:
    for attempt in range(1, 51):
        response = open_stream(stack, http, path)
        if response.status_code == 200:
            return attempt
        time.sleep(0.05)
    msg = "the closed stream's slot never came back"
    raise AssertionError(msg)


async def test_the_default_cap_allows_100_streams_per_key_and_refuses_the_101st(
    databases: TestDatabases, tmp_path: Path
) -> None:
    """`create_app()` caps streams at 100 per key by default."""
    database_url = databases.new(tmp_path)
    key = create_api_key(database_url, "default-cap")
    server = ServerProcess(database_url, tmp_path)
    server.start()
    try:
        headers = {"Authorization": f"Bearer {key}", "Accept": "text/event-stream"}
        limits = httpx.Limits(max_connections=DEFAULT_MAX_STREAMS_PER_KEY + 10)
        async with (
            httpx.AsyncClient(
                base_url=server.base_url, headers=headers, limits=limits, timeout=30
            ) as http,
            contextlib.AsyncExitStack() as stack,
        ):
            opened = await asyncio.gather(
                *(
                    stack.enter_async_context(http.stream("GET", "/v1/events"))
                    for _ in range(DEFAULT_MAX_STREAMS_PER_KEY)
                )
            )
            assert {response.status_code for response in opened} == {200}
            extra = await http.get("/v1/events")
            assert extra.status_code == 429
    finally:
        server.stop()
