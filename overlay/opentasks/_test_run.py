"""`Test`: a test run (phospho style), as a live object.

The module is not called `_test.py` so that nobody mistakes it for a test module; the class is
`Test`, as in the spec, and tells pytest it is not a test class. The methods that call the server
are in `_async/_test_run.py` (and its generated twin `_sync/_test_run.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from opentasks_api.models import Test as _GeneratedTest
from opentasks_api.models import TestStatus
from opentasks_api.types import Response

from ._async._test_run import AsyncTest
from ._pagination import Page
from ._resource import BoundModel, build_body, expect
from ._sync._test_run import SyncTest

if TYPE_CHECKING:
    from opentasks_api.models import (
        Comparison,
        ComparisonCreate,
        ComparisonResult,
        TestCreate,
        TestUpdate,
    )

__all__ = [
    "Test",
    "TestBase",
    "comparison_body",
    "comparison_page",
    "create_test_body",
    "update_test_body",
]


class TestBase(_GeneratedTest, BoundModel):
    """What both halves of `Test` share: its state."""

    __test__ = False  # not a pytest test class, whatever its name
    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedTest


class Test(SyncTest, AsyncTest, TestBase):
    """A test run, grouping the comparisons (and tasks) made while evaluating an agent.

    Every property of the `Test` schema is a typed attribute (`id`, `status`, `summary`,
    `version`, timestamps, `terminated_at`).
    """

    __test__ = False
    __slots__ = ()


def create_test_body(summary: Mapping[str, Any] | None) -> TestCreate:
    """The body of a new test run."""
    from opentasks_api.models import TestCreate

    return build_body(TestCreate, {} if summary is None else {"summary": dict(summary)})


def update_test_body(
    status: TestStatus | str | None, summary: Mapping[str, Any] | None
) -> TestUpdate:
    """The body of a test run's change."""
    from opentasks_api.models import TestUpdate

    fields: dict[str, object] = {}
    if status is not None:
        fields["status"] = status
    if summary is not None:
        fields["summary"] = dict(summary)
    return build_body(TestUpdate, fields)


def comparison_body(
    context_input: str,
    old_output: str,
    new_output: str,
    test_id: str | None,
    instructions: str | None,
    comparison_result: ComparisonResult | str | None,
    source: str | None,
) -> ComparisonCreate:
    """The body of a comparison; the options not given are left out."""
    from opentasks_api.models import ComparisonCreate

    fields: dict[str, object] = {
        "context_input": context_input,
        "old_output": old_output,
        "new_output": new_output,
    }
    optional = {
        "test_id": test_id,
        "instructions": instructions,
        "comparison_result": comparison_result,
        "source": source,
    }
    fields.update({name: value for name, value in optional.items() if value is not None})
    return build_body(ComparisonCreate, fields)


def comparison_page(response: Response[Any]) -> Page[Comparison]:
    """Turn a generated page of comparisons into a `Page`."""
    from opentasks_api.models import ComparisonPage

    page = expect(response, ComparisonPage)
    return Page(list(page.data), page.has_more, page.next_cursor or None)
