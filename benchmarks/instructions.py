"""Instructions per call of the client paths, by callgrind: figures the machine's load does not move.

`python -m benchmarks.instructions [NAME ...]` starts the reference server (for the canned
material) and the canned server, then runs each client path in a child process under
`valgrind --tool=callgrind`, once making 200 calls and once 700 after one warm-up call (async
paths: 64 in flight, the warm-up opening the 64 connections), and prints the difference of the
two totals divided by 500: start-up, imports and connection set-up cancel out. Paths:
`sync-get` (`client.tasks.get`), `http.client` (stdlib `http.client` + `json.loads`, the floor),
`async-get` (`await client.tasks.aget`), `aiohttp` (raw aiohttp `get()` + `json()`),
`async-create` (`await client.tasks.acreate`) and `aiohttp-create` (raw aiohttp `post()` +
`json()`); the default is all six. Needs valgrind; takes a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["main"]

_PATHS = ("sync-get", "http.client", "async-get", "aiohttp", "async-create", "aiohttp-create")
_RATIOS = (
    ("sync-get", "http.client"),
    ("async-get", "aiohttp"),
    ("async-create", "aiohttp-create"),
)
_FEW, _MANY = 200, 700
_IN_FLIGHT = 64


def _child(name: str, base_url: str, key: str, task_id: str, calls: int) -> None:
    if name in ("sync-get", "http.client"):
        from benchmarks import bench_overhead

        make = bench_overhead._CONTENDERS["sdk" if name == "sync-get" else name][1]
        with contextlib.ExitStack() as stack:
            call = make(base_url, key, task_id, stack)
            call()
            for _ in range(calls):
                call()
        return
    asyncio.run(_async_child(name, base_url, key, task_id, calls))


async def _async_child(name: str, base_url: str, key: str, task_id: str, calls: int) -> None:
    from benchmarks import bench_fanout
    from benchmarks.servers import RunningServer

    server = RunningServer("canned", base_url, key, "", 0, None)
    client, _, op = name.partition("-")
    make = bench_fanout._CONTENDERS["sdk" if client == "async" else client][1]
    async with contextlib.AsyncExitStack() as stack:
        get, create = await make(server, [task_id], stack)
        send = create if op == "create" else get
        await bench_fanout.drive(_IN_FLIGHT, _IN_FLIGHT, send)
        await bench_fanout.drive(calls, _IN_FLIGHT, send)


def _count(name: str, target: tuple[str, str, str], calls: int, workdir: Path) -> int:
    out = workdir / f"callgrind.{name}.{calls}"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        sys.executable,
        "-m",
        "benchmarks.instructions",
        "--child",
        name,
        *target,
        str(calls),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(command, check=True, capture_output=True, env=env)
    match = re.search(r"^summary:\s*(\d+)", out.read_text(), re.MULTILINE)
    if match is None:
        msg = f"no summary line in {out}"
        raise RuntimeError(msg)
    return int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    """Print the instructions per call of each named client path against the canned server.

    Args:
        argv: The command line's arguments.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions")
    parser.add_argument("paths", nargs="*", help=f"of {', '.join(_PATHS)} (default: all)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = set(args.paths) - set(_PATHS)
    if unknown:
        parser.error(f"unknown paths: {', '.join(sorted(unknown))}")
    if args.child:
        name, base_url, key, task_id, calls = args.child
        _child(name, base_url, key, task_id, int(calls))
        return 0

    import httpx

    from benchmarks.harness import _canned_material
    from benchmarks.servers import serve

    per_call: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="opentasks-instructions-") as tmp:
        workdir = Path(tmp)
        with serve("reference", workdir / "reference") as reference:
            material = _canned_material(reference)
        with serve("canned", workdir / "canned", canned=(material, 1, reference.key)) as canned:
            task_id = httpx.get(f"{canned.base_url}/v1/tasks/any").json()["id"]
            target = (canned.base_url, canned.key, task_id)
            for name in args.paths or _PATHS:
                few = _count(name, target, _FEW, workdir)
                many = _count(name, target, _MANY, workdir)
                per_call[name] = (many - few) / (_MANY - _FEW)
                print(
                    f"{name:14} {per_call[name] / 1000:8,.0f} k instructions per call", flush=True
                )
    for sdk_path, floor in _RATIOS:
        if sdk_path in per_call and floor in per_call:
            print(f"{sdk_path} / {floor}: {per_call[sdk_path] / per_call[floor]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
