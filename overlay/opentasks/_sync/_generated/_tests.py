# generated from overlay/opentasks/_async/_generated/_tests.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The `client.tests` operations of openapi.yaml (their `x-sdk`), in async form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks_api.types import UNSET

from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, build_body, expect, if_match_header, load_page, present
from opentasks._statuses import to_member
from opentasks._sync._calls import paginate, request
from opentasks._test_run import Test

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from opentasks_api.models import Comparison, ComparisonResult, TestStatus

    from opentasks._http import TimeoutTypes
    from opentasks._sync._pagination import SyncPager

__all__ = ["SyncTestsOperations"]


class SyncTestsOperations(Namespace):
    """The operations of `client.tests`, as the spec describes them."""

    __test__ = False  # not a pytest test class, whatever its name

    def create(
        self,
        summary: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Create a test run.

        Starts a test run; comparisons and tasks can then be attached to it.

        Args:
            summary: Free-form JSON object.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Test`: the test run was created.

        Raises:
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tests import create_test
        from opentasks_api.models import TestCreate

        response = request(
            self._client,
            timeout,
            create_test.sync_detailed,
            body=build_body(TestCreate, present({"summary": summary})),
            idempotency_key=idempotency_key or UNSET,
        )
        return Test._from_response(self._client, response)

    def list(
        self,
        *,
        status: TestStatus | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Test]:
        """List test runs.

        Lists the project's test runs, oldest first, one page at a time.

        Args:
            status: Only test runs in this status.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Test` objects (a page of test runs), fetching each page as it is
            iterated; `.pages()` gives the pages themselves.

        Raises:
            ValueError: `status` is not a value this SDK knows.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tests import list_tests
        from opentasks_api.models import TestPage, TestStatus

        return paginate(
            self._client,
            timeout,
            list_tests.sync_detailed,
            lambda response: load_page(TestPage, response, self._client, Test),
            after=after,
            page_size=page_size,
            status=UNSET if status is None else to_member(TestStatus, status, "test status"),
        )

    def get(
        self,
        test_id: str,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Get a test run.

        Returns one test run, with its version as the `ETag`.

        Args:
            test_id: The test run's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Test`: the test run.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tests import get_test

        response = request(self._client, timeout, get_test.sync_detailed, test_id)
        return Test._from_response(self._client, response)

    def update(
        self,
        test_id: str,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Update a test run.

        Changes the summary or ends the run: `started → completed|canceled`; a finished run
        cannot change status again (409). With `If-Match`, the change applies only if the run is
        still at that version.

        Args:
            test_id: The test run's id.
            status: The status of a test run; `started → completed|canceled`.
            summary: Free-form JSON object.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Test`: the updated test run.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tests import update_test
        from opentasks_api.models import TestUpdate

        response = request(
            self._client,
            timeout,
            update_test.sync_detailed,
            test_id,
            body=build_body(TestUpdate, present({"status": status, "summary": summary})),
            if_match=if_match_header(if_match),
        )
        return Test._from_response(self._client, response)

    def comparisons(
        self,
        test_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Comparison]:
        """List a test run's comparisons.

        Lists the comparisons made during one test run, oldest first, one page at a time.

        Args:
            test_id: The test run's id.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Comparison` objects (a page of comparisons), fetching each page as
            it is iterated; `.pages()` gives the pages themselves.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.tests import list_test_comparisons
        from opentasks_api.models import ComparisonPage

        return paginate(
            self._client,
            timeout,
            list_test_comparisons.sync_detailed,
            lambda response: load_page(ComparisonPage, response),
            test_id,
            after=after,
            page_size=page_size,
        )

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
        """Compare two outputs.

        Records a comparison of an old and a new output for the same input. A result supplied by
        the caller (from its own judge) is kept with its `source`; otherwise the server's
        evaluator decides (the built-in one answers `same_quality` when the outputs are equal
        after normalising case and whitespace, `undetermined` otherwise).

        Args:
            context_input: The input both outputs answer.
            old_output: The output of the old version.
            new_output: The output of the new version.
            test_id: Attach the comparison to this test run of the project.
            instructions: What the judge should look for.
            comparison_result: Which of two outputs is better.
            source: Who decided `comparison_result`; defaults to `user` when a result is
                given.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Comparison`: the recorded comparison.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.comparisons import create_comparison
        from opentasks_api.models import Comparison as _Answer
        from opentasks_api.models import ComparisonCreate

        response = request(
            self._client,
            timeout,
            create_comparison.sync_detailed,
            body=build_body(
                ComparisonCreate,
                present(
                    {
                        "context_input": context_input,
                        "old_output": old_output,
                        "new_output": new_output,
                        "test_id": test_id,
                        "instructions": instructions,
                        "comparison_result": comparison_result,
                        "source": source,
                    }
                ),
            ),
            idempotency_key=idempotency_key or UNSET,
        )
        return expect(response, _Answer)
