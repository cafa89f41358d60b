"""`Test`: a test run (phospho style), as a live object.

The module is not called `_test.py` so that nobody mistakes it for a test module; the class is
`Test`, as in the spec, and tells pytest it is not a test class. The methods that call the server
are generated from openapi.yaml (`x-sdk` forwards) into `_async/_generated/_objects.py`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from opentasks_api.models import Test as _GeneratedTest

from ._async._generated._objects import AsyncTestOperations
from ._resource import BoundModel
from ._sync._generated._objects import SyncTestOperations

__all__ = ["Test", "TestBase"]


class TestBase(_GeneratedTest, BoundModel):
    """What both halves of `Test` share: its state."""

    __test__ = False  # not a pytest test class, whatever its name
    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedTest


class Test(SyncTestOperations, AsyncTestOperations, TestBase):
    """A test run, grouping the comparisons (and tasks) made while evaluating an agent.

    Every property of the `Test` schema is a typed attribute (`id`, `status`, `summary`,
    `version`, timestamps, `terminated_at`).
    """

    __slots__ = ()
