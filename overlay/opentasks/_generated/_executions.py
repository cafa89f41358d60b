# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""`client.executions`: its operations, sync and async, and their raw-response view."""

from __future__ import annotations

import functools

from opentasks._async._generated._executions import AsyncExecutionsOperations
from opentasks._async._raw import araw
from opentasks._sync._generated._executions import SyncExecutionsOperations
from opentasks._sync._raw import raw

__all__ = ["Executions", "ExecutionsWithRawResponse"]


class Executions(SyncExecutionsOperations, AsyncExecutionsOperations):
    """`client.executions`: executions are runs of a task with arguments; a task's status follows its latest execution.

    Every operation has a sync method and an `a`-prefixed coroutine (`start` / `astart`).

    Args:
        client: The client they talk through.
    """

    @functools.cached_property
    def with_raw_response(self) -> ExecutionsWithRawResponse:
        """The same operations, each returning a `RawResponse` (the answer and the object).

        For example `client.executions.with_raw_response.get(execution_id)`; the async operations keep their
        names (`aget`, …).
        """
        return ExecutionsWithRawResponse(self)


class ExecutionsWithRawResponse:
    """`client.executions.with_raw_response`: its operations, each returning a `RawResponse`.

    Args:
        executions: The namespace whose operations are wrapped.
    """

    def __init__(self, executions: Executions) -> None:
        self.start = raw(executions.start)
        self.astart = araw(executions.astart)
        self.get = raw(executions.get)
        self.aget = araw(executions.aget)
        self.set_status = raw(executions.set_status)
        self.aset_status = araw(executions.aset_status)
