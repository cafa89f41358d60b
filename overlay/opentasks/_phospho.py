"""phospho's client-level calls by their names: `flag`, `compare`, `create_test`, `update_test`.

They are shortcuts to `client.tasks` and `client.tests`, kept so that code written for phospho
reads the same here.
"""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only annotations name them; their modules load with the namespaces that use them.
    from opentasks_api.models import Comparison, ComparisonResult, Flag, TestStatus

    from ._http import TimeoutTypes
    from ._task import Task
    from ._tasks import Tasks
    from ._test_run import Test
    from ._test_runs import Tests

__all__ = ["PhosphoCalls"]


class PhosphoCalls:
    """`flag`, `compare`, `create_test` and `update_test`, each with its `a`-prefixed twin.

    Part of `Client`.
    """

    if TYPE_CHECKING:
        # Provided by `Client`, which builds each namespace on first use.
        @property
        def tasks(self) -> Tasks: ...
        @property
        def tests(self) -> Tests: ...

    def flag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Mark a task's outcome as a success or a failure (phospho's `flag`).

        Args:
            task_id: The task's id.
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so (`user`, `owner`, an evaluator's name, …).
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The flagged task.
        """
        return self.tasks.flag(task_id, flag, source, notes, timeout=timeout)

    async def aflag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Mark a task's outcome as a success or a failure (async).

        Args:
            task_id: The task's id.
            flag: `"success"` or `"failure"` (or a `Flag` member).
            source: Who says so.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The flagged task.
        """
        return await self.tasks.aflag(task_id, flag, source, notes, timeout=timeout)

    def compare(
        self,
        context_input: str,
        old_output: str,
        new_output: str,
        test_id: str | None = None,
        instructions: str | None = None,
        comparison_result: ComparisonResult | str | None = None,
        source: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Comparison:
        """Compare an old and a new output for the same input (phospho's `compare`).

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            test_id: The test run it belongs to, if any.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict; the server's evaluator decides if
                omitted.
            source: Who decided `comparison_result`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        return self.tests.compare(
            context_input,
            old_output,
            new_output,
            test_id=test_id,
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
        test_id: str | None = None,
        instructions: str | None = None,
        comparison_result: ComparisonResult | str | None = None,
        source: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Comparison:
        """Compare an old and a new output for the same input (async).

        Args:
            context_input: The input both outputs answer.
            old_output: The old version's output.
            new_output: The new version's output.
            test_id: The test run it belongs to, if any.
            instructions: What the judge should look for.
            comparison_result: Your own judge's verdict.
            source: Who decided `comparison_result`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The recorded comparison.
        """
        return await self.tests.acompare(
            context_input,
            old_output,
            new_output,
            test_id=test_id,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            timeout=timeout,
        )

    def create_test(
        self, summary: Mapping[str, Any] | None = None, *, timeout: TimeoutTypes | None = None
    ) -> Test:
        """Start a test run (phospho's `create_test`).

        Args:
            summary: Free-form JSON object describing the run.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new test run.
        """
        return self.tests.create(summary, timeout=timeout)

    async def acreate_test(
        self, summary: Mapping[str, Any] | None = None, *, timeout: TimeoutTypes | None = None
    ) -> Test:
        """Start a test run (async).

        Args:
            summary: Free-form JSON object describing the run.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The new test run.
        """
        return await self.tests.acreate(summary, timeout=timeout)

    def update_test(
        self, test_id: str, status: TestStatus | str, *, timeout: TimeoutTypes | None = None
    ) -> Test:
        """End a test run or change its status (phospho's `update_test`).

        Args:
            test_id: The test run's id.
            status: `completed` or `canceled`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated test run.
        """
        return self.tests.update(test_id, status=status, timeout=timeout)

    async def aupdate_test(
        self, test_id: str, status: TestStatus | str, *, timeout: TimeoutTypes | None = None
    ) -> Test:
        """End a test run or change its status (async).

        Args:
            test_id: The test run's id.
            status: `completed` or `canceled`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated test run.
        """
        return await self.tests.aupdate(test_id, status=status, timeout=timeout)
