"""Run a server for the harness in this (child) process: `python -m benchmarks._serve KIND URL`.

KIND is `reference` (the opentasks server) or `baseline` (`benchmarks/baseline_app.py`). The
child binds a free loopback port itself, so no other process can take the port between choosing
and binding it, and prints the port as its first line of output.

The server runs in its own process, as it would in production, so the client being measured
never shares an interpreter (or its GIL) with the server answering it.
"""

from __future__ import annotations

import socket
import sys

import uvicorn

__all__ = ["main"]


def main(argv: list[str]) -> int:
    """Serve until terminated.

    Args:
        argv: `[KIND, DATABASE_URL]`.

    Returns:
        The exit status.
    """
    kind, database_url = argv
    server_class: type[uvicorn.Server]
    if kind == "reference":
        from opentasks_server import create_app
        from opentasks_server.serving import Server

        app = create_app(database_url)
        server_class = Server
    elif kind == "baseline":
        from benchmarks import baseline_app

        app = baseline_app.create_app(database_url)
        server_class = uvicorn.Server
    else:
        print(f"unknown server kind {kind!r}", file=sys.stderr)
        return 2
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # uvicorn's defaults, as `opentasks serve` uses them: its HTTP and event-loop implementations
    # are whichever are installed (h11 and asyncio unless httptools or uvloop are).
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
        # Longer than uvicorn's 5 s, so connections kept alive by a contender survive while the
        # other contenders run their rounds; reconnecting would be noise, not a client's cost.
        timeout_keep_alive=120,
    )
    print(sock.getsockname()[1], flush=True)
    server_class(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
