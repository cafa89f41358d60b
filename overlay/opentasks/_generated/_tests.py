# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""`client.tests`: its operations, sync and async, and their raw-response view."""

from __future__ import annotations

import functools

from opentasks._async._generated._tests import AsyncTestsOperations
from opentasks._async._raw import araw
from opentasks._sync._generated._tests import SyncTestsOperations
from opentasks._sync._raw import raw

__all__ = ["Tests", "TestsWithRawResponse"]


class Tests(SyncTestsOperations, AsyncTestsOperations):
    """`client.tests`: test runs group output comparisons made while evaluating an agent.

    Every operation has a sync method and an `a`-prefixed coroutine (`create` / `acreate`).

    Args:
        client: The client they talk through.
    """

    __test__ = False  # not a pytest test class, whatever its name

    @functools.cached_property
    def with_raw_response(self) -> TestsWithRawResponse:
        """The same operations, each returning a `RawResponse` (the answer and the object).

        For example `client.tests.with_raw_response.get(test_id)`; the async operations keep their
        names (`aget`, …).
        """
        return TestsWithRawResponse(self)


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
