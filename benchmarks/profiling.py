"""Profile a contender's hot path with cProfile and summarise where its time goes.

cProfile is in the standard library, so the harness can profile wherever it runs; py-spy or
pyinstrument (the `bench` dependency group) give sampled, lower-overhead views for a closer look.
cProfile inflates the cost of many small calls, so its figures show *where* time goes, not how
much a call costs; the timings in the tables come from unprofiled rounds.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

__all__ = ["aprofile", "by_package", "profile", "profile_iteration", "render_file"]

_TOP = 12
# Where an event loop waits for the network; time spent there is idle, not CPU.
_IDLE = {"<method 'poll' of 'select.epoll' objects>", "<method 'select' of 'select.epoll' objects>"}


def _short(filename: str) -> str:
    # Keep the part from the package on, so paths read the same on every machine.
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "overlay", "generated", "server", "lib"):
        if marker in parts:
            index = len(parts) - 1 - parts[::-1].index(marker)
            return "/".join(parts[index + 1 :])
    return path.name


def _package(filename: str) -> str:
    if filename.startswith(("~", "<")):
        return "builtins"  # C functions: socket calls, json, isinstance, ...
    parts = _short(filename).split("/")
    if parts[0].startswith("python3") and len(parts) > 1:
        parts = parts[1:]  # the standard library: name its module (asyncio, typing, ...)
    return parts[0].removesuffix(".py")


def _table(stats: pstats.Stats, calls: int) -> str:
    # pstats keeps its table in `stats.stats`: {(file, line, name): (cc, nc, tt, ct, callers)}.
    entries = stats.stats  # type: ignore[attr-defined]
    busy = [item for item in entries.items() if item[0][2] not in _IDLE]
    rows = sorted(busy, key=lambda item: item[1][2], reverse=True)[:_TOP]
    lines = [f"{'own µs/call':>12} {'cum µs/call':>12}  function"]
    for (filename, line, name), (_cc, _nc, own, cumulative, _callers) in rows:
        where = f"{_short(filename)}:{line}({name})" if line else name
        lines.append(f"{own / calls * 1e6:12.1f} {cumulative / calls * 1e6:12.1f}  {where}")
    return "\n".join(lines)


def by_package(stats: pstats.Stats, calls: int) -> dict[str, float]:
    """Add up the profiled own time per top-level package, in µs per call.

    Time an event loop spends waiting in `epoll` for the network is counted as `(idle)`, not
    as a package's: it is no one's CPU.

    Args:
        stats: The profile.
        calls: How many calls it covered.

    Returns:
        Package name to own time per call, largest first.
    """
    totals: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        package = "(idle)" if name in _IDLE else _package(filename)
        totals[package] = totals.get(package, 0.0) + own / calls * 1e6
    return dict(sorted(totals.items(), key=lambda item: item[1], reverse=True))


def _render(profiler: cProfile.Profile | str, calls: int) -> str:
    stats = pstats.Stats(profiler, stream=sys.stderr)
    packages = by_package(stats, calls)
    top = ", ".join(f"{name} {value:.0f}" for name, value in list(packages.items())[:8])
    header = f"own time by package (µs/call): {top}"
    statements = _sql_statements(stats)
    if statements:
        header += f"\nSQL statements executed per call: {statements / calls:.1f}"
    return f"{header}\n\n{_table(stats, calls)}"


def _sql_statements(stats: pstats.Stats) -> int:
    # Every statement SQLAlchemy sends (BEGIN included) passes through this one method.
    return sum(
        calls
        for (filename, _line, name), (_cc, calls, *_rest) in stats.stats.items()  # type: ignore[attr-defined]
        if name == "_execute_context" and filename.endswith("engine/base.py")
    )


def profile(function: Callable[[], object], calls: int) -> str:
    """Profile `calls` calls of a function.

    Args:
        function: One call of the contender.
        calls: How many calls to profile.

    Returns:
        A plain-text summary: own time per package, then the top functions by own time.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        function()
    profiler.disable()
    return _render(profiler, calls)


async def aprofile(run: Callable[[], Awaitable[object]], calls: int) -> str:
    """Profile one run of a coroutine function on the running event loop.

    Args:
        run: Runs the whole workload (e.g. 1,000 requests at 64 concurrency).
        calls: How many requests it makes, to state the figures per request.

    Returns:
        The same summary as `profile`.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        await run()
    finally:
        profiler.disable()
    return _render(profiler, calls)


def render_file(path: Path, calls: int) -> str:
    """Summarise statistics that another process wrote (`cProfile.Profile.dump_stats`).

    Args:
        path: The statistics file.
        calls: How many requests the profiled process served, to state figures per request.

    Returns:
        The same summary as `profile`.
    """
    return _render(str(path), calls)


def profile_iteration(items: Iterator[object]) -> str:
    """Profile consuming an iterator to its end (e.g. reading an event stream).

    Args:
        items: The iterator.

    Returns:
        The same summary as `profile`, per item.
    """
    profiler = cProfile.Profile()
    count = 0
    profiler.enable()
    for _item in items:
        count += 1
    profiler.disable()
    return _render(profiler, max(count, 1))
