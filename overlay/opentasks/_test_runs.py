"""`client.tests`: test runs and output comparisons (phospho style), sync and async."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import TestStatus
from opentasks_api.types import UNSET, Response, Unset

from ._http import TimeoutTypes, acall, call, expect
from ._pagination import AsyncPager, Page, SyncPager
from ._resource import build_body, if_match_header
from ._test_run import Test

if TYPE_CHECKING:
    from opentasks_api.models import (
        Comparison,
        ComparisonCreate,
        ComparisonResult,
        TestCreate,
        TestUpdate,
    )

    from ._client import Client

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["Tests"]

DEFAULT_PAGE_SIZE = 20


def _test_body(summary: Mapping[str, Any] | None) -> TestCreate:
    from opentasks_api.models import TestCreate

    return build_body(TestCreate, {} if summary is None else {"summary": dict(summary)})


def _update_body(status: TestStatus | str | None, summary: Mapping[str, Any] | None) -> TestUpdate:
    from opentasks_api.models import TestUpdate

    fields: dict[str, object] = {}
    if status is not None:
        fields["status"] = status
    if summary is not None:
        fields["summary"] = dict(summary)
    return build_body(TestUpdate, fields)


def _comparison_body(
    context_input: str,
    old_output: str,
    new_output: str,
    test_id: str | None,
    instructions: str | None,
    comparison_result: ComparisonResult | str | None,
    source: str | None,
) -> ComparisonCreate:
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


class Tests:
    """The test-run and comparison operations: `client.tests`.

    Args:
        client: The client they talk through.
    """

    __test__ = False  # not a pytest test class, whatever its name

    def __init__(self, client: Client) -> None:
        self._client = client

    def _one(self, response: Response[Any]) -> Test:
        return Test._from_response(self._client, response)

    def _page(self, response: Response[Any]) -> Page[Test]:
        from opentasks_api.models import TestPage

        page = expect(response, TestPage)
        items = [Test._load(self._client, item) for item in page.data]
        return Page(items, page.has_more, page.next_cursor or None)

    @staticmethod
    def _comparison_page(response: Response[Any]) -> Page[Comparison]:
        from opentasks_api.models import ComparisonPage

        page = expect(response, ComparisonPage)
        return Page(list(page.data), page.has_more, page.next_cursor or None)

    def create(
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

        response = call(
            self._client._call_options(timeout),
            create_test.sync_detailed,
            client=self._client.api,
            body=_test_body(summary),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    async def acreate(
        self,
        summary: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Start a test run (async).

        Args:
            summary: Free-form JSON object describing the run.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new test run, `started`.
        """
        from opentasks_api.api.tests import create_test

        response = await acall(
            self._client._call_options(timeout),
            create_test.asyncio_detailed,
            client=self._client.api,
            body=_test_body(summary),
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    def get(self, test_id: str, *, timeout: TimeoutTypes | None = None) -> Test:
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

        options = self._client._call_options(timeout)
        return self._one(call(options, get_test.sync_detailed, test_id, client=self._client.api))

    async def aget(self, test_id: str, *, timeout: TimeoutTypes | None = None) -> Test:
        """Fetch one test run (async).

        Args:
            test_id: The test run's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The test run.
        """
        from opentasks_api.api.tests import get_test

        options = self._client._call_options(timeout)
        response = await acall(options, get_test.asyncio_detailed, test_id, client=self._client.api)
        return self._one(response)

    def list(
        self,
        *,
        status: TestStatus | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Test]:
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

        options = self._client._call_options(timeout)
        wanted: TestStatus | Unset = UNSET if status is None else TestStatus(status)

        def fetch(cursor: str | None) -> Page[Test]:
            response = call(
                options,
                list_tests.sync_detailed,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
                status=wanted,
            )
            return self._page(response)

        return SyncPager(fetch, after=after)

    def alist(
        self,
        *,
        status: TestStatus | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Test]:
        """List test runs, oldest first (async iteration).

        Args:
            status: Only runs in this status.
            after: Start after this cursor.
            page_size: Runs per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the test runs.
        """
        from opentasks_api.api.tests import list_tests

        options = self._client._call_options(timeout)
        wanted: TestStatus | Unset = UNSET if status is None else TestStatus(status)

        async def fetch(cursor: str | None) -> Page[Test]:
            response = await acall(
                options,
                list_tests.asyncio_detailed,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
                status=wanted,
            )
            return self._page(response)

        return AsyncPager(fetch, after=after)

    def update(
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

        response = call(
            self._client._call_options(timeout),
            update_test.sync_detailed,
            test_id,
            client=self._client.api,
            body=_update_body(status, summary),
            if_match=if_match_header(if_match),
        )
        return self._one(response)

    async def aupdate(
        self,
        test_id: str,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Change a run's summary or end it (async). See `update()`.

        Args:
            test_id: The test run's id.
            status: The new status.
            summary: The new summary.
            if_match: Apply only if the run is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated test run.
        """
        from opentasks_api.api.tests import update_test

        response = await acall(
            self._client._call_options(timeout),
            update_test.asyncio_detailed,
            test_id,
            client=self._client.api,
            body=_update_body(status, summary),
            if_match=if_match_header(if_match),
        )
        return self._one(response)

    def compare(
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

        body = _comparison_body(
            context_input, old_output, new_output, test_id, instructions, comparison_result, source
        )
        response = call(
            self._client._call_options(timeout),
            create_comparison.sync_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return expect(response, Comparison)

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
        """Record a comparison of an old and a new output (async). See `compare()`.

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            test_id: The test run it belongs to, if any.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict.
            source: Who decided `comparison_result`.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        from opentasks_api.api.comparisons import create_comparison
        from opentasks_api.models import Comparison

        body = _comparison_body(
            context_input, old_output, new_output, test_id, instructions, comparison_result, source
        )
        response = await acall(
            self._client._call_options(timeout),
            create_comparison.asyncio_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return expect(response, Comparison)

    def comparisons(
        self,
        test_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Comparison]:
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

        options = self._client._call_options(timeout)

        def fetch(cursor: str | None) -> Page[Comparison]:
            response = call(
                options,
                list_test_comparisons.sync_detailed,
                test_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._comparison_page(response)

        return SyncPager(fetch, after=after)

    def acomparisons(
        self,
        test_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Comparison]:
        """List a test run's comparisons, oldest first (async iteration).

        Args:
            test_id: The test run's id.
            after: Start after this cursor.
            page_size: Comparisons per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the comparisons.
        """
        from opentasks_api.api.tests import list_test_comparisons

        options = self._client._call_options(timeout)

        async def fetch(cursor: str | None) -> Page[Comparison]:
            response = await acall(
                options,
                list_test_comparisons.asyncio_detailed,
                test_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._comparison_page(response)

        return AsyncPager(fetch, after=after)
