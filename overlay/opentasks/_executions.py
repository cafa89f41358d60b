"""`client.executions`: the execution operations, sync and async.

The async methods are written in `_async/_executions.py`; their sync twins are generated from
them into `_sync/_executions.py`.
"""

from __future__ import annotations

import functools

from ._async._executions import AsyncExecutions
from ._raw import ExecutionsWithRawResponse
from ._sync._executions import SyncExecutions

__all__ = ["Executions"]


class Executions(SyncExecutions, AsyncExecutions):
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
