"""2. Async fan-out: many GETs and creates in flight at once, through each async client stack.

Each round sends `fanout_requests` requests with `fanout_concurrency` of them in flight (that many
workers, each sending its next request as soon as its last one is answered). Contenders:

- the SDK's `await client.tasks.aget(id)` / `await client.tasks.acreate(...)`;
- a default `httpx.AsyncClient()` (default pool limits; the SDK's 30 s timeout instead of
  httpx's 5 s, which a create queued behind SQLite's one writer can exceed),
  `get(...).json()` / `post(...)`;
- raw `aiohttp.ClientSession()` (default connector), the same requests;
- against the canned server only, candidates for a faster SDK: the generated `asyncio()`
  functions on default httpx, plain httpx over httpx-aiohttp's `AiohttpTransport`, and the
  generated functions over that transport.

Raw creates send an `Idempotency-Key` as the SDK does on every POST, so the server does the same
work for every contender. The sample of a round is its throughput in requests per second.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable
from importlib import metadata
from typing import TYPE_CHECKING, Any

import httpx

from benchmarks import profiling, sdk
from benchmarks.results import Measurement, Section, Unavailable
from benchmarks.stats import Target, acollect, interleave, percentile

if TYPE_CHECKING:
    from benchmarks.harness import Context
    from benchmarks.servers import RunningServer

__all__ = ["run"]

Request = Callable[[int], Awaitable[None]]
_BODY = {"agent_id": "bench-fanout", "prompt": "fan-out"}
_TARGETS = 64  # distinct tasks the GETs cycle through
_TIMEOUT = httpx.Timeout(30.0, connect=5.0)  # the SDK's DEFAULT_TIMEOUT


async def drive(
    requests: int, concurrency: int, send: Request, latencies: list[float] | None = None
) -> float:
    """Send `requests` requests with `concurrency` in flight; return the throughput.

    Args:
        requests: How many requests in all.
        concurrency: How many workers send them.
        send: Sends request number `i` and checks its answer.
        latencies: If given, each request's time in milliseconds is appended to it.

    Returns:
        Requests per second.
    """
    numbers = iter(range(requests))
    clock = time.perf_counter

    async def worker() -> None:
        # One iterator shared by the workers: each takes the next number when it is free.
        for number in numbers:
            sent = clock()
            await send(number)
            if latencies is not None:
                latencies.append((clock() - sent) * 1000)

    started = clock()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return requests / (clock() - started)


def _expect(status: int, wanted: int) -> None:
    if status != wanted:
        msg = f"the server answered {status}, not {wanted}"
        raise RuntimeError(msg)


async def _sdk(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    client = sdk.make_client(server.base_url, server.key)
    stack.push_async_callback(sdk.aclose_client, client)
    aget = sdk.require(client, "tasks.aget")
    acreate = sdk.require(client, "tasks.acreate")

    async def get(number: int) -> None:
        await aget(ids[number % len(ids)])

    async def create(_number: int) -> None:
        await acreate(**_BODY)

    return get, create


async def _httpx(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    # Default pool limits; the SDK's default timeout instead of httpx's 5 s, so that a create
    # queued behind SQLite's single writer is timed rather than failed, as with the others.
    client = await stack.enter_async_context(
        httpx.AsyncClient(base_url=server.base_url, headers=server.headers, timeout=_TIMEOUT)
    )

    async def get(number: int) -> None:
        response = await client.get(f"/v1/tasks/{ids[number % len(ids)]}")
        _expect(response.status_code, 200)
        response.json()

    async def create(_number: int) -> None:
        response = await client.post(
            "/v1/tasks", json=_BODY, headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        _expect(response.status_code, 201)
        response.json()

    return get, create


async def _aiohttp(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    try:
        import aiohttp
    except ImportError as exc:
        msg = "aiohttp is not installed (the `bench` dependency group)"
        raise Unavailable(msg) from exc
    session = await stack.enter_async_context(
        aiohttp.ClientSession(base_url=server.base_url, headers=server.headers)
    )

    async def get(number: int) -> None:
        async with session.get(f"/v1/tasks/{ids[number % len(ids)]}") as response:
            _expect(response.status, 200)
            await response.json()

    async def create(_number: int) -> None:
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        async with session.post("/v1/tasks", json=_BODY, headers=headers) as response:
            _expect(response.status, 201)
            await response.json()

    return get, create


def _aiohttp_transport() -> Any:  # noqa: ANN401 - httpx_aiohttp.AiohttpTransport, if installed
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError as exc:
        msg = "httpx-aiohttp is not installed (the `bench` dependency group)"
        raise Unavailable(msg) from exc
    return AiohttpTransport()


async def _generated_over(
    transport: Any,  # noqa: ANN401 - an httpx async transport, or None for httpx's default
    server: RunningServer,
    ids: list[str],
    stack: contextlib.AsyncExitStack,
) -> tuple[Request, Request]:
    from opentasks_api import AuthenticatedClient
    from opentasks_api.api.tasks import create_task, get_task
    from opentasks_api.models import Task, TaskCreate

    httpx_args = {"transport": transport} if transport is not None else {}
    client = await stack.enter_async_context(
        AuthenticatedClient(
            base_url=server.base_url, token=server.key, timeout=_TIMEOUT, httpx_args=httpx_args
        )
    )
    body = TaskCreate.from_dict(_BODY)

    async def get(number: int) -> None:
        if not isinstance(await get_task.asyncio(ids[number % len(ids)], client=client), Task):
            msg = "get_task.asyncio returned no task"
            raise RuntimeError(msg)

    async def create(_number: int) -> None:
        created = await create_task.asyncio(
            client=client, body=body, idempotency_key=str(uuid.uuid4())
        )
        if not isinstance(created, Task):
            msg = "create_task.asyncio returned no task"
            raise RuntimeError(msg)

    return get, create


async def _generated(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    return await _generated_over(None, server, ids, stack)


async def _generated_aiohttp(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    return await _generated_over(_aiohttp_transport(), server, ids, stack)


async def _httpx_aiohttp(
    server: RunningServer, ids: list[str], stack: contextlib.AsyncExitStack
) -> tuple[Request, Request]:
    client = await stack.enter_async_context(
        httpx.AsyncClient(
            base_url=server.base_url,
            headers=server.headers,
            timeout=_TIMEOUT,
            transport=_aiohttp_transport(),
        )
    )

    async def get(number: int) -> None:
        response = await client.get(f"/v1/tasks/{ids[number % len(ids)]}")
        _expect(response.status_code, 200)
        response.json()

    async def create(_number: int) -> None:
        response = await client.post(
            "/v1/tasks", json=_BODY, headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        _expect(response.status_code, 201)
        response.json()

    return get, create


_CONTENDERS: dict[str, tuple[str, Any]] = {
    "sdk": ("SDK await client.tasks.{op}", _sdk),
    "httpx": ("default httpx.AsyncClient", _httpx),
    "aiohttp": ("raw aiohttp.ClientSession", _aiohttp),
}
# Candidates for a faster SDK, measured against the canned server only (where the client's own
# cost shows, and where they take a fraction of a second a round).
_CANDIDATES: dict[str, tuple[str, Any]] = {
    "generated": ("generated {gen}.asyncio() on default httpx", _generated),
    "httpx-aiohttp": ("httpx.AsyncClient over httpx-aiohttp's AiohttpTransport", _httpx_aiohttp),
    "generated-aiohttp": ("generated {gen}.asyncio() over AiohttpTransport", _generated_aiohttp),
}
_GENERATED = {"get": "get_task", "create": "create_task"}
_OPS = {"get": "aget(id)", "create": "acreate(...)"}


async def _run(context: Context, section: Section) -> None:
    config, server, canned = context.config, context.reference, context.canned
    async with httpx.AsyncClient(base_url=server.base_url, headers=server.headers) as setup:
        ids = []
        for _ in range(_TARGETS):
            response = await setup.post("/v1/tasks", json=_BODY)
            response.raise_for_status()
            ids.append(response.json()["id"])
    # The canned server answers any path with its one task.
    targets = [
        ("", "", server, ids, _CONTENDERS),
        ("canned:", "[canned] ", canned, ids[:1], {**_CONTENDERS, **_CANDIDATES}),
    ]

    async with contextlib.AsyncExitStack() as stack:
        senders: dict[str, Request] = {}
        for prefix, shown, _server, _ids, contenders in targets:
            for op in _OPS:
                for name, (label, _make) in contenders.items():
                    text = label.format(op=_OPS[op], gen=_GENERATED[op])
                    section.measurements.append(
                        Measurement(
                            f"{prefix}{op}:{name}",
                            f"{shown}{op.upper()} {text}",
                            "req/s",
                            extra={"vs": f"{prefix}{op}:httpx"},
                        )
                    )
        for prefix, _shown, target, target_ids, contenders in targets:
            for name, (_label, make) in contenders.items():
                try:
                    get, create = await make(target, target_ids, stack)
                    await get(0)
                    await create(0)
                except Unavailable as exc:
                    for op in _OPS:
                        section.get(f"{prefix}{op}:{name}").unavailable = str(exc)
                    continue
                senders[f"{prefix}get:{name}"] = get
                senders[f"{prefix}create:{name}"] = create

        latencies: dict[str, list[list[float]]] = {name: [] for name in senders}

        async def one_round(name: str) -> float:
            latencies[name].append([])
            return await drive(
                config.fanout_requests,
                config.fanout_concurrency,
                senders[name],
                latencies[name][-1],
            )

        schedule = interleave(list(senders), config.fanout_rounds, config.warmup)
        samples = await acollect(schedule, one_round)
        for name, values in samples.items():
            measurement = section.get(name)
            measurement.samples = values
            measured = [ms for each in latencies[name][config.warmup :] for ms in each]
            measurement.extra["p50 ms"] = percentile(measured, 50)
            measurement.extra["p99 ms"] = percentile(measured, 99)
            measurement.extra["max ms"] = max(measured)

        for prefix, where in (("", ""), ("canned:", ", canned server")):
            for op in _OPS:
                section.ratio_check(
                    f"{op.upper()} fan-out{where}: SDK / default httpx.AsyncClient (throughput)",
                    Target(">=", 5),
                    f"{prefix}{op}:sdk",
                    f"{prefix}{op}:httpx",
                )
                section.ratio_check(
                    f"{op.upper()} fan-out{where}: SDK / raw aiohttp (throughput)",
                    Target(">=", 0.8),
                    f"{prefix}{op}:sdk",
                    f"{prefix}{op}:aiohttp",
                )
        section.notes.append(_sniffio_note())
        count = config.fanout_requests
        for prefix, where in (("", "reference server"), ("canned:", "canned server")):
            if not config.profile or f"{prefix}get:sdk" not in senders:
                continue
            send = senders[f"{prefix}get:sdk"]

            async def sdk_gets(send: Request = send) -> None:
                await drive(count, config.fanout_concurrency, send)

            profile = await profiling.aprofile(sdk_gets, count)
            section.notes.append(
                f"cProfile of one round of {count} SDK GETs at {config.fanout_concurrency} "
                f"in flight against the {where} (client process; per request):"
                f"\n\n```\n{profile}\n```"
            )


def _sniffio_note() -> str:
    try:
        version = metadata.version("sniffio")
    except metadata.PackageNotFoundError:
        version = None
    # httpcore imports sniffio on every async request when it is there, and retries the failed
    # import on every request when it is not (encode/httpcore#1103): it changes httpx's figures.
    state = f"installed ({version})" if version else "not installed"
    return (
        f"`sniffio` is {state} in this environment; httpcore tries to import it on every "
        "async request (encode/httpcore#1103), so it changes the httpx figures on both sides "
        "of the comparison."
    )


def run(context: Context) -> Section:
    """Measure the async fan-out throughput of each client stack.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config = context.config
    section = Section(
        key="fanout",
        title="2. Async fan-out",
        description=(
            f"{config.fanout_requests} requests per round with {config.fanout_concurrency} in "
            "flight; the sample is a round's throughput, and p50/p99/max are the requests' own "
            "times over the measured rounds. Raw creates send an `Idempotency-Key` like the "
            "SDK's, so the server does the same work for each. Rows marked [canned] run against "
            "`canned_server.py`, which answers at once, so they show each client's own ceiling; "
            "the unmarked rows are the reference server, whose own cost caps every client when "
            "client and server share 2 cores."
        ),
        params={
            "requests": config.fanout_requests,
            "concurrency": config.fanout_concurrency,
            "rounds": config.fanout_rounds,
            "warmup rounds": config.warmup,
        },
    )
    asyncio.run(_run(context, section))
    return section
