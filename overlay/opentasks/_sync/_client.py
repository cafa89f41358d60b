# generated from overlay/opentasks/_async/_client.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""The methods of `Client` that do I/O: closing, the project's event stream, phospho's calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from opentasks._sse import StreamState

from ._streaming import EventStream

if TYPE_CHECKING:
    from opentasks_api.models import Comparison, ComparisonResult, Flag, TestStatus

    from opentasks._client import ClientBase as _Base
    from opentasks._http import TimeoutTypes
    from opentasks._task import Task
    from opentasks._test_run import Test
else:
    # Type checkers see the state these methods use; at run time `Client` brings it.
    _Base = object

__all__ = ["SyncClientCalls"]


class SyncClientCalls(_Base):
    """Methods of `Client` that do I/O; phospho's client-level calls keep phospho's names."""

    def close(self) -> None:
        """Close both connection pools (if this client owns them); later calls raise.

        Closing twice is harmless. After closing, every call raises `ClientClosedError`.
        """
        self.api.close()
        if self._owns_pool:
            self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def events(
        self,
        *,
        types: Sequence[str] | None = None,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> EventStream:
        """Stream every event of the project live; it never ends by itself.

        Args:
            types: Only events of these types (e.g. `["task_finished"]`).
            after: Start after this event id; from the first event when omitted.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The stream; close it (or use it as a context manager) to stop.
        """
        return EventStream(
            self.api.get_httpx_client,
            lambda: self._events_request(types, after),
            StreamState(after),
            self._stream_settings(idle_timeout, max_reconnects),
        )

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
