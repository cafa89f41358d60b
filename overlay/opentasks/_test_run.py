"""`Test`: a test run (phospho style), as a live object.

The module is not called `_test.py` so that nobody mistakes it for a test module; the class is
`Test`, as in the spec, and tells pytest it is not a test class.
"""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from opentasks_api.models import Test as _GeneratedTest
from opentasks_api.models import TestStatus

from ._http import TimeoutTypes
from ._pagination import AsyncPager, SyncPager
from ._resource import BoundModel

if TYPE_CHECKING:
    # Only annotations name them; their modules load when a comparison is made.
    from opentasks_api.models import Comparison, ComparisonResult

__all__ = ["Test"]

DEFAULT_PAGE_SIZE = 20


class Test(_GeneratedTest, BoundModel):
    """A test run, grouping the comparisons (and tasks) made while evaluating an agent.

    Every property of the `Test` schema is a typed attribute (`id`, `status`, `summary`,
    `version`, timestamps, `terminated_at`).
    """

    __test__ = False  # not a pytest test class, whatever its name
    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedTest

    def update(
        self,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Change the summary or end the run (`completed` or `canceled`).

        Args:
            status: The new status.
            summary: The new summary.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This test run, updated.

        Raises:
            ConflictError: The run is already finished.
        """
        fresh = self._client.tests.update(self.id, status=status, summary=summary, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    async def aupdate(
        self,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Change the summary or end the run (async). See `update()`.

        Args:
            status: The new status.
            summary: The new summary.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This test run, updated.
        """
        fresh = await self._client.tests.aupdate(
            self.id, status=status, summary=summary, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self

    def refresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the test run from the server.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This test run.
        """
        self._absorb(self._client.tests.get(self.id, timeout=timeout), keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the test run from the server (async).

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This test run.
        """
        self._absorb(await self._client.tests.aget(self.id, timeout=timeout), keep_local=False)
        return self

    def compare(
        self,
        context_input: str,
        old_output: str,
        new_output: str,
        *,
        instructions: str | None = None,
        comparison_result: ComparisonResult | str | None = None,
        source: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Comparison:
        """Record a comparison of two outputs in this test run.

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict; the server's evaluator decides if
                omitted.
            source: Who decided `comparison_result`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        return self._client.tests.compare(
            context_input,
            old_output,
            new_output,
            test_id=self.id,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            timeout=timeout,
        )

    async def acompare(
        self,
        context_input: str,
        old_output: str,
        new_output: str,
        *,
        instructions: str | None = None,
        comparison_result: ComparisonResult | str | None = None,
        source: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Comparison:
        """Record a comparison of two outputs in this test run (async).

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict.
            source: Who decided `comparison_result`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        return await self._client.tests.acompare(
            context_input,
            old_output,
            new_output,
            test_id=self.id,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            timeout=timeout,
        )

    def comparisons(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> SyncPager[Comparison]:
        """List the run's comparisons, oldest first, fetching pages lazily.

        Args:
            page_size: Comparisons per page (1 to 100).

        Returns:
            A pager over the comparisons.
        """
        return self._client.tests.comparisons(self.id, page_size=page_size)

    def acomparisons(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncPager[Comparison]:
        """List the run's comparisons, oldest first (async iteration).

        Args:
            page_size: Comparisons per page (1 to 100).

        Returns:
            An async pager over the comparisons.
        """
        return self._client.tests.acomparisons(self.id, page_size=page_size)
