"""`client.tests`: the test-run and comparison operations, sync and async.

The async methods are written in `_async/_test_runs.py`; their sync twins are generated from them
into `_sync/_test_runs.py`.
"""

from __future__ import annotations

import functools

from ._async._test_runs import AsyncTests
from ._raw import TestsWithRawResponse
from ._sync._test_runs import SyncTests

__all__ = ["Tests"]


class Tests(SyncTests, AsyncTests):
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
