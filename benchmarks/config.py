"""The harness's knobs: sizes and round counts, from the command line or the environment.

Every knob has a CI-sized default (the whole run takes a few minutes on 2 cores), a command-line
option (`--events 100000`) and an environment variable (`OPENTASKS_BENCH_EVENTS=100000`); the
option wins over the variable. `--full` sets the issue's sizes (100,000-event stream, cursor
depth 100,000); `--smoke` sets tiny ones that only prove the harness still works, and writes
its results to a temporary folder unless `--output-dir` says otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BENCHMARKS", "Config", "parse_args"]

BENCHMARKS = ("overhead", "fanout", "events", "imports", "server", "reads")
_ENV_PREFIX = "OPENTASKS_BENCH_"


@dataclass(frozen=True)
class Config:
    """What to run and how big.

    Attributes:
        rounds: Measured rounds of the per-call comparisons (overhead, paging).
        warmup: Warm-up rounds before them, thrown away.
        calls: Calls per contender per round in the per-call comparisons.
        fanout_requests: Requests per round of the async fan-out (the issue: 1,000).
        fanout_concurrency: Requests in flight at once (the issue: 64).
        fanout_rounds: Measured rounds of the fan-out.
        events: Events published on the stream that is read whole (the issue: 100,000).
        event_rounds: Measured rounds of reading it, each reader in a fresh process.
        latency_samples: Publishes timed per contender for the publish-to-receipt latency.
        latency_interval_ms: The pause between those publishes, so each is seen on its own.
        import_repeats: Fresh interpreters per module for the import time.
        creates: Creates per contender per round for the server's create throughput.
        create_concurrency: Creates in flight at once for it.
        create_rounds: Measured rounds of it.
        page_depth: The cursor depth of the deep page (the issue: 100,000).
        page_limit: The page size of both the first and the deep page.
        profile: Profile the SDK paths with cProfile and record the top functions.
        only: The benchmarks to run (all of `BENCHMARKS` by default).
        output_dir: Where `results.md` and `results.json` are written.
        database_url: Run the reference server on this database instead of a new SQLite file.
        postgres_url: A PostgreSQL database the server benchmark may create another one from;
            its figures are then measured on PostgreSQL too, in the same run (`nox -s bench`
            takes `OPENTASKS_TEST_POSTGRES_URL`, as the tests do).
    """

    rounds: int = 9
    warmup: int = 1
    calls: int = 200
    fanout_requests: int = 1000
    fanout_concurrency: int = 64
    fanout_rounds: int = 3
    events: int = 5000
    event_rounds: int = 3
    latency_samples: int = 200
    latency_interval_ms: float = 10.0
    import_repeats: int = 10
    creates: int = 400
    create_concurrency: int = 16
    create_rounds: int = 5
    page_depth: int = 5000
    page_limit: int = 20
    profile: bool = True
    only: tuple[str, ...] = BENCHMARKS
    output_dir: Path = field(default_factory=lambda: Path(__file__).resolve().parent)
    database_url: str | None = None
    postgres_url: str | None = None


FULL = {"events": 100_000, "page_depth": 100_000}
SMOKE = {
    "rounds": 2,
    "warmup": 1,
    "calls": 10,
    "fanout_requests": 64,
    "fanout_rounds": 1,
    "events": 50,
    "event_rounds": 1,
    "latency_samples": 10,
    "import_repeats": 2,
    "creates": 20,
    "create_rounds": 1,
    "page_depth": 50,
    "profile": False,
    # A smoke run proves the harness works; its figures must not replace the recorded ones.
    "output_dir": Path(tempfile.gettempdir()) / "opentasks-bench-smoke",
}


def _parse_bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on"}


def _convert(name: str, text: str) -> object:
    default = getattr(Config(), name)
    if name == "only":
        return _parse_only(text)
    if isinstance(default, bool):
        return _parse_bool(text)
    if isinstance(default, int):
        return int(text.replace("_", ""))
    if isinstance(default, float):
        return float(text)
    if isinstance(default, Path):
        return Path(text)
    return text


def _parse_only(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        msg = f"unknown benchmark(s) {unknown}; choose from {', '.join(BENCHMARKS)}"
        raise argparse.ArgumentTypeError(msg)
    return names


def parse_args(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> Config:
    """Build the configuration from the command line and the environment.

    Args:
        argv: The arguments after the program name.
        environ: The environment, read for `OPENTASKS_BENCH_<KNOB>` variables.

    Returns:
        The configuration.
    """
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run the opentasks benchmarks and write results.md and results.json.",
        epilog=f"Every option can also be set as {_ENV_PREFIX}<NAME> (e.g. {_ENV_PREFIX}EVENTS).",
    )
    preset = parser.add_mutually_exclusive_group()
    preset.add_argument("--full", action="store_true", help="the issue's sizes: " + str(FULL))
    preset.add_argument("--smoke", action="store_true", help="tiny sizes; proves the harness runs")
    defaults = Config()
    for item in dataclasses.fields(Config):
        option = "--" + item.name.replace("_", "-")
        default = getattr(defaults, item.name)
        shown = ",".join(default) if isinstance(default, tuple) else default
        parser.add_argument(option, dest=item.name, default=None, help=f"default: {shown}")
    args = parser.parse_args(list(argv))

    values: dict[str, object] = {}
    if args.full or _parse_bool(environ.get(_ENV_PREFIX + "FULL", "")):
        values.update(FULL)
    if args.smoke or _parse_bool(environ.get(_ENV_PREFIX + "SMOKE", "")):
        values.update(SMOKE)
    for item in dataclasses.fields(Config):
        from_env = environ.get(_ENV_PREFIX + item.name.upper())
        if from_env:
            values[item.name] = _convert(item.name, from_env)
        given = getattr(args, item.name)
        if given is not None:
            try:
                values[item.name] = _convert(item.name, given)
            except (ValueError, argparse.ArgumentTypeError) as exc:
                parser.error(f"--{item.name.replace('_', '-')}: {exc}")
    return Config(**values)  # type: ignore[arg-type]
