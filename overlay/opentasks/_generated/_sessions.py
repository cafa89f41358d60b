# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""`client.sessions`: its operations, sync and async, and their raw-response view."""

from __future__ import annotations

import functools

from opentasks._async._generated._sessions import AsyncSessionsOperations
from opentasks._async._raw import araw
from opentasks._sync._generated._sessions import SyncSessionsOperations
from opentasks._sync._raw import raw

__all__ = ["Sessions", "SessionsWithRawResponse"]


class Sessions(SyncSessionsOperations, AsyncSessionsOperations):
    """`client.sessions`: sessions group the tasks of one conversation or user.

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


class SessionsWithRawResponse:
    """`client.sessions.with_raw_response`: its operations, each returning a `RawResponse`.

    Args:
        sessions: The namespace whose operations are wrapped.
    """

    def __init__(self, sessions: Sessions) -> None:
        self.create = raw(sessions.create)
        self.acreate = araw(sessions.acreate)
        self.get = raw(sessions.get)
        self.aget = araw(sessions.aget)
        self.update = raw(sessions.update)
        self.aupdate = araw(sessions.aupdate)
        self.delete = raw(sessions.delete)
        self.adelete = araw(sessions.adelete)
