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

import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess

from opentasks_server.broadcast import Broadcaster

__all__ = ["Server", "find_broadcaster", "run_workers"]

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


def run_workers(config: uvicorn.Config, sockets: list[socket.socket]) -> None:
    """Run `config.workers` processes under uvicorn's supervisor, each serving with `Server`.

    uvicorn's supervisor builds its worker processes from its module's `Process` name; it is
    pointed at `_WorkerProcess` while the supervisor runs, in this (the parent) process only.

    Args:
        config: The uvicorn configuration; its app must be an import string.
        sockets: The sockets the parent bound, shared by every worker.
    """
    original = multiprocess.Process
    multiprocess.Process = _WorkerProcess  # type: ignore[misc]
    try:
        multiprocess.Multiprocess(config, sockets=sockets).run()
    finally:
        multiprocess.Process = original  # type: ignore[misc]
