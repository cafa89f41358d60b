"""`client.tasks`: the task operations the spec describes, and the task's live event stream."""

from __future__ import annotations

import functools

from opentasks_api.types import UNSET

from opentasks._arguments import require_id
from opentasks._sse import StreamState

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
        # The generated builder knows the path and the parameters; the generated function itself
        # buffers the whole body, so the stream sends the request itself.
        from opentasks_api.api.events import list_task_events

        require_id("task_id", task_id)
        request = functools.partial(
            list_task_events._get_kwargs, task_id, limit=UNSET, after=after or UNSET, follow=follow
        )

        async def is_done() -> bool:
            return (await self._client.tasks.aget(task_id)).is_terminal

        return AsyncEventStream(
            self._client.api.get_async_httpx_client,
            request,
            StreamState(after, stop_at_terminal=not follow),
            self._client._stream_settings(idle_timeout, max_reconnects),
            is_done=is_done,
        )
