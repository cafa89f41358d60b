"""Start the reference server and the baseline app in subprocesses on loopback ports."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ["RunningServer", "serve"]

_ROOT = Path(__file__).resolve().parent.parent
_STARTUP_TIMEOUT = 60.0
_SHUTDOWN_TIMEOUT = 10.0


@dataclass(frozen=True)
class RunningServer:
    """A server process the benchmarks talk to.

    Attributes:
        kind: `reference`, `baseline` or `canned`.
        base_url: `http://127.0.0.1:<port>`.
        key: An API key of the project `default` (empty for the baseline app, which has no auth).
        database_url: The database it serves.
        pid: The server process's id (for profilers such as py-spy).
        profile_path: Where `profile()` has the server write its statistics, if enabled.
    """

    kind: str
    base_url: str
    key: str
    database_url: str
    pid: int
    profile_path: Path | None = None

    @contextlib.contextmanager
    def profile(self) -> Iterator[Path]:
        """Profile the server process (cProfile, main thread) for the duration of the block.

        Yields:
            The statistics file, written once the block has ended.

        Raises:
            RuntimeError: If the server was not started with `profile=`.
            TimeoutError: If the server does not write the statistics.
        """
        if self.profile_path is None:
            msg = "start the server with serve(..., profile=path) to profile it"
            raise RuntimeError(msg)
        self.profile_path.unlink(missing_ok=True)
        os.kill(self.pid, signal.SIGUSR1)
        yield self.profile_path
        os.kill(self.pid, signal.SIGUSR2)
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not self.profile_path.exists():
            if time.monotonic() > deadline:
                msg = f"the server did not write {self.profile_path}"
                raise TimeoutError(msg)
            time.sleep(0.05)

    @property
    def headers(self) -> dict[str, str]:
        """The headers that authenticate a request to this server."""
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The children import `benchmarks` (the baseline app, this package's runner) from the repo.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    return env


def _create_key(database_url: str) -> str:
    # In a child, so the client process being measured never imports the server's packages.
    code = (
        "import sys; from opentasks_server import create_api_key; "
        "print(create_api_key(sys.argv[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, database_url],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    return result.stdout.strip().splitlines()[-1]


def _wait_healthy(base_url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + _STARTUP_TIMEOUT
    with httpx.Client(base_url=base_url, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                msg = f"the server at {base_url} exited with status {process.returncode}"
                raise RuntimeError(msg)
            with contextlib.suppress(httpx.TransportError):
                if client.get("/healthz").status_code == 200:
                    return
            time.sleep(0.05)
    msg = f"the server at {base_url} did not answer /healthz in {_STARTUP_TIMEOUT} s"
    raise TimeoutError(msg)


@contextlib.contextmanager
def serve(
    kind: str,
    workdir: Path,
    database_url: str | None = None,
    profile: Path | None = None,
    canned: tuple[bytes, int, str] | None = None,
) -> Iterator[RunningServer]:
    """Run a server in a subprocess for the duration of the block.

    Args:
        kind: `reference` (the opentasks server, with a fresh key), `baseline` (the bare app)
            or `canned` (`canned_server.py`).
        workdir: Where its SQLite file and log go.
        database_url: Serve this database instead of a new SQLite file in `workdir`.
        profile: Let the server be profiled (`RunningServer.profile`), writing the statistics
            to this file.
        canned: For `canned`: its material (see `canned_server.py`), the number of chunk
            events on its stream, and the key clients should send (it checks none, but the SDK
            wants one).

    Yields:
        The running server.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite+aiosqlite:///{workdir / f'{kind}.db'}"
    if kind == "canned":
        if canned is None:
            msg = "a canned server needs its body and key"
            raise ValueError(msg)
        material, events, key = canned
        material_file = workdir / "canned.json"
        material_file.write_bytes(material)
        command = ["benchmarks.canned_server", str(material_file), str(events)]
    else:
        key = _create_key(url) if kind == "reference" else ""
        command = ["benchmarks._serve", kind, url, *([str(profile)] if profile else [])]
    log = (workdir / f"{kind}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", *command],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env=_env(),
        cwd=_ROOT,
    )
    try:
        assert process.stdout is not None
        port = process.stdout.readline().strip()
        if not port.isdigit():
            msg = f"the {kind} server did not start; see {log.name}"
            raise RuntimeError(msg)
        base_url = f"http://127.0.0.1:{port}"
        _wait_healthy(base_url, process)
        yield RunningServer(kind, base_url, key, url, process.pid, profile)
    finally:
        process.terminate()
        try:
            process.wait(_SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
