"""The request of a task's event stream, built without I/O."""

from __future__ import annotations

from typing import Any

from opentasks_api.types import UNSET

# The generated endpoint module is imported where it is used: a program loads those of the
# operations it calls, not all of them.

__all__ = ["events_request"]


def events_request(task_id: str, follow: bool, after: str | None) -> dict[str, Any]:
    """The request of a task's event stream, from the generated request builder.

    The generated builder knows the path and the parameters' names from the spec; the generated
    function itself cannot stream (it buffers the whole body), so the stream sends it itself.
    """
    from opentasks_api.api.events import list_task_events

    kwargs: dict[str, Any] = list_task_events._get_kwargs(
        task_id, limit=UNSET, after=after or UNSET, follow=follow
    )
    return kwargs
