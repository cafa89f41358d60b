"""The reference server as a separate process, which a test can kill with SIGKILL and restart.

`ServerProcess` runs `python -m tests._server_process ...` (this module's `main`), which serves
`opentasks_server.create_app(...)` with uvicorn the way `opentasks serve` does. A crash test needs
a real process: only then does SIGKILL end the server mid-transaction, drop every open connection
at once and leave the database exactly as a crashed server would. The restart binds the same port
again, so clients find the server where they left it.

The child binds its port itself (port 0 on the first start) and writes it to a file, so no other
process can take a port between choosing and binding it; the parent reads it from there.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol, Self

import httpx

__all__ = ["ServerOptions", "ServerProcess", "StartServer", "main"]

ROOT = Path(__file__).resolve().parent.parent
_START_TIMEOUT = 60.0


@dataclass(frozen=True)
class ServerOptions:
    """The `create_app` options the child process is started with.

    Attributes:
        heartbeat_interval: Seconds between heartbeats on idle event streams.
        rate_limit: Requests per minute per key; `None` turns the limiter off.
        max_body_bytes: The largest request body; `None` keeps the server's default.
        max_streams_per_key: Open event streams allowed per key; `None` keeps the default.
        log_level: uvicorn's log level (`debug` also logs every request, for the log scans).
        header_timeout: Seconds a connection has to send a request head; `None` keeps the
            default.
        max_connections: Open connections before requests answer 503; `None` keeps the default.
    """

    heartbeat_interval: float = 1.0
    rate_limit: int | None = None
    max_body_bytes: int | None = None
    max_streams_per_key: int | None = None
    log_level: str = "warning"
    header_timeout: float | None = None
    max_connections: int | None = None

    def argv(self) -> list[str]:
        """Return the child's command-line options."""
        args = ["--heartbeat-interval", str(self.heartbeat_interval), "--log-level", self.log_level]
        for flag, value in (
            ("--rate-limit", self.rate_limit),
            ("--max-body-bytes", self.max_body_bytes),
            ("--max-streams-per-key", self.max_streams_per_key),
            ("--header-timeout", self.header_timeout),
            ("--max-connections", self.max_connections),
        ):
            if value is not None:
                args += [flag, str(value)]
        return args


class ServerProcess:
    """A reference server in a child process, on loopback.

    Args:
        database_url: The database; it should already be migrated and hold a key (e.g. made
            with `opentasks_server.create_api_key`), though the server migrates it anyway.
        folder: Where the child's log and port files go.
        options: The app's options.
    """

    def __init__(
        self, database_url: str, folder: Path, options: ServerOptions | None = None
    ) -> None:
        self.database_url = database_url
        self.folder = folder
        self.options = options or ServerOptions()
        self.port = 0
        self.starts = 0
        """How many times the process was started (1 + restarts)."""
        self.kills = 0
        """How many times it was killed with SIGKILL."""
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.log_path = folder / "server.log"

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The running child's process id."""
        if self._process is None:
            msg = "the server process is not running"
            raise RuntimeError(msg)
        return self._process.pid

    @property
    def running(self) -> bool:
        """Whether the child is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> float:
        """Start the child and wait until `/healthz` answers 200.

        Returns:
            Seconds from spawning the process to its first healthy answer.

        Raises:
            RuntimeError: The child exited or did not become healthy in time.
        """
        if self.running:
            msg = "the server process is already running"
            raise RuntimeError(msg)
        port_file = self.folder / "server.port"
        port_file.unlink(missing_ok=True)
        self._log = self.log_path.open("ab")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        command = [
            sys.executable,
            "-m",
            "tests._server_process",
            "--db",
            self.database_url,
            "--port",
            str(self.port),
            "--port-file",
            str(port_file),
            *self.options.argv(),
        ]
        began = time.monotonic()
        self._process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.starts += 1
        deadline = began + _START_TIMEOUT
        with httpx.Client(timeout=2) as http:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    msg = f"the server exited with {self._process.returncode}:\n{self.log_text()[-4000:]}"
                    raise RuntimeError(msg)
                if port_file.exists() and (text := port_file.read_text().strip()):
                    self.port = int(text)
                    with contextlib.suppress(httpx.TransportError):
                        if http.get(f"{self.base_url}/healthz").status_code == 200:
                            return time.monotonic() - began
                time.sleep(0.02)
        self.kill()
        msg = f"the server did not become healthy in {_START_TIMEOUT} s:\n{self.log_text()[-4000:]}"
        raise RuntimeError(msg)

    def kill(self) -> None:
        """Kill the child with SIGKILL, as a crash would, and reap it."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            self.kills += 1
        self._close_log()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the child gracefully (SIGTERM), killing it if it does not stop in time.

        Args:
            timeout: Seconds to wait for a graceful exit.
        """
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        self._close_log()

    def restart_after_kill(self) -> tuple[float, float]:
        """SIGKILL the child and start a new one on the same port and database.

        Returns:
            Seconds the kill took, and seconds from the new spawn to its first healthy answer.
        """
        began = time.monotonic()
        self.kill()
        killed = time.monotonic() - began
        return killed, self.start()

    def rss_bytes(self) -> int:
        """Return the child's resident memory, from `/proc` (Linux), or 0 where unknown."""
        status = Path(f"/proc/{self.pid}/status")
        with contextlib.suppress(OSError):
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def log_text(self) -> str:
        """Return everything the child (and earlier children) wrote."""
        if self._log is not None:
            self._log.flush()
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class StartServer(Protocol):
    """Starts a `ServerProcess` (the type of the test fixtures that do)."""

    def __call__(self, options: ServerOptions | None = None) -> ServerProcess:
        """Start a server with these options (the defaults when `None`)."""
        ...


# --- the child --------------------------------------------------------------------------------


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests._server_process")
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--heartbeat-interval", type=float, default=1.0)
    parser.add_argument("--rate-limit", type=int)
    parser.add_argument("--max-body-bytes", type=int)
    parser.add_argument("--max-streams-per-key", type=int)
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--header-timeout", type=float)
    parser.add_argument("--max-connections", type=int)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the reference server until killed or terminated (the child process).

    Args:
        argv: The options; `sys.argv[1:]` when `None`.

    Returns:
        The exit status.
    """
    from opentasks_server import create_app
    from opentasks_server.connections import ServerConfig
    from opentasks_server.serving import Server

    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.max_streams_per_key is None:
        app = create_app(
            args.db,
            heartbeat_interval=args.heartbeat_interval,
            rate_limit=args.rate_limit,
            max_body_bytes=args.max_body_bytes,
        )
    else:
        app = create_app(
            args.db,
            heartbeat_interval=args.heartbeat_interval,
            rate_limit=args.rate_limit,
            max_body_bytes=args.max_body_bytes,
            max_streams_per_key=args.max_streams_per_key,
        )
    # IPPROTO_TCP so that accepted connections get TCP_NODELAY (see serving.tcp_socket);
    # SO_REUSEADDR so that a restart binds the port again while old connections linger.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    Path(args.port_file).write_text(str(sock.getsockname()[1]))
    limits: dict[str, float | int] = {}
    if args.header_timeout is not None:
        limits["header_timeout"] = args.header_timeout
    if args.max_connections is not None:
        limits["max_connections"] = args.max_connections
    config = ServerConfig(
        app,
        **limits,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
        timeout_graceful_shutdown=5,
    )
    Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
