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
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
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
_SQLITE = "SQLite"
_POSTGRES = "PostgreSQL"


async def _drive(count: int, concurrency: int, send: Sender) -> float:
    remaining = iter(range(count))

    async def worker() -> None:
        for _ in remaining:
            await send()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count / (time.perf_counter() - started)


async def _creates(
    context: Context,
    section: Section,
    references: dict[str, RunningServer],
    baseline: RunningServer,
) -> None:
    """Time creates on each reference server (by backend label) and the baseline, interleaved."""
    config = context.config
    try:
        import aiohttp
    except ImportError as exc:
        msg = "aiohttp is not installed (the `bench` dependency group)"
        raise Unavailable(msg) from exc

    async with contextlib.AsyncExitStack() as stack:
        bare = await stack.enter_async_context(aiohttp.ClientSession(baseline.base_url))

        def sender(session: aiohttp.ClientSession, idempotent: bool) -> Sender:
            async def send() -> None:
                headers = {"Idempotency-Key": str(uuid.uuid4())} if idempotent else {}
                async with session.post("/v1/tasks", json=_BODY, headers=headers) as response:
                    if response.status != 201:
                        msg = f"create answered {response.status}: {await response.text()}"
                        raise RuntimeError(msg)
                    await response.read()

            return send

        senders: dict[str, Sender] = {}
        labels: dict[str, str] = {}
        for backend, reference in references.items():
            ours = await stack.enter_async_context(
                aiohttp.ClientSession(reference.base_url, headers=reference.headers)
            )
            suffix, where = _suffix(backend), _where(backend)
            senders[f"reference{suffix}"] = sender(ours, idempotent=False)
            senders[f"reference+key{suffix}"] = sender(ours, idempotent=True)
            labels[f"reference{suffix}"] = f"reference server{where}, plain create"
            labels[f"reference+key{suffix}"] = (
                f"reference server{where}, create with Idempotency-Key"
            )
        senders["baseline"] = sender(bare, idempotent=False)
        labels["baseline"] = "bare FastAPI + SQLAlchemy + SQLite app"
        for name, label in labels.items():
            section.measurements.append(
                Measurement(f"create:{name}", label, "creates/s", extra={"vs": "create:baseline"})
            )

        async def one_round(name: str) -> float:
            return await _drive(config.creates, config.create_concurrency, senders[name])

        schedule = interleave(list(senders), config.create_rounds, config.warmup)
        for name, values in (await acollect(schedule, one_round)).items():
            section.get(f"create:{name}").samples = values

    for backend in references:
        suffix, where = _suffix(backend), _where(backend)
        section.ratio_check(
            f"create throughput: reference server{where} / bare app (plain create)",
            Target(">=", 0.7),
            f"create:reference{suffix}",
            "create:baseline",
        )
        section.ratio_check(
            f"create throughput: reference server{where} with Idempotency-Key / bare app",
            Target(">=", 0.7),
            f"create:reference+key{suffix}",
            "create:baseline",
        )


def _suffix(backend: str) -> str:
    return "" if backend == _SQLITE else f"@{backend}"


def _where(backend: str) -> str:
    return "" if backend == _SQLITE else f" on {backend}"


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


def _paging(
    context: Context, section: Section, server: RunningServer, backend: str = "SQLite"
) -> None:
    config = context.config
    suffix, where = _suffix(backend), _where(backend)
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
        existing = _count(client)
        wanted = config.page_depth + config.page_limit
        if existing < wanted:
            context.log(f"server: filling the task table{where} to {wanted:,} tasks")
            started = time.monotonic()
            asyncio.run(_fill(server, wanted - existing))
            section.params[f"fill seconds{where}"] = round(time.monotonic() - started, 1)
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
            f"page:first{suffix}",
            f"first page (limit {config.page_limit}){where}",
            "µs/call",
            samples=samples["first"],
            extra={"vs": f"page:first{suffix}"},
        ),
        Measurement(
            f"page:deep{suffix}",
            f"page at cursor depth {config.page_depth:,}{where}",
            "µs/call",
            samples=samples["deep"],
            extra={"vs": f"page:first{suffix}"},
        ),
    ]
    section.ratio_check(
        f"page at cursor depth {config.page_depth:,} / first page (time){where}",
        Target("<=", 1.2),
        f"page:deep{suffix}",
        f"page:first{suffix}",
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
    with contextlib.ExitStack() as stack:
        references = {
            _SQLITE: stack.enter_context(
                serve("reference", workdir / "reference", config.database_url)
            )
        }
        if config.postgres_url:
            database = stack.enter_context(_scratch_database(config.postgres_url))
            references[_POSTGRES] = stack.enter_context(
                serve("reference", workdir / "reference-pg", database)
            )
        baseline = stack.enter_context(serve("baseline", workdir / "baseline"))
        try:
            asyncio.run(_creates(context, section, references, baseline))
        except Unavailable as exc:
            section.notes.append(f"Create throughput not measured: {exc}.")
        for backend, reference in references.items():
            _paging(context, section, reference, backend)
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
    if config.postgres_url:
        section.notes.append(
            "The PostgreSQL rows run the reference server (one worker) on a new database of the "
            "server `--postgres-url` names, on the same machine; the bare app stays on SQLite."
        )
    elif config.database_url is None:
        section.notes.append(
            "SQLite only: `--postgres-url postgresql+asyncpg://...` (or "
            "`OPENTASKS_TEST_POSTGRES_URL` under `nox -s bench`) adds the same figures on "
            "PostgreSQL to the run."
        )
    return section


@contextlib.contextmanager
def _scratch_database(url: str) -> Iterator[str]:
    """Create a new database next to the one `url` names; yield its URL; drop it afterwards."""
    from sqlalchemy.engine import make_url

    name = f"opentasks_bench_{uuid.uuid4().hex[:12]}"
    _admin(url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(url: str, statement: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    async def run() -> None:
        engine = create_async_engine(
            make_url(url).set(drivername="postgresql+asyncpg"), isolation_level="AUTOCOMMIT"
        )
        try:
            async with engine.connect() as connection:
                await connection.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(run())
