"""`client.tasks`: the task operations, sync and async.

Each operation is split the same way: a pure part that builds the generated request body or
arguments (`_task_bodies.py`), one line that runs the generated endpoint function, and a pure part
that turns the generated response into overlay objects. The async methods are written in
`_async/_tasks.py`; their sync twins are generated from them into `_sync/_tasks.py`.
"""

from __future__ import annotations

import functools

from ._async._tasks import AsyncTasks
from ._generated._raw import TasksWithRawResponse
from ._sync._tasks import SyncTasks

__all__ = ["Tasks"]


class Tasks(SyncTasks, AsyncTasks):
    """The task operations: `client.tasks`.

    Every operation has a sync method and an `a`-prefixed coroutine (`create` / `acreate`).

    Args:
        client: The client they talk through.
    """

    @functools.cached_property
    def with_raw_response(self) -> TasksWithRawResponse:
        """The same operations, each returning a `RawResponse` (the answer and the object).

        For example `client.tasks.with_raw_response.get(task_id)`; the async operations keep their
        names (`aget`, …).
        """
        return TasksWithRawResponse(self)
