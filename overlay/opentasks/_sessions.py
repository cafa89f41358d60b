"""`client.sessions`: the session operations, sync and async.

The methods are generated from openapi.yaml (`x-sdk`) into `_async/_generated/_sessions.py`, and
their sync twins from those into `_sync/_generated/_sessions.py`.
"""

from __future__ import annotations

import functools

from ._async._generated._sessions import AsyncSessionsOperations
from ._generated._raw import SessionsWithRawResponse
from ._sync._generated._sessions import SyncSessionsOperations

__all__ = ["Sessions"]


class Sessions(SyncSessionsOperations, AsyncSessionsOperations):
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
