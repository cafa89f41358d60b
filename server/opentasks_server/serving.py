"""Running the app under uvicorn so that open event streams never hold a shutdown up.

uvicorn shuts down in this order: stop accepting, ask open connections to finish, wait for them,
and only then send the ASGI lifespan shutdown. An event stream never finishes by itself, so the
app cannot wait for its lifespan shutdown to end the streams: uvicorn would wait forever (or until
`timeout_graceful_shutdown` cancels them with an error in the log). `Server` closes the app's
broadcaster as the shutdown begins instead; every stream then ends its response cleanly and the
connections close.

`opentasks serve`, the test suites and `opentasks.testing` run the app with this `Server`.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess

from opentasks_server.broadcast import Broadcaster

__all__ = [
    "SECRET_QUERY_PARAMETERS",
    "RedactSecrets",
    "Server",
    "find_broadcaster",
    "redact_access_log",
    "run_workers",
    "tcp_socket",
]

SECRET_QUERY_PARAMETERS = (
    "api_key",
    "apikey",
    "api-key",
    "key",
    "token",
    "access_token",
    "auth",
    "authorization",
    "password",
    "secret",
    "session",
)
"""Query parameters whose values the access log never shows (names compared without case)."""
_SECRET_VALUE = re.compile(
    r"(?i)([?&](?:" + "|".join(re.escape(name) for name in SECRET_QUERY_PARAMETERS) + r")=)[^&#\s]*"
)


class RedactSecrets(logging.Filter):
    """Replace the values of secret query parameters in uvicorn's access log lines.

    The API never reads a key from the query string, but a key pasted there by mistake
    (`?api_key=...`) would otherwise be written to the log with the request's path.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record's arguments in place; keep the record.

        Args:
            record: An access log record (`client, method, path, version, status`).

        Returns:
            Always `True`.
        """
        if isinstance(record.args, tuple):
            record.args = tuple(
                _SECRET_VALUE.sub(r"\1[redacted]", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


def redact_access_log() -> None:
    """Put `RedactSecrets` on uvicorn's access logger, once."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, RedactSecrets) for existing in logger.filters):
        logger.addFilter(RedactSecrets())


# uvicorn wraps the app in a few middlewares (proxy headers, message logger, ASGI2 adapter);
# each keeps the app it wraps in `.app`.
_MAX_WRAPPERS = 16


def find_broadcaster(app: Any) -> Broadcaster | None:  # noqa: ANN401 - any ASGI app, wrapped or not
    """Find the broadcaster of an opentasks app, looking through the middlewares around it.

    Args:
        app: The ASGI app uvicorn loaded (`Config.loaded_app`) or the app itself.

    Returns:
        The app's `app.state.broadcaster`, or `None` if there is none.
    """
    for _ in range(_MAX_WRAPPERS):
        if app is None:
            return None
        state = getattr(app, "state", None)
        broadcaster = getattr(state, "broadcaster", None) if state is not None else None
        if isinstance(broadcaster, Broadcaster):
            return broadcaster
        app = getattr(app, "app", None)
    return None


class Server(uvicorn.Server):
    """uvicorn's server, ending the app's event streams as soon as it starts shutting down.

    Use it like `uvicorn.Server`: `Server(uvicorn.Config(app, ...)).run()`; `run_workers` runs
    several processes that each serve with it.
    """

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Start serving, on sockets that get `TCP_NODELAY` connections (see `tcp_socket`).

        Args:
            sockets: Sockets bound by the caller, if any; otherwise uvicorn binds its own.
        """
        if sockets is not None:
            sockets = [tcp_socket(sock) for sock in sockets]
        # Here, in the process that serves: a worker process configures its logging anew.
        redact_access_log()
        await super().startup(sockets)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Close the app's broadcaster, then shut down as uvicorn does.

        Args:
            sockets: The listening sockets uvicorn was given, if any.
        """
        broadcaster = find_broadcaster(getattr(self.config, "loaded_app", None))
        if broadcaster is not None:
            broadcaster.close()
        await super().shutdown(sockets)


class _WorkerProcess(multiprocess.Process):
    """One worker process of uvicorn's supervisor, serving with `Server` instead of uvicorn's.

    The process object is pickled into the spawned child, so the child runs this class's
    `server` too.
    """

    @property
    def server(self) -> uvicorn.Server:
        """The worker's server, created on first use in the child process."""
        if self._server is None:
            self._server = Server(config=self.config)
        return self._server


def tcp_socket(sock: socket.socket) -> socket.socket:
    """Return a listening socket as a socket object whose `proto` says TCP.

    asyncio turns Nagle's algorithm off (`TCP_NODELAY`) only on connections accepted from a
    socket object whose `proto` is `IPPROTO_TCP`. `socket.socket(AF_INET, SOCK_STREAM)`, as
    uvicorn's `bind_socket` and most "bind port 0" helpers make it, says 0; then each response,
    written in two parts, waits about 40 ms for the client's delayed ACK. A new object on a
    duplicate of the descriptor lets the kernel report the real protocol; the caller's object
    stays valid.

    Args:
        sock: A bound stream socket.

    Returns:
        `sock` itself if it already says TCP or is not an internet socket, else a new object.
    """
    if sock.family not in {socket.AF_INET, socket.AF_INET6} or sock.proto == socket.IPPROTO_TCP:
        return sock
    return socket.socket(fileno=os.dup(sock.fileno()))


def run_workers(config: uvicorn.Config) -> None:
    """Run `config.workers` processes under uvicorn's supervisor, each serving with `Server`.

    The parent binds the listening socket and every worker accepts on it. uvicorn's supervisor
    builds its worker processes from its module's `Process` name; it is pointed at
    `_WorkerProcess` while the supervisor runs, in this (the parent) process only.

    Args:
        config: The uvicorn configuration; its app must be an import string.
    """
    sockets = [config.bind_socket()]
    original = multiprocess.Process
    multiprocess.Process = _WorkerProcess  # type: ignore[misc]
    try:
        multiprocess.Multiprocess(config, sockets=sockets).run()
    finally:
        multiprocess.Process = original  # type: ignore[misc]
