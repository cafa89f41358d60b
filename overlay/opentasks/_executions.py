"""`client.executions`: the execution operations, sync and async.

The methods are generated from openapi.yaml (`x-sdk`) into `_async/_generated/_executions.py`, and
their sync twins from those into `_sync/_generated/_executions.py`.
"""

from __future__ import annotations

import functools

from ._async._generated._executions import AsyncExecutionsOperations
from ._generated._raw import ExecutionsWithRawResponse
from ._sync._generated._executions import SyncExecutionsOperations

__all__ = ["Executions"]


class Executions(SyncExecutionsOperations, AsyncExecutionsOperations):
    """The execution operations: `client.executions`.

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
