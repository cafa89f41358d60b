"""Retries against the real server: a lost reply never creates twice."""

from __future__ import annotations

import pytest
from opentasks import APIConnectionError, Backoff, Client, RetryEvent
from opentasks.testing import LocalServer

from tests.sdk.proxy import TCPProxy

FAST = Backoff(initial=0.05, maximum=0.1, jitter=0)


async def test_a_create_whose_reply_is_lost_creates_exactly_one_task(
    server: LocalServer, api_key: str, aclient: Client
) -> None:
    """The server creates the task, the reply is dropped, the retry gets the same task back."""
    retries: list[RetryEvent] = []
    with TCPProxy(server.port) as proxy:
        async with Client(
            api_key=api_key, base_url=proxy.base_url, backoff=FAST, on_retry=retries.append
        ) as flaky:
            proxy.drop_replies(1)
            task = await flaky.tasks.acreate(agent_id="exactly-once", prompt="hello")
    assert len(retries) == 1
    assert retries[0].error is not None
    assert [t.id async for t in aclient.tasks.alist(agent_id="exactly-once")] == [task.id]


async def test_status_changes_and_events_are_not_applied_twice(
    server: LocalServer, api_key: str, aclient: Client
) -> None:
    """A retried status change and a retried publish each happen once."""
    task = await aclient.tasks.acreate(agent_id="a")
    with TCPProxy(server.port) as proxy:
        async with Client(api_key=api_key, base_url=proxy.base_url, backoff=FAST) as flaky:
            proxy.drop_replies(1)
            await flaky.tasks.aset_status(task.id, "executing")
            proxy.drop_replies(1)
            await flaky.tasks.apublish(task.id, "chunk", {"text": "once"})
    await task.arefresh()
    assert task.version == 2
    await task.aset_status("completed")
    kinds = [str(event.type) async for event in task.aevents()]
    assert kinds == ["task_created", "task_status_changed", "chunk", "task_finished"]


async def test_without_retries_the_lost_reply_is_a_connection_error(
    server: LocalServer, api_key: str
) -> None:
    """With retries off, the dropped reply surfaces as an APIConnectionError."""
    with TCPProxy(server.port) as proxy:
        async with Client(api_key=api_key, base_url=proxy.base_url, max_retries=0) as flaky:
            proxy.drop_replies(1)
            with pytest.raises(APIConnectionError):
                await flaky.tasks.acreate(agent_id="a")


async def test_a_server_that_is_down_is_a_connection_error_after_the_retries() -> None:
    """Nothing listening: the retries run out and an APIConnectionError says where."""
    retries: list[RetryEvent] = []
    with LocalServer() as local:
        url = local.base_url
        key = local.api_key
    async with Client(api_key=key, base_url=url, backoff=FAST, on_retry=retries.append) as sdk:
        with pytest.raises(APIConnectionError, match=url):
            await sdk.tasks.alist().first_page()
    assert len(retries) == 2
