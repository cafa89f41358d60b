"""The request bodies and arguments of the task operations, built without I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opentasks_api.models import Flag, TaskStatus
from opentasks_api.types import UNSET, Unset

from ._raw_body import with_raw_fields

if TYPE_CHECKING:
    from opentasks_api.models import TaskFlag, TaskStatusChange

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = [
    "events_request",
    "flag_body",
    "status_body",
    "unset_if_none",
]


def unset_if_none(value: str | None) -> str | Unset:
    """Map "not given" (`None`) to `UNSET`: a null in these bodies would clear the field."""
    return UNSET if value is None else value


def status_body(
    status: TaskStatus | str, reason: str | None, output: str | None
) -> TaskStatusChange:
    """The body of a status change."""
    from opentasks_api.models import TaskStatusChange

    try:
        known = TaskStatus(status)
    except ValueError:
        known = None
    body = TaskStatusChange(
        status=known or TaskStatus.PENDING,
        reason=unset_if_none(reason),
        output=unset_if_none(output),
    )
    if known is None:
        # A status added to the API after this client was built: sent as given, for the server
        # to accept or refuse with its own error.
        return with_raw_fields(body, {"status": _text(status, "status")})
    return body


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        msg = f"{name} must be a string, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def flag_body(flag: Flag | str, source: str, notes: str | None) -> TaskFlag:
    """The body of a flag; one this client does not know is sent as given."""
    from opentasks_api.models import TaskFlag

    try:
        value = Flag(flag)
    except ValueError:
        # A flag added to the API after this client was built: sent as given, as a status is.
        body = TaskFlag(flag=Flag.SUCCESS, source=source, notes=unset_if_none(notes))
        return with_raw_fields(body, {"flag": _text(flag, "flag")})
    return TaskFlag(flag=value, source=source, notes=unset_if_none(notes))


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
