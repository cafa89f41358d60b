"""`client.tasks`: the task operations the spec describes, and the task's live event stream."""

from __future__ import annotations

from opentasks._arguments import require_id
from opentasks._sse import StreamState
from opentasks._task_bodies import events_request

from ._generated._tasks import AsyncTasksOperations
from ._streaming import AsyncEventStream

__all__ = ["AsyncTasks"]


class AsyncTasks(AsyncTasksOperations):
    """The task operations of `client.tasks`: those of the spec, and a task's event stream.

    The stream is written by hand: the generated endpoint function buffers a whole answer, and a
    stream must read it event by event, reconnecting and resuming where it stopped.
    """

    def aevents(
        self,
        task_id: str,
        *,
        follow: bool = False,
        after: str | None = None,
        idle_timeout: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncEventStream:
        """Stream a task's events live; see `Task.aevents()`.

        Args:
            task_id: The task's id.
            follow: Keep streaming after the terminal event.
            after: Start after this event id.
            idle_timeout: Seconds without a byte before reconnecting (client default if `None`).
            max_reconnects: Failed reconnects before `EventStreamError` (client default).

        Returns:
            The stream.
        """
        require_id("task_id", task_id)

        async def is_done() -> bool:
            return (await self._client.tasks.aget(task_id)).is_terminal

        return AsyncEventStream(
            self._client.api.get_async_httpx_client,
            lambda: events_request(task_id, follow, after),
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=is_done,
        )
