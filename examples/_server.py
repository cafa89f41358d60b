"""Where the examples find a server: yours, or an embedded one started for the run.

With `OPENTASKS_API_KEY` set, the examples talk to the server at `OPENTASKS_BASE_URL` (as
`Client()` does); without it they start a reference server on loopback with a temporary SQLite
file, so each example runs on a machine with nothing else set up.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from opentasks import Client
from opentasks.testing import serve


@contextlib.contextmanager
def client() -> Iterator[Client]:
    """Yield a client of your server, or of an embedded one when no key is configured."""
    if os.environ.get("OPENTASKS_API_KEY"):
        with Client() as configured:
            yield configured
        return
    with serve() as server, server.client() as embedded:
        yield embedded
