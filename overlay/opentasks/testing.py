"""Test your agents against a real opentasks server, started on loopback for the test run.

```python
from opentasks.testing import serve

with serve() as server:                  # a temporary SQLite file and a fresh API key
    client = server.client()
    task = client.tasks.create(agent_id="agent123", prompt="hello")
```

For pytest, this module is a plugin that installing opentasks registers (its `pytest11` entry
point), so its fixtures are there in every test suite with no `conftest.py` line:

<!-- pytest-file: test_agent.py -->
```python
def test_my_agent(opentasks_client):
    task = opentasks_client.tasks.create(agent_id="agent123")
    assert task.status == "pending"
```

`opentasks_local_server` is one server for the whole test session; `opentasks_client` is a
client of a project of its own for each test, so tests never see each other's data. (Do not also
list `"opentasks.testing"` in `pytest_plugins`: pytest refuses to register a plugin twice.)

The server is the reference server of the `server` extra (`pip install "opentasks[server]"`),
imported only when a server is started.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self

from ._client import Client
from ._exceptions import OpenTasksError

if TYPE_CHECKING:
    import uvicorn

__all__ = ["LocalServer", "opentasks_client", "opentasks_local_server", "serve"]

_START_TIMEOUT = 30.0
_EXTRA_HINT = 'opentasks.testing runs the reference server: pip install "opentasks[server]"'


def _server_modules() -> tuple[ModuleType, ModuleType, ModuleType]:
    """Import the reference server, or explain which extra installs it (only when one starts)."""
    try:
        import opentasks_server
        from opentasks_server import connections, serving
    except ImportError as error:
        raise ImportError(f"{_EXTRA_HINT} ({error})") from error
    return opentasks_server, serving, connections


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Restarting on the same port must not wait for the old connections' TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


class LocalServer:
    """A reference server running in a background thread of this process, on loopback.

    Args:
        database_url: The database; a SQLite file in a temporary folder (removed on `stop`)
            when omitted.
        host: The address to listen on.
        port: The port; a free one when 0.
        project: The project of `api_key`.
        heartbeat_interval: Seconds between heartbeats on idle event streams.
        rate_limit: Requests per minute per key; off when `None`.
        app_options: More keyword arguments for `opentasks_server.create_app`.
    """

    def __init__(
        self,
        database_url: str | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        project: str = "default",
        heartbeat_interval: float = 15.0,
        rate_limit: int | None = None,
        app_options: dict[str, Any] | None = None,
    ) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if database_url is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="opentasks-")
            database_url = f"sqlite+aiosqlite:///{Path(self._tmp.name) / 'opentasks.db'}"
        self.database_url = database_url
        """The server's database URL."""
        self.host = host
        """The address the server listens on."""
        self.port = port
        """The port the server listens on (known once started)."""
        self.project = project
        """The project of `api_key`."""
        self._app_options: dict[str, Any] = {
            "heartbeat_interval": heartbeat_interval,
            "rate_limit": rate_limit,
            **(app_options or {}),
        }
        self._api_key: str | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._clients: list[Client] = []

    @property
    def base_url(self) -> str:
        """The server's URL, e.g. `http://127.0.0.1:54321`."""
        return f"http://{self.host}:{self.port}"

    @property
    def api_key(self) -> str:
        """An API key of `project`, made when the server first started."""
        if self._api_key is None:
            msg = "the server is not started; call start() or use it as a context manager"
            raise OpenTasksError(msg)
        return self._api_key

    @property
    def running(self) -> bool:
        """Whether the server is serving."""
        return self._thread is not None and self._thread.is_alive()

    def new_api_key(self, project: str | None = None) -> str:
        """Make another API key, of `project` or of a new project of its own.

        Args:
            project: The project; a fresh, uniquely named one when omitted (a client of a
                new project sees none of the other projects' data).

        Returns:
            The key.
        """
        opentasks_server, _, _ = _server_modules()
        name = project or f"test-{uuid.uuid4().hex[:12]}"
        key: str = opentasks_server.create_api_key(self.database_url, name)
        return key

    def client(self, *, project: str | None = None, **options: Any) -> Client:  # noqa: ANN401 - passed on to Client(), which types them
        """Return a client of this server; it is closed when the server stops.

        Args:
            project: Use a key of this project instead of `api_key` (created if needed).
            **options: More keyword arguments for `Client` (e.g. `max_retries=0`).

        Returns:
            The client.
        """
        key = self.new_api_key(project) if project is not None else self.api_key
        client = Client(api_key=key, base_url=self.base_url, **options)
        self._clients.append(client)
        return client

    def start(self) -> Self:
        """Start serving (migrating the database first) and wait until the server answers.

        Returns:
            This server.

        Raises:
            OpenTasksError: The server did not start.
            ImportError: The `server` extra is not installed.
        """
        if self.running:
            return self
        opentasks_server, serving, connections = _server_modules()
        if self._api_key is None:
            self._api_key = opentasks_server.create_api_key(self.database_url, self.project)
        app = opentasks_server.create_app(self.database_url, **self._app_options)
        sock = _bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        # The settings of `opentasks serve`: its header timeout, keep-alive and connection cap.
        config = connections.ServerConfig(
            app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5
        )
        server = serving.Server(config)
        errors: list[BaseException] = []

        def run() -> None:
            try:
                asyncio.run(server.serve(sockets=[sock]))
            except BaseException as error:  # noqa: BLE001 - reported by start() below
                errors.append(error)

        thread = threading.Thread(target=run, name=f"opentasks-server-{self.port}", daemon=True)
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                thread.join(timeout=5)
                sock.close()
                cause = errors[0] if errors else None
                msg = f"the opentasks server did not start on {self.base_url}"
                raise OpenTasksError(msg) from cause
            time.sleep(0.01)
        self._server, self._thread, self._socket = server, thread, sock
        return self

    def stop(self) -> None:
        """Stop serving; the database is kept until `close()` (a restart finds it again).

        The clients made by `client()` drop their connections to this server and stay usable:
        after a `restart()` they connect again.
        """
        for client in self._clients:
            client._drop_connections()
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=15)
        if sock is not None:
            sock.close()

    def restart(self) -> Self:
        """Stop and start again on the same port and database (open streams see a restart).

        Returns:
            This server.
        """
        self.stop()
        return self.start()

    def close(self) -> None:
        """Stop serving and remove the temporary database, if this server made it."""
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"LocalServer(base_url={self.base_url!r}, {state})"


@contextlib.contextmanager
def serve(
    database_url: str | None = None,
    *,
    port: int = 0,
    heartbeat_interval: float = 15.0,
    rate_limit: int | None = None,
) -> Generator[LocalServer]:
    """Run a reference server for the duration of a `with` block.

    Args:
        database_url: The database; a temporary SQLite file when omitted.
        port: The port; a free one when 0.
        heartbeat_interval: Seconds between heartbeats on idle event streams.
        rate_limit: Requests per minute per key; off when `None`.

    Yields:
        The running server: `server.base_url`, `server.api_key`, `server.client()`.
    """
    server = LocalServer(
        database_url, port=port, heartbeat_interval=heartbeat_interval, rate_limit=rate_limit
    )
    with server:
        yield server


# --- the pytest plugin ----------------------------------------------------------------------
# Defined only when pytest is importable, so `opentasks.testing` works without it.

try:
    import pytest
except ImportError:  # pragma: no cover - pytest is not a dependency of the SDK
    pass
else:

    @pytest.fixture(scope="session")
    def opentasks_local_server() -> Iterator[LocalServer]:
        """A reference server for the whole test session, on a temporary SQLite file."""
        with serve() as server:
            yield server

    @pytest.fixture
    def opentasks_client(opentasks_local_server: LocalServer) -> Iterator[Client]:
        """A client of a fresh project of its own on the session's server."""
        client = opentasks_local_server.client(project=f"test-{uuid.uuid4().hex[:12]}")
        with client:
            yield client
