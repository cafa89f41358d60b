"""`client.tests`: the test-run and comparison operations, sync and async.

The methods are generated from openapi.yaml (`x-sdk`) into `_async/_generated/_tests.py`, and
their sync twins from those into `_sync/_generated/_tests.py`.
"""

from __future__ import annotations

import functools

from ._async._generated._tests import AsyncTestsOperations
from ._generated._raw import TestsWithRawResponse
from ._sync._generated._tests import SyncTestsOperations

__all__ = ["Tests"]


class Tests(SyncTestsOperations, AsyncTestsOperations):
    """The test-run and comparison operations: `client.tests`.

    Every operation has a sync method and an `a`-prefixed coroutine (`create` / `acreate`).

    Args:
        client: The client they talk through.
    """

    @functools.cached_property
    def with_raw_response(self) -> TestsWithRawResponse:
        """The same operations, each returning a `RawResponse` (the answer and the object).

        For example `client.tests.with_raw_response.get(test_id)`; the async operations keep their
        names (`aget`, …).
        """
        return TestsWithRawResponse(self)

    __test__ = False  # not a pytest test class, whatever its name
