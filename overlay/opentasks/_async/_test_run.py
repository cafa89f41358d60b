"""The methods of `Test` that call the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from opentasks._pagination import DEFAULT_PAGE_SIZE

if TYPE_CHECKING:
    from opentasks_api.models import Comparison, ComparisonResult, TestStatus

    from opentasks._http import TimeoutTypes
    from opentasks._test_run import TestBase as _Base

    from ._pagination import AsyncPager
else:
    # Type checkers see the state these methods use; at run time `Test` brings it.
    _Base = object

__all__ = ["AsyncTest"]


class AsyncTest(_Base):
    """Methods of `Test` that call the server."""

    __slots__ = ()

    async def aupdate(
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
        fresh = await self._client.tests.aupdate(
            self.id, status=status, summary=summary, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self

    async def arefresh(self, *, timeout: TimeoutTypes | None = None) -> Self:
        """Reload the test run from the server.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This test run.
        """
        self._absorb(await self._client.tests.aget(self.id, timeout=timeout), keep_local=False)
        return self

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

    def acomparisons(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncPager[Comparison]:
        """List the run's comparisons, oldest first, fetching pages lazily.

        Args:
            page_size: Comparisons per page (1 to 100).

        Returns:
            A pager over the comparisons.
        """
        return self._client.tests.acomparisons(self.id, page_size=page_size)
