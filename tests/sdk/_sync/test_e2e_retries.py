# generated from tests/sdk/_async/test_e2e_retries.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""Retries against the real server: a lost reply never creates twice."""

from __future__ import annotations

import pytest
from opentasks import APIConnectionError, Backoff, Client, RetryEvent
from opentasks.testing import LocalServer

from tests.sdk.proxy import TCPProxy

FAST = Backoff(initial=0.05, maximum=0.1, jitter=0)


def test_a_create_whose_reply_is_lost_creates_exactly_one_task(
    server: LocalServer, api_key: str, client: Client
) -> None:
    """The server creates the task, the reply is dropped, the retry gets the same task back."""
    retries: list[RetryEvent] = []
    with TCPProxy(server.port) as proxy:
        with Client(
            api_key=api_key, base_url=proxy.base_url, backoff=FAST, on_retry=retries.append
        ) as flaky:
            proxy.drop_replies(1)
            task = flaky.tasks.create(agent_id="exactly-once", prompt="hello")
    assert len(retries) == 1
    assert retries[0].error is not None
    assert [t.id for t in client.tasks.list(agent_id="exactly-once")] == [task.id]


def test_status_changes_and_events_are_not_applied_twice(
    server: LocalServer, api_key: str, client: Client
) -> None:
    """A retried status change and a retried publish each happen once."""
    task = client.tasks.create(agent_id="a")
    with TCPProxy(server.port) as proxy:
        with Client(api_key=api_key, base_url=proxy.base_url, backoff=FAST) as flaky:
            proxy.drop_replies(1)
            flaky.tasks.set_status(task.id, "executing")
            proxy.drop_replies(1)
            flaky.tasks.publish(task.id, "chunk", {"text": "once"})
    task.refresh()
    assert task.version == 2
    task.set_status("completed")
    kinds = [str(event.type) for event in task.events()]
    assert kinds == ["task_created", "task_status_changed", "chunk", "task_finished"]


def test_without_retries_the_lost_reply_is_a_connection_error(
    server: LocalServer, api_key: str
) -> None:
    """With retries off, the dropped reply surfaces as an APIConnectionError."""
    with TCPProxy(server.port) as proxy:
        with Client(api_key=api_key, base_url=proxy.base_url, max_retries=0) as flaky:
            proxy.drop_replies(1)
            with pytest.raises(APIConnectionError):
                flaky.tasks.create(agent_id="a")


def test_a_server_that_is_down_is_a_connection_error_after_the_retries() -> None:
    """Nothing listening: the retries run out and an APIConnectionError says where."""
    retries: list[RetryEvent] = []
    with LocalServer() as local:
        url = local.base_url
        key = local.api_key
    with Client(api_key=key, base_url=url, backoff=FAST, on_retry=retries.append) as sdk:
        with pytest.raises(APIConnectionError, match=url):
            sdk.tasks.list().first_page()
    assert len(retries) == 2
