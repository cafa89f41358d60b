# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""`client.tasks`: its operations, sync and async, and their raw-response view."""

from __future__ import annotations

import functools

from opentasks._async._generated._tasks import AsyncTasksOperations
from opentasks._async._raw import araw
from opentasks._sync._generated._tasks import SyncTasksOperations
from opentasks._sync._raw import raw

__all__ = ["Tasks", "TasksWithRawResponse"]


class Tasks(SyncTasksOperations, AsyncTasksOperations):
    """`client.tasks`: tasks are units of agent work with a status lifecycle.

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


class TasksWithRawResponse:
    """`client.tasks.with_raw_response`: its operations, each returning a `RawResponse`.

    Args:
        tasks: The namespace whose operations are wrapped.
    """

    def __init__(self, tasks: Tasks) -> None:
        self.create = raw(tasks.create)
        self.acreate = araw(tasks.acreate)
        self.get = raw(tasks.get)
        self.aget = araw(tasks.aget)
        self.update = raw(tasks.update)
        self.aupdate = araw(tasks.aupdate)
        self.set_status = raw(tasks.set_status)
        self.aset_status = araw(tasks.aset_status)
        self.stop = raw(tasks.stop)
        self.astop = araw(tasks.astop)
        self.flag = raw(tasks.flag)
        self.aflag = araw(tasks.aflag)
        self.publish = raw(tasks.publish)
        self.apublish = araw(tasks.apublish)
