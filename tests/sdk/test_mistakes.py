"""What the SDK says when it is used wrongly: each mistake gets an error that names it.

Every test runs against the real reference server, so the error is the one a user would see.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable

import pytest
from opentasks import (
    APIConnectionError,
    APITimeoutError,
    Backoff,
    Client,
    ClientClosedError,
    Event,
    NotFoundError,
    Task,
)
from opentasks.testing import LocalServer
from opentasks_api.types import UNSET

# A key no server knows, long enough that redacting it (keys are redacted process-wide) never
# touches other text.
UNUSED_KEY = "ot_unused-key-of-the-tests-for-mistakes-0000"


def test_unset_reads_as_unset_in_signatures_and_reprs(client: Client) -> None:
    """`UNSET` shows as `UNSET`, not as `<… Unset object at 0x…>`, in help and reprs."""
    assert repr(UNSET) == "UNSET"
    signature = str(inspect.signature(client.with_options))
    assert "api_key: 'str | Unset' = UNSET" in signature
    assert "object at" not in signature


async def test_awaiting_a_pager_says_to_iterate_it(aclient: Client) -> None:
    """`await client.tasks.alist()` is a TypeError that says to use `async for`."""
    await aclient.tasks.acreate(agent_id="a")
    pager = aclient.tasks.alist()
    with pytest.raises(TypeError, match="async for"):
        await pager  # type: ignore[misc]  # the mistake under test; type checkers flag it
    assert [task.agent_id async for task in pager] == ["a"]


def test_a_clean_close_is_logged_as_such(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A reconnect after the server closed the stream says so, not `interrupted (None)`."""
    with LocalServer(database_url, heartbeat_interval=0.5) as local:
        fast = Backoff(initial=0.05, maximum=0.1, jitter=0)
        with local.client(backoff=fast) as sdk:
            task = sdk.tasks.create(agent_id="a")
            stream = sdk.tasks.events(task.id)
            seen: list[Event] = [next(stream)]
            with caplog.at_level(logging.INFO, logger="opentasks"):
                restarted = threading.Timer(0.2, local.restart)
                restarted.start()
                restarted.join()
                task.set_status("stopped")
                seen.extend(stream)
    assert [str(event.type) for event in seen] == ["task_created", "task_finished"]
    reconnects = [r.getMessage() for r in caplog.records if "interrupted" in r.getMessage()]
    assert reconnects, caplog.text
    assert "(None)" not in caplog.text
    assert "the server closed the connection" in reconnects[0]


def test_free_form_json_fields_are_plain_dicts(client: Client) -> None:
    """`metadata`, `data`, `event.data`, `arguments`, … are dicts: `.get`, `json.dumps`, print."""
    task = client.tasks.create(agent_id="a", metadata={"team": "sales", "n": 1})
    fetched = client.tasks.get(task.id)
    assert type(fetched.metadata) is dict
    assert fetched.metadata.get("team") == "sales"
    assert sorted(fetched.metadata.keys()) == ["n", "team"]
    assert json.loads(json.dumps(fetched.metadata)) == {"team": "sales", "n": 1}
    task.publish("chunk", {"text": "hi"})
    stream = client.tasks.events(task.id, follow=True)
    with stream:
        created, chunk = next(stream), next(stream)
    assert created.data.get("status") == "pending"
    assert str(chunk.data) == "{'text': 'hi'}"
    execution = task.executions.start({"topic": "x"})
    assert client.executions.get(execution.id).arguments == {"topic": "x"}
    session = client.sessions.create(metadata={"k": [1, 2]})
    assert client.sessions.get(session.id).metadata["k"] == [1, 2]


async def test_free_form_json_fields_are_plain_dicts_async(aclient: Client) -> None:
    """The async calls give the same plain dicts."""
    task = await aclient.tasks.acreate(agent_id="a", data={"rows": 3})
    fetched = await aclient.tasks.aget(task.id)
    assert type(fetched.data) is dict
    assert fetched.data.get("rows") == 3
    async with aclient.tasks.aevents(task.id, follow=True) as stream:
        async for event in stream:
            assert type(event.data) is dict
            assert event.data["status"] == "pending"
            break


def test_a_closed_client_refuses_calls(server: LocalServer, api_key: str, client: Client) -> None:
    """After `close()` or its `with` block, a call raises ClientClosedError and sends nothing."""
    closed = Client(api_key=api_key, base_url=server.base_url)
    closed.tasks.create(agent_id="before")
    closed.close()
    with pytest.raises(ClientClosedError, match="closed"):
        closed.tasks.create(agent_id="after")
    with pytest.raises(ClientClosedError):
        closed.tasks.list().first_page()
    with pytest.raises(ClientClosedError):
        next(iter(closed.events()))
    closed.close()  # closing again is harmless
    with Client(api_key=api_key, base_url=server.base_url) as scoped:
        scoped.tasks.create(agent_id="before")
    with pytest.raises(ClientClosedError):
        scoped.tasks.create(agent_id="after")
    # A copy shares the pool: closing the copy closes the copy, not its original.
    copy = client.with_options(max_retries=0)
    copy.close()
    with pytest.raises(ClientClosedError):
        copy.tasks.create(agent_id="after")
    assert [task.agent_id for task in client.tasks.list()] == ["before", "before"]


async def test_a_closed_client_refuses_async_calls(
    server: LocalServer, api_key: str, aclient: Client
) -> None:
    """After `aclose()` or its `async with` block, async and sync calls raise ClientClosedError."""
    closed = Client(api_key=api_key, base_url=server.base_url)
    await closed.tasks.acreate(agent_id="before")
    await closed.aclose()
    with pytest.raises(ClientClosedError, match="closed"):
        await closed.tasks.acreate(agent_id="after")
    with pytest.raises(ClientClosedError):
        closed.tasks.get("task_x")
    async with Client(api_key=api_key, base_url=server.base_url) as scoped:
        await scoped.tasks.acreate(agent_id="before")
    with pytest.raises(ClientClosedError):
        await scoped.tasks.acreate(agent_id="after")
    assert [task.agent_id async for task in aclient.tasks.alist()] == ["before", "before"]


def _empty_id_calls(client: Client) -> dict[str, Callable[[], object]]:
    return {
        "task_id": lambda: client.tasks.get(""),
        "task_id ": lambda: client.tasks.update(" ", name="x"),
        "task_id  ": lambda: client.tasks.set_status("", "executing"),
        "task_id   ": lambda: client.tasks.events(""),
        "task_id    ": lambda: client.flag("", "success"),
        "task_id     ": lambda: client.executions.list(""),
        "session_id": lambda: client.sessions.get(""),
        "session_id ": lambda: client.sessions.tasks(""),
        "execution_id": lambda: client.executions.get(""),
        "test_id": lambda: client.tests.get(""),
        "test_id ": lambda: client.tests.comparisons(""),
    }


def test_empty_ids_are_refused_before_sending(client: Client) -> None:
    """An empty id is a ValueError naming the argument, not a 307 or another operation."""
    for name, call in _empty_id_calls(client).items():
        with pytest.raises(ValueError, match=f"^{name.strip()} must not be empty"):
            call()
    with pytest.raises(TypeError, match="task_id must be a string id"):
        client.tasks.get(None)  # type: ignore[arg-type]  # the mistake under test
    assert list(client.tasks.list()) == []


async def test_empty_ids_are_refused_before_sending_async(aclient: Client) -> None:
    """The async calls refuse empty ids the same way."""
    with pytest.raises(ValueError, match=r"^task_id must not be empty"):
        await aclient.tasks.aget("")
    with pytest.raises(ValueError, match=r"^session_id must not be empty"):
        await aclient.sessions.aupdate("", notes="x")
    with pytest.raises(ValueError, match=r"^task_id must not be empty"):
        aclient.tasks.aevents("")
    with pytest.raises(ValueError, match=r"^test_id must not be empty"):
        await aclient.aupdate_test("", "completed")


def test_arguments_are_checked_at_the_call(client: Client) -> None:
    """A bad page size or a JSON field that is not an object is named at the call."""
    with pytest.raises(ValueError, match="page_size must be between 1 and 100, got 0"):
        client.tasks.list(page_size=0)
    with pytest.raises(ValueError, match="page_size must be between 1 and 100, got 101"):
        client.sessions.list(page_size=101)
    with pytest.raises(TypeError, match="metadata must be a dict"):
        client.tasks.create(agent_id="a", metadata=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data must be a dict"):
        client.sessions.create(data="text")  # type: ignore[arg-type]
    task = client.tasks.create(agent_id="a")
    with pytest.raises(TypeError, match="arguments must be a dict"):
        task.executions.start([("k", "v")])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data must be a dict"):
        task.publish("chunk", ["not", "an", "object"])  # type: ignore[arg-type]
    assert [t.id for t in client.tasks.list()] == [task.id]


async def test_arguments_are_checked_at_the_async_call(aclient: Client) -> None:
    """The async calls check their arguments the same way."""
    with pytest.raises(ValueError, match="page_size must be between 1 and 100, got 0"):
        aclient.tasks.alist(page_size=0)
    with pytest.raises(TypeError, match="metadata must be a dict"):
        await aclient.tasks.acreate(agent_id="a", metadata=[1, 2])  # type: ignore[arg-type]


def test_client_arguments_are_checked_at_construction(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key of the wrong type or a URL without a scheme is refused by `Client()` itself."""
    with pytest.raises(TypeError, match=r"api_key must be a str, got int$"):
        Client(api_key=123)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="base_url must be an http:// or https:// URL"):
        Client(api_key=UNUSED_KEY, base_url="localhost:8000")
    monkeypatch.setenv("OPENTASKS_BASE_URL", "127.0.0.1:8000")
    with pytest.raises(ValueError, match=r"^OPENTASKS_BASE_URL: base_url must be"):
        Client(api_key=UNUSED_KEY)
    monkeypatch.setenv("OPENTASKS_BASE_URL", server.base_url + "/")
    assert Client(api_key=UNUSED_KEY).base_url == server.base_url


def test_an_unknown_log_level_warns() -> None:
    """`OPENTASKS_LOG=bogus` warns instead of silently logging nothing."""
    code = "from opentasks import Client; Client(api_key='k')"
    env = {**os.environ, "OPENTASKS_LOG": "bogus"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "OPENTASKS_LOG='bogus' is not a level the SDK knows" in result.stderr


def _sdk_frames(error: BaseException) -> list[str]:
    return [frame.filename for frame in traceback.extract_tb(error.__traceback__)]


def test_api_errors_are_raised_by_the_overlay_call(client: Client) -> None:
    """A 404's traceback runs through the overlay call only, not through httpx."""
    with pytest.raises(NotFoundError) as caught:
        client.tasks.get("task_01JD0000000000000000000000")
    frames = _sdk_frames(caught.value)
    assert not [name for name in frames if "httpx" in name], frames
    assert len(frames) <= 4, frames
    assert caught.value.__context__ is None


async def test_api_errors_are_raised_by_the_async_overlay_call(aclient: Client) -> None:
    """The same for the async call."""
    with pytest.raises(NotFoundError) as caught:
        await aclient.tasks.aget("task_01JD0000000000000000000000")
    frames = _sdk_frames(caught.value)
    assert not [name for name in frames if "httpx" in name], frames
    assert len(frames) <= 4, frames


async def test_connection_errors_read_the_same_sync_and_async() -> None:
    """Refused connections are worded alike by both transports, without aiohttp's `ssl:default`."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with Client(
        api_key=UNUSED_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0
    ) as nowhere:
        with pytest.raises(APIConnectionError) as sync_error:
            nowhere.tasks.get("task_01JD0000000000000000000000")
        with pytest.raises(APIConnectionError) as async_error:
            await nowhere.tasks.aget("task_01JD0000000000000000000000")
        nowhere.close()
    assert str(sync_error.value) == str(async_error.value)
    assert "ssl:default" not in str(async_error.value)
    assert str(sync_error.value).endswith("ConnectError: [Errno 111] Connection refused")
    assert not [name for name in _sdk_frames(async_error.value) if "httpx" in name]


def test_read_only_fields_refuse_assignment_and_later_calls_work(client: Client) -> None:
    """Assigning `id`, `version`, … raises at once; the object stays usable and saves."""
    task = client.tasks.create(agent_id="a")
    original = task.id
    # Filled through a twin class of the same layout, the object ends as a plain `Task`.
    assert type(task) is Task
    with pytest.raises(AttributeError, match=r"^Task\.id is read-only .*object is unchanged"):
        task.id = "task_x"
    for name, value in (("version", 7), ("agent_id", "b"), ("created_at", None)):
        with pytest.raises(AttributeError, match=rf"Task\.{name} is read-only"):
            setattr(task, name, value)
    assert task.id == original
    assert task.dirty_fields() == []
    task.output = "saved"
    task.status = "executing"
    assert task.save().version == 3
    assert client.tasks.get(original).output == "saved"
    session = client.sessions.create()
    with pytest.raises(AttributeError, match=r"Session\.version is read-only"):
        session.version = 9
    session.notes = "kept"
    assert session.save().notes == "kept"


async def test_read_only_fields_refuse_assignment_async(aclient: Client) -> None:
    """The same object refuses the assignment whichever half saves it."""
    task = await aclient.tasks.acreate(agent_id="a")
    with pytest.raises(AttributeError, match=r"Task\.id is read-only"):
        task.id = "task_x"
    task.notes = "async"
    await task.asave()
    assert (await aclient.tasks.aget(task.id)).notes == "async"


async def test_timeouts_read_the_same_sync_and_async() -> None:
    """A server that never answers times out with the same words from both transports."""
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, never answers
    port = silent.getsockname()[1]
    try:
        async with Client(
            api_key=UNUSED_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0
        ) as frozen:
            with pytest.raises(APITimeoutError) as sync_error:
                frozen.tasks.get("task_01JD0000000000000000000000", timeout=0.3)
            with pytest.raises(APITimeoutError) as async_error:
                await frozen.tasks.aget("task_01JD0000000000000000000000", timeout=0.3)
            frozen.close()
    finally:
        silent.close()
    assert str(sync_error.value) == str(async_error.value)
    assert str(sync_error.value).endswith("ReadTimeout: no answer within the read timeout")
