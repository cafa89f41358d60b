"""Run a server for the harness in this (child) process: `python -m benchmarks._serve KIND URL`.

An optional third argument, a file path, lets the harness profile the server: SIGUSR1 starts
cProfile, SIGUSR2 stops it and writes the statistics to that file (used to explain a miss).

KIND is `reference` (the opentasks server), `baseline` (`benchmarks/baseline_app.py`) or `json`
(its bare Starlette JSON app; URL is then a JSON file of the task it answers with). The
child binds a free loopback port itself, so no other process can take the port between choosing
and binding it, and prints the port as its first line of output.

The server runs in its own process, as it would in production, so the client being measured
never shares an interpreter (or its GIL) with the server answering it.
"""

from __future__ import annotations

import cProfile
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn

__all__ = ["main"]


def main(argv: list[str]) -> int:
    """Serve until terminated.

    Args:
        argv: `[KIND, DATABASE_URL]` or `[KIND, DATABASE_URL, PROFILE_PATH]`.

    Returns:
        The exit status.
    """
    kind, database_url, *rest = argv
    server_class: type[uvicorn.Server]
    config_class: Callable[..., uvicorn.Config] = uvicorn.Config
    if kind == "reference":
        from opentasks_server import create_app
        from opentasks_server.connections import ServerConfig
        from opentasks_server.serving import Server

        app = create_app(database_url)
        server_class = Server
        # As `opentasks serve` runs it: its HTTP protocol (the header timeout, one write per
        # response) and connection limits.
        config_class = ServerConfig
    elif kind == "baseline":
        from benchmarks import baseline_app

        app = baseline_app.create_app(database_url)
        server_class = uvicorn.Server
    elif kind == "json":
        # DATABASE_URL is a JSON file holding the task to answer with.
        import json

        from benchmarks import baseline_app

        app = baseline_app.create_json_app(json.loads(Path(database_url).read_text()))
        server_class = uvicorn.Server
    else:
        print(f"unknown server kind {kind!r}", file=sys.stderr)
        return 2
    # IPPROTO_TCP spelled out: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets
    # whose `proto` says TCP, and accepted sockets inherit this one's. With the default proto 0,
    # every response written in two parts waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # uvicorn's defaults otherwise: its event loop is whichever is installed (asyncio unless
    # uvloop is), as for `opentasks serve`; the bare apps' HTTP is h11 unless httptools is.
    # Kept alive longer than uvicorn's 5 s, so connections kept alive by a contender survive
    # while the other contenders run their rounds; reconnecting would be noise, not a client's
    # cost. (`ServerConfig` names uvicorn's `timeout_keep_alive` `keep_alive_timeout`.)
    keep_alive = (
        {"keep_alive_timeout": 120}
        if config_class is not uvicorn.Config
        else {"timeout_keep_alive": 120}
    )
    config = config_class(
        app, log_level="warning", access_log=False, timeout_graceful_shutdown=5, **keep_alive
    )
    print(sock.getsockname()[1], flush=True)
    server = server_class(config)
    if not rest:
        server.run(sockets=[sock])
        return 0
    # SIGUSR1 starts the profiler and SIGUSR2 stops it and writes the statistics, so the
    # profile covers only the requests the harness sends in between (not start-up).
    profiler = cProfile.Profile()

    def start(_signum: int, _frame: object) -> None:
        profiler.enable()

    def stop(_signum: int, _frame: object) -> None:
        profiler.disable()
        partial = Path(rest[0] + ".partial")
        profiler.dump_stats(partial)
        partial.replace(rest[0])  # the harness waits for the file: write it whole

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
