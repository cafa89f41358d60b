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
from collections.abc import Awaitable, Callable
from pathlib import Path

__all__ = ["aprofile", "profile", "by_package"]

_TOP = 12


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
    short = _short(filename)
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    head = short.split("/", 1)[0]
    return head.removesuffix(".py") if "/" not in short else head


def _table(stats: pstats.Stats, calls: int) -> str:
    # pstats keeps its table in `stats.stats`: {(file, line, name): (cc, nc, tt, ct, callers)}.
    entries = stats.stats  # type: ignore[attr-defined]
    rows = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:_TOP]
    lines = [f"{'own µs/call':>12} {'cum µs/call':>12}  function"]
    for (filename, line, name), (_cc, _nc, own, cumulative, _callers) in rows:
        where = f"{_short(filename)}:{line}({name})" if line else name
        lines.append(f"{own / calls * 1e6:12.1f} {cumulative / calls * 1e6:12.1f}  {where}")
    return "\n".join(lines)


def by_package(stats: pstats.Stats, calls: int) -> dict[str, float]:
    """Add up the profiled own time per top-level package, in µs per call.

    Args:
        stats: The profile.
        calls: How many calls it covered.

    Returns:
        Package name to own time per call, largest first.
    """
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        package = _package(filename)
        totals[package] = totals.get(package, 0.0) + own / calls * 1e6
    return dict(sorted(totals.items(), key=lambda item: item[1], reverse=True))


def _render(profiler: cProfile.Profile, calls: int) -> str:
    stats = pstats.Stats(profiler, stream=sys.stderr)
    packages = by_package(stats, calls)
    top = ", ".join(f"{name} {value:.0f}" for name, value in list(packages.items())[:8])
    return f"own time by package (µs/call): {top}\n\n{_table(stats, calls)}"


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
