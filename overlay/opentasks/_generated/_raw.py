# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The `with_raw_response` view of each namespace: the same methods, returning a `RawResponse`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks._raw import araw, raw

if TYPE_CHECKING:
    from opentasks._executions import Executions
    from opentasks._sessions import Sessions
    from opentasks._tasks import Tasks
    from opentasks._test_runs import Tests

__all__ = [
    "ExecutionsWithRawResponse",
    "SessionsWithRawResponse",
    "TasksWithRawResponse",
    "TestsWithRawResponse",
]


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


class TestsWithRawResponse:
    """`client.tests.with_raw_response`: its operations, each returning a `RawResponse`.

    Args:
        tests: The namespace whose operations are wrapped.
    """

    __test__ = False  # not a pytest test class, whatever its name

    def __init__(self, tests: Tests) -> None:
        self.create = raw(tests.create)
        self.acreate = araw(tests.acreate)
        self.get = raw(tests.get)
        self.aget = araw(tests.aget)
        self.update = raw(tests.update)
        self.aupdate = araw(tests.aupdate)
        self.compare = raw(tests.compare)
        self.acompare = araw(tests.acompare)
