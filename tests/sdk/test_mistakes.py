"""What the SDK says when it is used wrongly: each mistake gets an error that names it.

Every test runs against the real reference server, so the error is the one a user would see.
"""

from __future__ import annotations

import inspect
import json
import logging
import threading

import pytest
from opentasks import Backoff, Client, Event
from opentasks.testing import LocalServer
from opentasks_api.types import UNSET


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
