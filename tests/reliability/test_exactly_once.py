"""1. Exactly-once creates: replies lost after the server acted never create a task twice.

A proxy between the SDK and the server process drops a share of the replies *after* the server
has handled the request (it reads the whole response, then closes the client's connection). The
SDK retries each of those with the same `Idempotency-Key`, and the server answers the retry with
the first response. Afterwards the server holds exactly one task per create call.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from opentasks import Backoff, Client, RetryEvent

from tests._fault_proxy import Fault, HTTPFaultProxy, RequestInfo
from tests._reliability import Sizes, percentiles
from tests._server_process import StartServer

# Short waits: the proxy drops replies, it does not overload anything.
FAST = Backoff(initial=0.01, maximum=0.1, jitter=0.5)
# The chance that one create loses 13 replies in a row at a 30 % drop rate is 2e-7.
MAX_RETRIES = 12


def test_creates_through_a_reply_dropping_proxy_create_each_task_exactly_once(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """N creates with ≥ 20 % of replies dropped → exactly N tasks, no duplicate, no error."""
    server = start_server()
    count = run_sizes.creates
    rng = random.Random(20_260_505)
    rng_lock = threading.Lock()

    def decide(request: RequestInfo) -> Fault:
        with rng_lock:
            drop = rng.random() < run_sizes.drop_rate
        return Fault.DROP_REPLY if drop else Fault.FORWARD

    retries: list[RetryEvent] = []
    latencies: list[float] = []
    errors: list[BaseException] = []
    created: dict[int, str] = {}
    with (
        HTTPFaultProxy(server.port, decide) as proxy,
        Client(
            api_key=api_key,
            base_url=proxy.base_url,
            max_retries=MAX_RETRIES,
            backoff=FAST,
            on_retry=retries.append,
        ) as client,
    ):

        def create(number: int) -> None:
            began = time.monotonic()
            try:
                task = client.tasks.create(
                    agent_id="exactly-once", name=f"create-{number:05d}", metadata={"n": number}
                )
            except BaseException as error:  # noqa: BLE001 - every error is counted, none expected
                errors.append(error)
                return
            latencies.append((time.monotonic() - began) * 1000)
            created[number] = task.id

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=run_sizes.create_threads) as pool:
            list(pool.map(create, range(count)))
        elapsed = time.monotonic() - began
        stats = proxy.stats

    with Client(api_key=api_key, base_url=server.base_url) as direct:
        stored = list(direct.tasks.list(agent_id="exactly-once", page_size=100))

    names = [str(task.name) for task in stored]
    ids = [task.id for task in stored]
    drop_share = stats.dropped / stats.requests
    figures.update(
        creates=count,
        threads=run_sizes.create_threads,
        requests_through_proxy=stats.requests,
        replies_dropped=stats.dropped,
        drop_share=round(drop_share, 3),
        sdk_retries=len(retries),
        errors_surfaced=len(errors),
        tasks_stored=len(stored),
        duplicates=len(names) - len(set(names)),
        creates_per_second=round(count / elapsed, 1),
        create_latency_ms=percentiles(latencies) if latencies else None,
    )
    assert errors == []
    assert drop_share >= 0.2, f"only {drop_share:.1%} of replies were dropped"
    assert len(stored) == count
    assert sorted(names) == sorted(f"create-{number:05d}" for number in range(count))
    assert len(set(ids)) == count
    # Every caller got the id of the one task that exists, even when its first reply was lost.
    assert set(created.values()) == set(ids)
    # Each dropped reply was retried by the SDK (the server had done the work, the SDK did not
    # know), and every retry of a create carried the key of its first attempt.
    assert len(retries) == stats.dropped
    keys = {request.headers["idempotency-key"] for request in proxy.requests}
    assert all(request.method == "POST" for request in proxy.requests)
    assert len(keys) == count


def test_replies_cut_after_their_headers_are_retried_and_nothing_happens_twice(
    start_server: StartServer, api_key: str, figures: dict[str, Any]
) -> None:
    """Status and headers arrive, the body never does: the SDK retries, like a lost reply."""
    server = start_server()
    methods = ["POST", "GET", "POST"]  # the create, a read, a status change: each cut once

    def decide(request: RequestInfo) -> Fault:
        if methods and request.method == methods[0]:
            methods.pop(0)
            return Fault.CUT_BODY
        return Fault.FORWARD

    retries: list[RetryEvent] = []
    with (
        HTTPFaultProxy(server.port, decide) as proxy,
        Client(
            api_key=api_key, base_url=proxy.base_url, backoff=FAST, on_retry=retries.append
        ) as client,
    ):
        task = client.tasks.create(agent_id="cut-bodies")
        assert client.tasks.get(task.id).id == task.id
        task.set_status("executing")
        cut = proxy.stats.dropped
    with Client(api_key=api_key, base_url=server.base_url) as direct:
        stored = list(direct.tasks.list(agent_id="cut-bodies"))
    figures.update(bodies_cut=cut, sdk_retries=len(retries))
    assert methods == []
    assert cut == 3
    assert len(retries) == 3
    assert all(isinstance(retry.error, httpx.RemoteProtocolError) for retry in retries)
    assert [(t.id, t.version, str(t.status)) for t in stored] == [(task.id, 2, "executing")]


async def test_the_async_client_retries_a_reply_cut_after_its_headers(
    start_server: StartServer, api_key: str
) -> None:
    """The async transport reads the body inside its retry loop too."""
    server = start_server()
    cut: list[int] = []

    def decide(request: RequestInfo) -> Fault:
        if request.method == "POST" and not cut:
            cut.append(request.number)
            return Fault.CUT_BODY
        return Fault.FORWARD

    with HTTPFaultProxy(server.port, decide) as proxy:
        async with Client(api_key=api_key, base_url=proxy.base_url, backoff=FAST) as client:
            task = await client.tasks.acreate(agent_id="cut-async")
            stored = [t.id async for t in client.tasks.alist(agent_id="cut-async")]
    assert cut
    assert stored == [task.id]


def test_a_save_whose_reply_is_lost_succeeds_for_the_caller(
    start_server: StartServer, api_key: str
) -> None:
    """The server applies the PATCH, the reply is dropped; the retried save succeeds.

    The retry carries the first attempt's `If-Match`, which names the version the first attempt
    already moved past; it also carries its `Idempotency-Key`, so the server answers it with the
    first reply instead of a 412.
    """
    server = start_server()
    dropped: list[int] = []

    def decide(request: RequestInfo) -> Fault:
        if request.method == "PATCH" and not dropped:
            dropped.append(request.number)
            return Fault.DROP_REPLY
        return Fault.FORWARD

    with (
        HTTPFaultProxy(server.port, decide) as proxy,
        Client(api_key=api_key, base_url=proxy.base_url, backoff=FAST) as client,
    ):
        task = client.tasks.create(agent_id="lost-save")
        task.output = "saved once"
        task.save()
        stored = client.tasks.get(task.id)
        patches = [request for request in proxy.requests if request.method == "PATCH"]
    assert dropped
    assert (stored.version, stored.output) == (2, "saved once")
    assert (task.version, task.output) == (2, "saved once")
    # Both attempts carried the same key; the second was answered with the first's reply.
    assert len(patches) == 2
    assert len({request.headers["idempotency-key"] for request in patches}) == 1
    # ... and the change was recorded once: one event, at the version the caller holds.
    page = httpx.get(
        f"{server.base_url}/v1/tasks/{task.id}/events",
        headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
    ).json()
    updates = [event["data"] for event in page["data"] if event["type"] == "task_updated"]
    assert updates == [{"changes": {"output": "saved once"}, "version": 2}]
