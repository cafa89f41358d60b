# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The methods of the SDK's objects that forward to a namespace (`x-sdk` forwards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks_api.types import UNSET

from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any, Self

    from opentasks_api.models import (
        Comparison,
        ComparisonResult,
        ExecutionStatus,
        Flag,
        ListOrder,
        TaskStatus,
        TestStatus,
    )

    from opentasks._async._pagination import AsyncPager
    from opentasks._async._streaming import AsyncEventStream
    from opentasks._client import ClientBase as _ClientBase
    from opentasks._execution import Execution
    from opentasks._execution import ExecutionBase as _ExecutionBase
    from opentasks._http import TimeoutTypes
    from opentasks._session import SessionBase as _SessionBase
    from opentasks._sse import Event
    from opentasks._task import Task
    from opentasks._task import TaskBase as _TaskBase
    from opentasks._test_run import Test
    from opentasks._test_run import TestBase as _TestBase
else:
    # Type checkers see the state these methods use; at run time the public class
    # brings it.
    _ClientBase = object
    _ExecutionBase = object
    _SessionBase = object
    _TaskBase = object
    _TestBase = object

__all__ = [
    "AsyncClientOperations",
    "AsyncExecutionOperations",
    "AsyncSessionOperations",
    "AsyncTaskExecutionsOperations",
    "AsyncTaskOperations",
    "AsyncTestOperations",
]


class AsyncClientOperations(_ClientBase):
    """The methods of `Client` that call one operation each, in async form."""

    async def aflag(
        self,
        task_id: str,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Task:
        """Flag a task.

        Args:
            task_id: The task's id.
            flag: Whether a task's outcome was a success or a failure.
            source: Who sets the flag.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Task`: the flagged task.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return await self.tasks.aflag(
            task_id, flag=flag, source=source, notes=notes, timeout=timeout
        )

    def aevents(
        self,
        *,
        types: Sequence[str] | None = None,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Stream every event of the project live; it never ends by itself.

        Args:
            types: Only events of these types, e.g. `task_finished` (one `type` parameter
                each).
            after: Only events after this event id (exclusive); the `next_cursor` of a page
                is one. The event's number alone names the same place (`42`); `0` is before
                the first event.
            idle_timeout: Seconds without a byte before reconnecting (client default if
                `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            An `AsyncEventStream` of `Event` objects, connected when it is first iterated;
            it reconnects and resumes by itself. Close it (or use it as a context manager)
            to stop early.
        """
        from opentasks_api.api.events import list_events

        from opentasks._async._streaming import astream

        return astream(
            self,
            list_events,
            type_=UNSET if types is None else list(types),
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
        )

    async def acreate_test(
        self,
        summary: Mapping[str, Any] | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """Create a test run.

        Args:
            summary: Free-form JSON object.
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
        return await self.tests.acreate(summary=summary, timeout=timeout)

    async def aupdate_test(
        self,
        test_id: str,
        status: TestStatus | str,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Test:
        """End a test run or change its status (phospho's `update_test`).

        Args:
            test_id: The test run's id.
            status: The status of a test run; `started → completed|canceled`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Test`: the updated test run.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return await self.tests.aupdate(test_id, status=status, timeout=timeout)

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
        """Compare two outputs.

        Args:
            context_input: The input both outputs answer.
            old_output: The output of the old version.
            new_output: The output of the new version.
            test_id: Attach the comparison to this test run of the project.
            instructions: What the judge should look for.
            comparison_result: Which of two outputs is better.
            source: Who decided `comparison_result`; defaults to `user` when a result is
                given.
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
        return await self.tests.acompare(
            context_input=context_input,
            old_output=old_output,
            new_output=new_output,
            test_id=test_id,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            timeout=timeout,
        )


class AsyncExecutionOperations(_ExecutionBase):
    """The methods of `Execution` that call one operation each, in async form."""

    __slots__ = ()

    async def arefresh(
        self,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Reload the execution from the server.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Execution`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.executions.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    async def aset_status(
        self,
        status: ExecutionStatus | str,
        *,
        output: Mapping[str, Any] | None = None,
        error: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Change an execution's status.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            status: The status of an execution. `queued → starting → running ⇄
                awaiting_input → succeeded|failed|cancelled`; queued and starting may also
                end failed or cancelled.
            output: The result, with `succeeded`.
            error: Why the run failed, with `failed`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Execution`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.executions.aset_status(
            self.id, status=status, output=output, error=error, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self


class AsyncSessionOperations(_SessionBase):
    """The methods of `Session` that call one operation each, in async form."""

    __slots__ = ()

    async def arefresh(
        self,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Reload the session from the server.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Session`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.sessions.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    async def adelete(
        self,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> None:
        """Delete a session.

        Args:
            timeout: A timeout for this call instead of the client's.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        await self._client.sessions.adelete(self.id, timeout=timeout, if_match=self.etag)

    def atasks(
        self,
        *,
        order: ListOrder | str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPager[Task]:
        """List a session's tasks.

        Args:
            order: `asc` (when omitted): oldest first; `desc`: newest first. A cursor
                continues in the order of the page that gave it, so pass the same `order`
                with `after`.
            page_size: How many items a page holds at most (1 to 100).

        Returns:
            A pager over `Task` objects (a page of the session's tasks), fetching each page
            as it is iterated; `.pages()` gives the pages themselves.

        Raises:
            ValueError: `order` is not a value this SDK knows.
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return self._client.sessions.atasks(self.id, order=order, page_size=page_size)


class AsyncTaskOperations(_TaskBase):
    """The methods of `Task` that call one operation each, in async form."""

    __slots__ = ()

    async def arefresh(
        self,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Reload the task from the server.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Task`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tasks.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    async def aset_status(
        self,
        status: TaskStatus | str,
        reason: str | None = None,
        output: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Change a task's status.

        The object takes the server's answer, keeping unsaved local edits of other fields.

        Args:
            status: The status of a task. `pending → executing ⇄ paused`; `executing|paused
                → completed|failed|error|stopped`; `pending → stopped|failed`. Completed,
                failed, error and stopped are terminal.
            reason: Why the status changes; kept as the task's `status_reason`.
            output: The task's output, set in the same change (e.g. with `completed`).
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Task`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tasks.aset_status(
            self.id, status=status, reason=reason, output=output, timeout=timeout
        )
        self._absorb(fresh, keep_local=True)
        return self

    async def astop(
        self,
        reason: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Stop a task.

        The object takes the server's answer, keeping unsaved local edits of other fields.

        Args:
            reason: Why the task is stopped; kept as the task's `status_reason`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Task`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tasks.astop(self.id, reason=reason, timeout=timeout)
        self._absorb(fresh, keep_local=True)
        return self

    async def aset_flag(
        self,
        flag: Flag | str,
        source: str = "user",
        notes: str | None = None,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Flag a task.

        The object takes the server's answer, keeping unsaved local edits of other fields.

        Args:
            flag: Whether a task's outcome was a success or a failure.
            source: Who sets the flag.
            notes: Why; kept as the task's `notes`.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Task`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tasks.aflag(
            self.id, flag=flag, source=source, notes=notes, timeout=timeout
        )
        self._absorb(fresh, keep_local=True)
        return self

    def aevents(
        self,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Stream the task's events live, from the first (or after `after`).

        Args:
            follow: Keep a task's stream open after its terminal event.
            after: Only events after this event id (exclusive); the `next_cursor` of a page
                is one. The event's number alone names the same place (`42`); `0` is before
                the first event.
            idle_timeout: Seconds without a byte before reconnecting (client default if
                `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            An `AsyncEventStream` of `Event` objects, connected when it is first iterated;
            it reconnects and resumes by itself. Close it (or use it as a context manager)
            to stop early.
        """
        return self._client.tasks.aevents(
            self.id,
            follow=follow,
            after=after,
            idle_timeout=idle_timeout,
            max_reconnects=max_reconnects,
        )

    async def apublish(
        self,
        type: str,
        data: Mapping[str, Any] | None = None,
        *,
        execution_id: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Event:
        """Publish an event on a task's stream.

        Args:
            type: The kind of event, in snake_case, e.g. `chunk`, `tool_call_request`,
                `think`, `plan_updated`. Server event prefixes (`task_`, `execution_`,
                `session_`, `test_`, `comparison_`) are reserved.
            data: Free-form JSON object.
            execution_id: The execution of the task the event belongs to, if any.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Event`: the recorded event.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return await self._client.tasks.apublish(
            self.id, type=type, data=data, execution_id=execution_id, timeout=timeout
        )


class AsyncTaskExecutionsOperations(Namespace):
    """The methods of `TaskExecutions` that call one operation each, in async form."""

    task_id: str

    async def astart(
        self,
        arguments: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Execution:
        """Start an execution of a task.

        Args:
            arguments: Free-form JSON object.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Execution`: the execution was created.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return await self._client.executions.astart(
            self.task_id, arguments=arguments, idempotency_key=idempotency_key, timeout=timeout
        )

    def alist(
        self,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Execution]:
        """List a task's executions.

        Args:
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for this call instead of the client's.

        Returns:
            A pager over `Execution` objects (a page of executions), fetching each page as
            it is iterated; `.pages()` gives the pages themselves.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return self._client.executions.alist(self.task_id, page_size=page_size, timeout=timeout)


class AsyncTestOperations(_TestBase):
    """The methods of `Test` that call one operation each, in async form."""

    __slots__ = ()

    async def arefresh(
        self,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Reload the test run from the server.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Test`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tests.aget(self.id, timeout=timeout)
        self._absorb(fresh, keep_local=False)
        return self

    async def aupdate(
        self,
        *,
        status: TestStatus | str | None = None,
        summary: Mapping[str, Any] | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Self:
        """Update a test run.

        The object takes the server's answer, dropping unsaved local edits.

        Args:
            status: The status of a test run; `started → completed|canceled`.
            summary: Free-form JSON object.
            timeout: A timeout for this call instead of the client's.

        Returns:
            This `Test`, updated from the answer.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        fresh = await self._client.tests.aupdate(
            self.id, status=status, summary=summary, timeout=timeout
        )
        self._absorb(fresh, keep_local=False)
        return self

    def acomparisons(
        self,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPager[Comparison]:
        """List a test run's comparisons.

        Args:
            page_size: How many items a page holds at most (1 to 100).

        Returns:
            A pager over `Comparison` objects (a page of comparisons), fetching each page as
            it is iterated; `.pages()` gives the pages themselves.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        return self._client.tests.acomparisons(self.id, page_size=page_size)

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
        """Compare two outputs.

        Args:
            context_input: The input both outputs answer.
            old_output: The output of the old version.
            new_output: The output of the new version.
            instructions: What the judge should look for.
            comparison_result: Which of two outputs is better.
            source: Who decided `comparison_result`; defaults to `user` when a result is
                given.
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
        return await self._client.tests.acompare(
            context_input=context_input,
            old_output=old_output,
            new_output=new_output,
            instructions=instructions,
            comparison_result=comparison_result,
            source=source,
            timeout=timeout,
            test_id=self.id,
        )
