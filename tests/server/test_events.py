"""The event log over real HTTP: JSON pages, live SSE streams, resuming, heartbeats, publishing.

Streams are read from a real uvicorn server on a loopback port with httpx and httpx-sse, so
dropped connections, waiting clients and shutdown behave as they do in production.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse
from opentasks_server import create_api_key, create_app
from opentasks_server.event_stream import BATCH_SIZE
from opentasks_server.serving import find_broadcaster

from tests._databases import TestDatabases
from tests._live_server import LiveServer, run_server

# Generous for a loaded CI machine, tiny next to the 60 s heartbeat of the quiet server.
PROMPT = 1.5
TIMEOUT = httpx.Timeout(10.0)
SSE = {"Accept": "text/event-stream"}


@pytest.fixture(scope="module")
def db_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the module's SQLite files."""
    return tmp_path_factory.mktemp("events")


@pytest.fixture(scope="module")
def server(db_dir: Path, module_databases: TestDatabases) -> Iterator[tuple[LiveServer, str]]:
    """A server with a 0.2 s heartbeat, and its database URL."""
    url = module_databases.new(db_dir, "chatty")
    with run_server(create_app(url, heartbeat_interval=0.2)) as live:
        yield live, url


@pytest.fixture(scope="module")
def quiet_server(db_dir: Path, module_databases: TestDatabases) -> Iterator[tuple[LiveServer, str]]:
    """A server whose heartbeat (60 s) never fires during a test: only fan-out wakes streams."""
    url = module_databases.new(db_dir, "quiet")
    with run_server(create_app(url, heartbeat_interval=60)) as live:
        yield live, url


def _client(live: LiveServer, url: str) -> httpx.Client:
    # A project of its own per test, so project-wide streams see only the test's events.
    key = create_api_key(url, f"project-{uuid.uuid4().hex}")
    return httpx.Client(
        base_url=live.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=TIMEOUT
    )


@pytest.fixture
def client(server: tuple[LiveServer, str]) -> Iterator[httpx.Client]:
    """A client of the chatty server with a key of a fresh project."""
    with _client(*server) as http:
        yield http


@pytest.fixture
def quiet_client(quiet_server: tuple[LiveServer, str]) -> Iterator[httpx.Client]:
    """A client of the quiet server with a key of a fresh project."""
    with _client(*quiet_server) as http:
        yield http


def new_task(http: httpx.Client, **fields: object) -> dict[str, Any]:
    """Create a task and return it."""
    response = http.post("/v1/tasks", json={"agent_id": "agent123", **fields})
    assert response.status_code == 201, response.text
    task: dict[str, Any] = response.json()
    return task


def publish(
    http: httpx.Client, task_id: str, type_: str = "chunk", **data: object
) -> dict[str, Any]:
    """Publish a worker event on a task and return the recorded event."""
    response = http.post(f"/v1/tasks/{task_id}/events", json={"type": type_, "data": data})
    assert response.status_code == 201, response.text
    event: dict[str, Any] = response.json()
    return event


def set_status(http: httpx.Client, task_id: str, status: str) -> None:
    """Move a task to a status."""
    response = http.post(f"/v1/tasks/{task_id}/status", json={"status": status})
    assert response.status_code == 200, response.text


def all_events(http: httpx.Client, path: str) -> list[dict[str, Any]]:
    """Read every event of a list endpoint, page by page."""
    events: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = http.get(path, params={"after": cursor} if cursor else {}).json()
        events.extend(page["data"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return events


@contextlib.contextmanager
def later(delay: float, action: Callable[[], object]) -> Iterator[None]:
    """Run `action` on another thread after `delay` seconds, while the block runs.

    The block waits for the thread at its end and re-raises what it raised, so a test never
    leaves a request running behind it.
    """
    errors: list[BaseException] = []

    def run() -> None:
        time.sleep(delay)
        try:
            action()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join(10)
    if errors:
        raise errors[0]


# --- JSON pages ---------------------------------------------------------------------------------


def test_page_is_the_default_answer(client: httpx.Client) -> None:
    """Answers a JSON page with no Accept, */* or application/json."""
    task = new_task(client)
    for accept in (None, "*/*", "application/json"):
        headers = {"Accept": accept} if accept else {}
        response = client.get(f"/v1/tasks/{task['id']}/events", headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        page = response.json()
        assert [event["type"] for event in page["data"]] == ["task_created"]
        assert page["data"][0]["data"] == task
        assert page["has_more"] is False
        assert page["next_cursor"] == page["data"][0]["id"]


def test_pages_walk_the_log_in_order_and_keep_the_cursor(client: httpx.Client) -> None:
    """Pages 3 + 3 + 1 events in order; the last cursor stays for a poller to ask for more."""
    task = new_task(client)
    published = [publish(client, task["id"], text=str(n)) for n in range(6)]
    path = f"/v1/tasks/{task['id']}/events"
    pages = []
    cursor = None
    for _ in range(3):
        page = client.get(path, params={"limit": 3, **({"after": cursor} if cursor else {})}).json()
        pages.append(page)
        cursor = page["next_cursor"]
    assert [len(page["data"]) for page in pages] == [3, 3, 1]
    assert [page["has_more"] for page in pages] == [True, True, False]
    ids = [event["id"] for page in pages for event in page["data"]]
    assert ids == sorted(ids)
    assert len(set(ids)) == 7
    assert [event["id"] for event in pages[2]["data"]] == [published[-1]["id"]]
    assert pages[2]["next_cursor"] == published[-1]["id"]

    # Nothing new yet: an empty page that keeps the cursor; then the new event.
    empty = client.get(path, params={"after": cursor}).json()
    assert empty == {"data": [], "has_more": False, "next_cursor": cursor}
    newer = publish(client, task["id"], text="late")
    assert client.get(path, params={"after": cursor}).json()["data"] == [newer]


def test_bad_cursors_are_validation_problems(client: httpx.Client) -> None:
    """Answers 422 problems naming `after` or `Last-Event-ID` when they are not event ids."""
    task = new_task(client)
    for path in (f"/v1/tasks/{task['id']}/events", "/v1/events"):
        bad_after = client.get(path, params={"after": "task_01JD0000000000000000000000"})
        assert bad_after.status_code == 422
        assert bad_after.headers["content-type"] == "application/problem+json"
        assert bad_after.json()["errors"][0]["loc"] == ["query", "after"]
        bad_header = client.get(path, headers={"Last-Event-ID": "evt_42x", **SSE})
        assert bad_header.status_code == 422
        assert bad_header.json()["errors"][0]["loc"] == ["header", "Last-Event-ID"]


def test_an_event_number_alone_is_a_resume_point(client: httpx.Client) -> None:
    """`42` and `evt_000000000042` name the same place; `0` is before the first event."""
    task = new_task(client)
    publish(client, task["id"], text="one")
    path = f"/v1/tasks/{task['id']}/events"
    events = client.get(path).json()["data"]
    assert len(events) >= 2
    first = int(events[0]["id"].removeprefix("evt_"))
    for after in (str(first), events[0]["id"]):
        assert client.get(path, params={"after": after}).json()["data"] == events[1:]
        resumed = client.get(path, headers={"Last-Event-ID": after, "Accept": "application/json"})
        assert resumed.json()["data"] == events[1:]
    assert client.get(path, params={"after": "0"}).json()["data"] == events


def test_unknown_or_foreign_task_is_not_found(
    client: httpx.Client, server: tuple[LiveServer, str]
) -> None:
    """Answers 404 for a task of another project, on reads, streams and publishes alike."""
    task = new_task(client)
    with _client(*server) as other:
        path = f"/v1/tasks/{task['id']}/events"
        assert other.get(path).status_code == 404
        assert other.get(path, headers=SSE).status_code == 404
        assert other.post(path, json={"type": "chunk"}).status_code == 404
        assert other.get("/v1/events").json()["data"] == []
    assert len(all_events(client, path)) == 1


# --- publishing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "type_", ["task_done", "execution_log", "session_x", "test_run", "comparison_made"]
)
def test_reserved_types_are_rejected(client: httpx.Client, type_: str) -> None:
    """Refuses the server's own event prefixes with a 422 that says why, and records nothing."""
    task = new_task(client)
    response = client.post(f"/v1/tasks/{task['id']}/events", json={"type": type_})
    assert response.status_code == 422
    problem = response.json()
    assert "reserved" in problem["detail"]
    assert problem["errors"] == [
        {
            "loc": ["body", "type"],
            "message": "Event types starting with a server prefix are reserved",
            "type": "reserved_event_type",
        }
    ]
    assert [event["type"] for event in all_events(client, f"/v1/tasks/{task['id']}/events")] == [
        "task_created"
    ]


def test_published_event_carries_the_task_and_its_execution(client: httpx.Client) -> None:
    """Records the event with its task, the task's session and an execution of the task."""
    session = client.post("/v1/sessions", json={}).json()
    task = new_task(client, session_id=session["id"])
    execution = client.post(f"/v1/tasks/{task['id']}/executions", json={}).json()
    event = publish(client, task["id"], "tool_call_request", tool="search")
    assert event["task_id"] == task["id"]
    assert event["session_id"] == session["id"]
    assert event["execution_id"] is None
    assert event["data"] == {"tool": "search"}
    response = client.post(
        f"/v1/tasks/{task['id']}/events",
        json={"type": "tool_call_result", "execution_id": execution["id"]},
    )
    assert response.status_code == 201
    assert response.json()["execution_id"] == execution["id"]
    assert response.json()["data"] == {}


def test_execution_of_another_task_is_not_found(client: httpx.Client) -> None:
    """Answers 404 for an execution id that names no execution of the task."""
    task, other = new_task(client), new_task(client)
    execution = client.post(f"/v1/tasks/{other['id']}/executions", json={}).json()
    for execution_id in (execution["id"], "exe_01JD0000000000000000000000"):
        response = client.post(
            f"/v1/tasks/{task['id']}/events", json={"type": "log", "execution_id": execution_id}
        )
        assert response.status_code == 404
        assert execution_id in response.json()["detail"]


def test_publish_is_idempotent(client: httpx.Client) -> None:
    """Replays the first event for a repeated Idempotency-Key and records it once."""
    task = new_task(client)
    path = f"/v1/tasks/{task['id']}/events"
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    first = client.post(path, json={"type": "chunk", "data": {"n": 1}}, headers=headers)
    again = client.post(path, json={"type": "chunk", "data": {"n": 1}}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert len(all_events(client, path)) == 2
    reused = client.post(path, json={"type": "chunk", "data": {"n": 2}}, headers=headers)
    assert reused.status_code == 409


# --- streams ------------------------------------------------------------------------------------


def read(events: Iterator[ServerSentEvent], count: int) -> list[ServerSentEvent]:
    """Read `count` events from a stream."""
    return [next(events) for _ in range(count)]


def test_stream_frames_are_the_events_of_the_page(client: httpx.Client) -> None:
    """Sends one frame per event with id, event type and the page's Event JSON as data."""
    task = new_task(client)
    publish(client, task["id"], text="Revenue ")
    path = f"/v1/tasks/{task['id']}/events"
    with connect_sse(client, "GET", path) as source:
        assert source.response.headers["content-type"].startswith("text/event-stream")
        assert source.response.headers["cache-control"] == "no-store"
        assert source.response.headers["x-request-id"]
        frames = read(source.iter_sse(), 2)
    page = client.get(path).json()["data"]
    assert [frame.json() for frame in frames] == page
    assert [frame.id for frame in frames] == [event["id"] for event in page]
    assert [frame.event for frame in frames] == ["task_created", "chunk"]


def test_resume_after_a_dropped_connection_misses_and_repeats_nothing(
    client: httpx.Client,
) -> None:
    """Resumes from Last-Event-ID after a drop: together the two streams hold each event once."""
    task = new_task(client)
    for n in range(3):
        publish(client, task["id"], text=str(n))
    path = f"/v1/tasks/{task['id']}/events"
    with connect_sse(client, "GET", path) as source:
        before = read(source.iter_sse(), 2)
    # The connection is gone; the task moves on meanwhile.
    for n in range(3, 5):
        publish(client, task["id"], text=str(n))
    set_status(client, task["id"], "executing")
    set_status(client, task["id"], "completed")
    # Last-Event-ID takes precedence over a stale `after` left in the URL.
    with connect_sse(
        client,
        "GET",
        path,
        params={"after": before[0].id},
        headers={"Last-Event-ID": before[-1].id},
    ) as source:
        after = list(source.iter_sse())  # the stream ends after task_finished
    received = [frame.id for frame in before + after]
    assert received == [event["id"] for event in all_events(client, path)]
    assert len(received) == len(set(received)) == 8
    assert after[-1].event == "task_finished"


def test_a_backlog_longer_than_a_read_batch_streams_whole(client: httpx.Client) -> None:
    """Streams a backlog of more events than one read returns, in order, each once."""
    task = new_task(client)
    for n in range(BATCH_SIZE + 20):
        publish(client, task["id"], text=str(n))
    set_status(client, task["id"], "executing")
    set_status(client, task["id"], "stopped")
    path = f"/v1/tasks/{task['id']}/events"
    with connect_sse(client, "GET", path) as source:
        streamed = [frame.id for frame in source.iter_sse()]
    assert streamed == [event["id"] for event in all_events(client, path)]
    assert len(streamed) == BATCH_SIZE + 23


def test_event_published_while_a_client_waits_arrives_promptly(
    quiet_client: httpx.Client,
) -> None:
    """Delivers an event within a moment of its commit, without waiting for a heartbeat."""
    task = new_task(quiet_client)
    path = f"/v1/tasks/{task['id']}/events"
    published: dict[str, float] = {}

    def publish_later() -> None:
        publish(quiet_client, task["id"], text="now")
        published["at"] = time.monotonic()

    with connect_sse(quiet_client, "GET", path) as source:
        events = source.iter_sse()
        assert next(events).event == "task_created"
        with later(0.3, publish_later):
            frame = next(events)
            arrived = time.monotonic()
    assert frame.event == "chunk"
    assert frame.json()["data"] == {"text": "now"}
    assert arrived - published["at"] < PROMPT


def test_project_stream_wakes_for_writes_of_every_kind(quiet_client: httpx.Client) -> None:
    """Wakes a project stream for a task created, a session created and a status change."""
    with connect_sse(quiet_client, "GET", "/v1/events") as source:
        events = source.iter_sse()
        started = time.monotonic()
        with later(0.2, lambda: new_task(quiet_client)):
            assert next(events).event == "task_created"
        with later(0.1, lambda: quiet_client.post("/v1/sessions", json={})):
            assert next(events).event == "session_created"
        assert time.monotonic() - started < 2 * PROMPT


def test_heartbeats_are_sent_while_idle(client: httpx.Client) -> None:
    """Sends `: ping` comments every heartbeat interval while nothing happens."""
    task = new_task(client)
    lines: list[str] = []
    started = time.monotonic()
    with client.stream("GET", f"/v1/tasks/{task['id']}/events", headers=SSE) as response:
        for line in response.iter_lines():
            lines.append(line)
            if lines.count(": ping") == 3:
                break
    elapsed = time.monotonic() - started
    assert lines[0].startswith("id: ")
    assert 0.5 < elapsed < 5


def test_task_stream_ends_after_the_terminal_event(client: httpx.Client) -> None:
    """Ends a task's stream after task_finished, leaving out what comes after it."""
    task = new_task(client)
    set_status(client, task["id"], "executing")
    set_status(client, task["id"], "failed")
    assert client.post(f"/v1/tasks/{task['id']}/flag", json={"flag": "failure"}).status_code == 200
    with connect_sse(client, "GET", f"/v1/tasks/{task['id']}/events") as source:
        types = [frame.event for frame in source.iter_sse()]
    assert types == ["task_created", "task_status_changed", "task_finished"]


def test_stream_of_a_task_logged_as_finished_ends_after_its_creation(client: httpx.Client) -> None:
    """Ends at once after task_created when the task was created completed."""
    task = new_task(client, status="completed", output="done")
    with connect_sse(client, "GET", f"/v1/tasks/{task['id']}/events") as source:
        frames = list(source.iter_sse())
    assert [frame.event for frame in frames] == ["task_created"]
    # Resuming after the end answers 204 No Content, which ends a browser's EventSource.
    resumed = client.get(
        f"/v1/tasks/{task['id']}/events",
        headers={"Accept": "text/event-stream", "Last-Event-ID": frames[0].id},
    )
    assert resumed.status_code == 204
    assert resumed.content == b""


def test_task_stream_waits_for_the_terminal_event(client: httpx.Client) -> None:
    """Keeps a running task's stream open and ends it when the task finishes later."""
    task = new_task(client)
    path = f"/v1/tasks/{task['id']}/events"

    def finish() -> None:
        set_status(client, task["id"], "executing")
        set_status(client, task["id"], "completed")

    with connect_sse(client, "GET", path) as source, later(0.5, finish):  # heartbeats go by first
        types = [frame.event for frame in source.iter_sse()]
    assert types == ["task_created", "task_status_changed", "task_finished"]


def test_follow_keeps_the_stream_open_after_the_terminal_event(client: httpx.Client) -> None:
    """With follow=true, sends events after task_finished instead of ending."""
    task = new_task(client, status="completed")
    path = f"/v1/tasks/{task['id']}/events"
    with connect_sse(client, "GET", path, params={"follow": "true"}) as source:
        events = source.iter_sse()
        assert next(events).event == "task_created"
        flag = {"flag": "success"}
        with later(0.5, lambda: client.post(f"/v1/tasks/{task['id']}/flag", json=flag)):
            flagged = next(events)
    assert flagged.event == "task_flagged"
    assert flagged.json()["data"]["flag"] == "success"


def test_project_stream_filters_by_type(client: httpx.Client) -> None:
    """Streams and pages only the requested types of the project's events."""
    task = new_task(client)
    for type_ in ("chunk", "think", "log", "plan_updated"):
        publish(client, task["id"], type_)
    params = {"type": ["chunk", "log"]}
    page = client.get("/v1/events", params=params).json()["data"]
    assert [event["type"] for event in page] == ["chunk", "log"]
    with connect_sse(client, "GET", "/v1/events", params=params) as source:
        events = source.iter_sse()
        frames = read(events, 2)
        with later(0.3, lambda: [publish(client, task["id"], t) for t in ("think", "log")]):
            frames.append(next(events))
    assert [frame.event for frame in frames] == ["chunk", "log", "log"]
    assert [frame.json() for frame in frames[:2]] == page


def test_project_stream_resumes_with_after(client: httpx.Client) -> None:
    """Starts a project stream right after the `after` event."""
    task = new_task(client)
    first = publish(client, task["id"], text="a")
    second = publish(client, task["id"], text="b")
    with connect_sse(client, "GET", "/v1/events", params={"after": first["id"]}) as source:
        frame = next(source.iter_sse())
    assert frame.json() == second


def wait_for(condition: Callable[[], bool], timeout: float = 5) -> bool:
    """Poll `condition` until it holds or `timeout` seconds pass; return whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_client_disconnect_ends_the_stream_on_the_server(
    quiet_server: tuple[LiveServer, str],
) -> None:
    """Ends a waiting stream as soon as its client goes away, not at the next heartbeat."""
    live, url = quiet_server
    broadcaster = find_broadcaster(live.server.config.app)
    assert broadcaster is not None
    with _client(live, url) as http:
        task = new_task(http)
        with contextlib.ExitStack() as streams:
            # Keep each iterator: dropping one closes its connection early.
            readers = []
            for path in ("/v1/events", f"/v1/tasks/{task['id']}/events", "/v1/events"):
                source = streams.enter_context(connect_sse(http, "GET", path))
                readers.append(source.iter_sse())
                assert next(readers[-1]).event == "task_created"
            assert wait_for(lambda: broadcaster.waiting() == 3)
        # The 60 s heartbeat is far away: only the disconnect can end the waits this soon.
        assert wait_for(lambda: broadcaster.waiting() == 0, timeout=2)


def test_shutdown_ends_open_streams(database_url: str) -> None:
    """Ends open streams when the server shuts down, so the shutdown does not hang."""
    url = database_url
    with run_server(create_app(url, heartbeat_interval=60)) as live, _client(live, url) as http:
        task = new_task(http)
        with (
            connect_sse(http, "GET", "/v1/events") as project,
            connect_sse(http, "GET", f"/v1/tasks/{task['id']}/events") as task_stream,
        ):
            project_events, task_events = project.iter_sse(), task_stream.iter_sse()
            assert next(project_events).event == "task_created"
            assert next(task_events).event == "task_created"
            started = time.monotonic()
            live.server.should_exit = True
            # Both streams end cleanly instead of hanging on until the client gives up.
            assert list(task_events) == []
            assert list(project_events) == []
        assert time.monotonic() - started < 3
