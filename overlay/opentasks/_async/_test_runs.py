"""`client.tests`: test runs and output comparisons (phospho style)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import TestStatus
from opentasks_api.types import UNSET

from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, expect, if_match_header, load_page
from opentasks._statuses import to_member
from opentasks._test_run import (
    Test,
    comparison_body,
    comparison_page,
    create_test_body,
    update_test_body,
)

from ._calls import apaginate, arequest
from ._pagination import AsyncPager

if TYPE_CHECKING:
    from opentasks_api.models import Comparison, ComparisonResult

    from opentasks._http import TimeoutTypes

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["AsyncTests"]


class AsyncTests(Namespace):
    """The test-run and comparison operations of `client.tests`."""

    __test__ = False  # not a pytest test class, whatever its name

    async def acreate(
        self,
        summary: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Start a test run.

        Args:
            summary: Free-form JSON object describing the run.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new test run, `started`.
        """
        from opentasks_api.api.tests import create_test

        response = await arequest(
            self._client,
            timeout,
            create_test.asyncio_detailed,
            body=create_test_body(summary),
            idempotency_key=idempotency_key or UNSET,
        )
        return Test._from_response(self._client, response)

    async def aget(self, test_id: str, *, timeout: TimeoutTypes | None = None) -> Test:
        """Fetch one test run.

        Args:
            test_id: The test run's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The test run.

        Raises:
            NotFoundError: No such test run in the key's project.
        """
        from opentasks_api.api.tests import get_test

        response = await arequest(self._client, timeout, get_test.asyncio_detailed, test_id)
        return Test._from_response(self._client, response)

    def alist(
        self,
        *,
        status: TestStatus | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Test]:
        """List test runs, oldest first, fetching pages lazily.

        Args:
            status: Only runs in this status.
            after: Start after this cursor.
            page_size: Runs per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the test runs.
        """
        from opentasks_api.api.tests import list_tests
        from opentasks_api.models import TestPage

        wanted = UNSET if status is None else to_member(TestStatus, status, "test status")
        return apaginate(
            self._client,
            timeout,
            list_tests.asyncio_detailed,
            lambda response: load_page(self._client, Test, TestPage, response),
            after=after,
            page_size=page_size,
            status=wanted,
        )

    async def aupdate(
        self,
        test_id: str,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Change a run's summary or end it: `started → completed|canceled`.

        Args:
            test_id: The test run's id.
            status: The new status.
            summary: The new summary.
            if_match: Apply only if the run is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated test run.

        Raises:
            ConflictError: The run is already finished.
        """
        from opentasks_api.api.tests import update_test

        response = await arequest(
            self._client,
            timeout,
            update_test.asyncio_detailed,
            test_id,
            body=update_test_body(status, summary),
            if_match=if_match_header(if_match),
        )
        return Test._from_response(self._client, response)

    async def acompare(
        self,
        context_input: str,
        old_output: str,
        new_output: str,
        *,
        test_id: str | None = None,
        instructions: str | None = None,
        comparison_result: ComparisonResult | str | None = None,
        source: str | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Comparison:
        """Record a comparison of an old and a new output for the same input.

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            test_id: The test run it belongs to, if any.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict; the server's evaluator decides if
                omitted.
            source: Who decided `comparison_result`.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        from opentasks_api.api.comparisons import create_comparison
        from opentasks_api.models import Comparison

        body = comparison_body(
            context_input, old_output, new_output, test_id, instructions, comparison_result, source
        )
        response = await arequest(
            self._client,
            timeout,
            create_comparison.asyncio_detailed,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return expect(response, Comparison)

    def acomparisons(
        self,
        test_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Comparison]:
        """List a test run's comparisons, oldest first, fetching pages lazily.

        Args:
            test_id: The test run's id.
            after: Start after this cursor.
            page_size: Comparisons per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the comparisons.
        """
        from opentasks_api.api.tests import list_test_comparisons

        return apaginate(
            self._client,
            timeout,
            list_test_comparisons.asyncio_detailed,
            comparison_page,
            test_id,
            after=after,
            page_size=page_size,
        )
