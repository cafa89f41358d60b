"""`client.sessions`: the session operations, sync and async.

The async methods are written in `_async/_sessions.py`; their sync twins are generated from them
into `_sync/_sessions.py`.
"""

from __future__ import annotations

import functools

from ._async._sessions import AsyncSessions
from ._raw import SessionsWithRawResponse
from ._sync._sessions import SyncSessions

__all__ = ["Sessions"]


class Sessions(SyncSessions, AsyncSessions):
    """The session operations: `client.sessions`.

    Every operation has a sync method and an `a`-prefixed coroutine (`create` / `acreate`).

    Args:
        client: The client they talk through.
    """

    @functools.cached_property
    def with_raw_response(self) -> SessionsWithRawResponse:
        """The same operations, each returning a `RawResponse` (the answer and the object).

        For example `client.sessions.with_raw_response.get(session_id)`; the async operations keep their
        names (`aget`, …).
        """
        return SessionsWithRawResponse(self)
