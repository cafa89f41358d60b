"""5. Server: create throughput against a bare app, and a deep page against the first page.

- **Create throughput.** A fresh reference server and the bare baseline app
  (`baseline_app.py`), each on a new SQLite file, take rounds of `creates` task creates with
  `create_concurrency` in flight from one aiohttp client (the fastest client here, so the
  servers, not the client, set the pace). The reference server is measured twice: a plain create,
  and a create with an `Idempotency-Key`, as the SDK sends it on every POST.
- **Deep page.** The reference server's task table is filled to `page_depth + page_limit` tasks,
  the cursor at depth `page_depth` is found by walking the pages (`limit=100`), and then
  `GET /v1/tasks?limit=page_limit` (the first page) and the same with `after=<that cursor>`
  are timed one call at a time, interleaved.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import httpx

from benchmarks import profiling
from benchmarks.results import Measurement, Section, Unavailable
from benchmarks.servers import RunningServer, serve
from benchmarks.stats import Target, acollect, collect, interleave

if TYPE_CHECKING:
    from benchmarks.harness import Context

__all__ = ["run"]

_BODY = {"agent_id": "bench-server", "prompt": "Analyze the sales data", "name": "create"}
_WALK_LIMIT = 100
_FILL_CONCURRENCY = 16

Sender = Callable[[], Awaitable[None]]


async def _drive(count: int, concurrency: int, send: Sender) -> float:
    remaining = iter(range(count))

    async def worker() -> None:
        for _ in remaining:
            await send()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count / (time.perf_counter() - started)


async def _creates(
    context: Context, section: Section, reference: RunningServer, baseline: RunningServer
) -> None:
    config = context.config
    try:
        import aiohttp
    except ImportError as exc:
        msg = "aiohttp is not installed (the `bench` dependency group)"
        raise Unavailable(msg) from exc

    async with (
        aiohttp.ClientSession(reference.base_url, headers=reference.headers) as ours,
        aiohttp.ClientSession(baseline.base_url) as bare,
    ):

        def sender(session: aiohttp.ClientSession, idempotent: bool) -> Sender:
            async def send() -> None:
                headers = {"Idempotency-Key": str(uuid.uuid4())} if idempotent else {}
                async with session.post("/v1/tasks", json=_BODY, headers=headers) as response:
                    if response.status != 201:
                        msg = f"create answered {response.status}: {await response.text()}"
                        raise RuntimeError(msg)
                    await response.read()

            return send

        senders = {
            "reference": sender(ours, idempotent=False),
            "reference+key": sender(ours, idempotent=True),
            "baseline": sender(bare, idempotent=False),
        }
        labels = {
            "reference": "reference server, plain create",
            "reference+key": "reference server, create with Idempotency-Key",
            "baseline": "bare FastAPI + SQLAlchemy + SQLite app",
        }
        for name, label in labels.items():
            section.measurements.append(
                Measurement(f"create:{name}", label, "creates/s", extra={"vs": "create:baseline"})
            )

        async def one_round(name: str) -> float:
            return await _drive(config.creates, config.create_concurrency, senders[name])

        schedule = interleave(list(senders), config.create_rounds, config.warmup)
        for name, values in (await acollect(schedule, one_round)).items():
            section.get(f"create:{name}").samples = values

    section.ratio_check(
        "create throughput: reference server / bare app (plain create)",
        Target(">=", 0.7),
        "create:reference",
        "create:baseline",
    )
    section.ratio_check(
        "create throughput: reference server with Idempotency-Key / bare app",
        Target(">=", 0.7),
        "create:reference+key",
        "create:baseline",
    )


async def _fill(server: RunningServer, count: int) -> None:
    limits = httpx.Limits(max_connections=_FILL_CONCURRENCY)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=server.headers, limits=limits, timeout=60
    ) as client:

        async def send() -> None:
            (await client.post("/v1/tasks", json=_BODY)).raise_for_status()

        await _drive(count, _FILL_CONCURRENCY, send)


def _cursor_at(client: httpx.Client, depth: int) -> str:
    cursor: str | None = None
    walked = 0
    while walked < depth:
        params: dict[str, Any] = {"limit": min(_WALK_LIMIT, depth - walked)}
        if cursor:
            params["after"] = cursor
        page = client.get("/v1/tasks", params=params)
        page.raise_for_status()
        body = page.json()
        walked += len(body["data"])
        cursor = body["next_cursor"]
        if not body["has_more"] or cursor is None:
            msg = f"the task list ended at {walked} tasks, before depth {depth}"
            raise RuntimeError(msg)
    assert cursor is not None
    return cursor


async def _profiled_creates(context: Context, kind: str, count: int) -> str:
    """Serve `count` plain creates from a fresh server, profiled while it serves them."""
    import aiohttp

    workdir = context.workdir / f"server-profile-{kind}"
    with serve(kind, workdir, profile=workdir / "server.prof") as server:
        async with aiohttp.ClientSession(server.base_url, headers=server.headers) as session:

            async def send() -> None:
                async with session.post("/v1/tasks", json=_BODY) as response:
                    await response.read()

            await _drive(count, context.config.create_concurrency, send)  # warm-up
            with server.profile() as stats:
                await _drive(count, context.config.create_concurrency, send)
    return profiling.render_file(stats, count)


def _paging(context: Context, section: Section, server: RunningServer) -> None:
    config = context.config
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
        existing = _count(client)
        wanted = config.page_depth + config.page_limit
        if existing < wanted:
            context.log(f"server: filling the task table to {wanted:,} tasks")
            started = time.monotonic()
            asyncio.run(_fill(server, wanted - existing))
            section.params["fill seconds"] = round(time.monotonic() - started, 1)
        cursor = _cursor_at(client, config.page_depth)
        requests: dict[str, dict[str, str | int]] = {
            "first": {"limit": config.page_limit},
            "deep": {"limit": config.page_limit, "after": cursor},
        }
        for name, params in requests.items():
            page = client.get("/v1/tasks", params=params)
            page.raise_for_status()
            if len(page.json()["data"]) != config.page_limit:
                msg = f"the {name} page holds {len(page.json()['data'])} tasks"
                raise RuntimeError(msg)

        def one_round(name: str) -> float:
            params = requests[name]
            started = time.perf_counter()
            for _ in range(config.calls):
                client.get("/v1/tasks", params=params).json()
            return (time.perf_counter() - started) / config.calls * 1e6

        samples = collect(interleave(list(requests), config.rounds, config.warmup), one_round)
    section.measurements += [
        Measurement(
            "page:first",
            f"first page (limit {config.page_limit})",
            "µs/call",
            samples=samples["first"],
            extra={"vs": "page:first"},
        ),
        Measurement(
            "page:deep",
            f"page at cursor depth {config.page_depth:,}",
            "µs/call",
            samples=samples["deep"],
            extra={"vs": "page:first"},
        ),
    ]
    section.ratio_check(
        f"page at cursor depth {config.page_depth:,} / first page (time)",
        Target("<=", 1.2),
        "page:deep",
        "page:first",
        "" if config.page_depth >= 100_000 else "the issue's depth is 100,000: run with --full",
    )


def _count(client: httpx.Client) -> int:
    # No count endpoint: walk the list. Only used to top a fresh table up, so it stays small.
    total = 0
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": _WALK_LIMIT}
        if cursor:
            params["after"] = cursor
        body = client.get("/v1/tasks", params=params).json()
        total += len(body["data"])
        cursor = body["next_cursor"]
        if not body["has_more"] or cursor is None:
            return total


def run(context: Context) -> Section:
    """Measure the server's create throughput and deep-page cost.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config = context.config
    section = Section(
        key="server",
        title="5. Server",
        description=(
            "Create throughput: rounds of creates from one aiohttp client against a fresh "
            "reference server and the bare baseline app (`benchmarks/baseline_app.py`: pydantic "
            "body, one row in a `tasks` table shaped like ours, same SQLite settings, no auth, "
            "no event, no idempotency record). Deep page: one call at a time, time per call."
        ),
        params={
            "creates per round": config.creates,
            "in flight": config.create_concurrency,
            "create rounds": config.create_rounds,
            "page depth": config.page_depth,
            "page limit": config.page_limit,
            "paging rounds": config.rounds,
            "calls per paging round": config.calls,
        },
    )
    workdir = context.workdir / "server-bench"
    with (
        serve("reference", workdir / "reference", config.database_url) as reference,
        serve("baseline", workdir / "baseline") as baseline,
    ):
        try:
            asyncio.run(_creates(context, section, reference, baseline))
        except Unavailable as exc:
            section.notes.append(f"Create throughput not measured: {exc}.")
        _paging(context, section, reference)
    if config.profile and any(
        check.verdict == "missed" for check in section.checks if "create" in check.what
    ):
        for kind in ("reference", "baseline"):
            summary = asyncio.run(_profiled_creates(context, kind, config.creates))
            section.notes.append(
                f"cProfile of the {kind} server process serving {config.creates} plain creates "
                f"(per create, after a warm-up round; server process, main thread only: "
                f"aiosqlite runs SQLite in a thread of its own):\n\n```\n{summary}\n```"
            )
    if config.database_url is None:
        section.notes.append(
            "SQLite only: the same figures on PostgreSQL need a PostgreSQL server "
            "(`--database-url postgresql+asyncpg://...` runs the reference server on one; "
            "the baseline app stays on SQLite)."
        )
    return section
