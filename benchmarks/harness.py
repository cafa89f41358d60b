"""The harness: start the reference server, run each benchmark module, write the results.

`python -m benchmarks [--full | --smoke] [--only overhead,events] [--events 100000] ...`
(`nox -s bench` runs it). The reference server runs in a subprocess on a loopback port with a
temporary SQLite file and a key from `opentasks_server.create_api_key`; the server benchmark
starts fresh ones of its own (and the baseline app) so its tables start empty.

A benchmark module that fails is reported as failed, with its error, and the others still run:
a result file with one section missing says more than no result file.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks import report
from benchmarks.config import Config, parse_args
from benchmarks.machine import describe
from benchmarks.results import Section
from benchmarks.servers import RunningServer, serve

__all__ = ["Context", "main", "run"]

_ROOT = Path(__file__).resolve().parent.parent
_TITLES = {
    "overhead": "1. Per-call overhead",
    "fanout": "2. Async fan-out",
    "events": "3. Event streams",
    "imports": "4. Import time",
    "server": "5. Server",
    "reads": "6. Server reads",
}


@dataclass(frozen=True)
class Context:
    """What every benchmark module is given.

    Attributes:
        config: The knobs.
        workdir: A temporary folder for databases, logs and child output.
        reference: The shared reference server (a fresh SQLite file and key).
        canned: A server answering every request at once with one of the reference server's
            tasks (`canned_server.py`), for measuring the clients with the server out of the way.
    """

    config: Config
    workdir: Path
    reference: RunningServer
    canned: RunningServer

    def log(self, message: str) -> None:
        """Print a progress line to stderr (results go to the files, progress to the terminal).

        Args:
            message: The line.
        """
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _run_module(name: str, context: Context) -> Section:
    started = time.monotonic()
    context.log(f"{name}: running")
    try:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        entry: Callable[[Context], Section] = module.run
        section = entry(context)
    except Exception as exc:  # noqa: BLE001 - one failed benchmark must not lose the others
        context.log(f"{name}: FAILED\n{traceback.format_exc()}")
        section = Section(
            key=name,
            title=_TITLES[name],
            description="",
            error=f"{type(exc).__name__}: {exc}",
        )
    section.params["seconds"] = round(time.monotonic() - started, 1)
    context.log(f"{name}: done in {section.params['seconds']} s")
    return section


def run(config: Config) -> list[Section]:
    """Run the configured benchmarks.

    Args:
        config: The knobs.

    Returns:
        One section per benchmark, in the order of `config.only`.
    """
    with tempfile.TemporaryDirectory(prefix="opentasks-bench-") as tmp:
        workdir = Path(tmp)
        with (
            serve("reference", workdir / "reference", config.database_url) as reference,
            serve(
                "canned",
                workdir / "canned",
                canned=(_canned_material(reference), config.events, reference.key),
            ) as canned,
        ):
            context = Context(config=config, workdir=workdir, reference=reference, canned=canned)
            context.log(f"reference server at {reference.base_url} (pid {reference.pid})")
            context.log(f"canned server at {canned.base_url} (pid {canned.pid})")
            return [_run_module(name, context) for name in config.only]


def _canned_material(server: RunningServer) -> bytes:
    """Make a finished task with one chunk on the reference server; return the canned material.

    The canned server answers with exactly what the reference server serialised, so the SDK
    parses the same documents from both.
    """
    with httpx.Client(base_url=server.base_url, headers=server.headers) as client:
        created = client.post("/v1/tasks", json={"agent_id": "bench", "prompt": "canned"})
        created.raise_for_status()
        path = f"/v1/tasks/{created.json()['id']}"
        task = client.get(path).json()
        chunk = {"type": "chunk", "data": {"text": "chunk 1 of the output"}}
        client.post(f"{path}/events", json=chunk).raise_for_status()
        for status in ("executing", "completed"):
            client.post(f"{path}/status", json={"status": status}).raise_for_status()
        events = client.get(f"{path}/events", params={"limit": 100}).json()["data"]
    by_type = {event["type"]: event for event in events}
    material = {
        "task": task,
        "events": [by_type["task_created"], by_type["chunk"], by_type["task_finished"]],
    }
    return json.dumps(material).encode()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the harness from the command line.

    Args:
        argv: The arguments; `sys.argv[1:]` by default.

    Returns:
        The exit status: 0 when every benchmark ran (met or not), 1 if one failed.
    """
    config = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    load_at_start = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    sections = run(config)
    machine = describe(_ROOT)
    machine["load_average_at_start"] = load_at_start
    machine["total_seconds"] = round(time.monotonic() - started, 1)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    analysis = _ROOT / "benchmarks" / "analysis.md"
    markdown, data = report.render(
        sections, machine, config, analysis.read_text() if analysis.exists() else ""
    )
    (config.output_dir / "results.md").write_text(markdown)
    (config.output_dir / "results.json").write_text(data)
    print(markdown)
    return 1 if any(section.error for section in sections) else 0


if __name__ == "__main__":
    raise SystemExit(main())
