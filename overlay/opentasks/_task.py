"""`Task`: one unit of agent work, as a live object with sync and `a`-prefixed async methods.

Its methods of one operation each are generated from openapi.yaml (`x-sdk` forwards), its save
is in `_async/_saving.py` (and its generated twin); what they share without I/O is here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from opentasks_api.models import Task as _GeneratedTask
from opentasks_api.models import TaskStatus, TaskUpdate

from ._async._saving import AsyncTask
from ._diff import field_names
from ._exceptions import OpenTasksError
from ._execution import TaskExecutions
from ._resource import BoundModel
from ._statuses import TERMINAL_TASK_STATUSES, to_member
from ._sync._saving import SyncTask

__all__ = ["Task", "TaskBase"]

_WRITABLE = field_names(TaskUpdate)
# `status` and `status_reason` are written through the status operation.
_READ_ONLY = field_names(_GeneratedTask) - _WRITABLE - {"status", "status_reason"}


class TaskBase(_GeneratedTask, BoundModel):
    """What both halves of `Task` share: its state, and the decisions that need no I/O."""

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedTask
    _read_only: ClassVar[frozenset[str]] = _READ_ONLY

    @property
    def is_terminal(self) -> bool:
        """Whether the task is finished (completed, failed, error or stopped)."""
        return str(self.status) in TERMINAL_TASK_STATUSES

    @property
    def executions(self) -> TaskExecutions:
        """The task's executions: `task.executions.start(arguments)`, `.list()` and so on."""
        return TaskExecutions(self._client, self.id)

    def _save_plan(self) -> tuple[dict[str, Any], TaskStatus | None, str | None]:
        """Return the PATCH fields, the new status (if changed) and its reason (if changed)."""
        changes = self.dirty_fields()
        status = "status" in changes
        # `status_reason` has no update of its own: it travels with a status change.
        via_status = {"status", "status_reason"} if status else {"status"}
        read_only = sorted(set(changes) - _WRITABLE - via_status)
        if read_only:
            names = ", ".join(read_only)
            msg = f"cannot save read-only task fields: {names} (they are set by the server)"
            if read_only == ["status_reason"]:
                msg = (
                    "cannot save read-only task fields: status_reason on its own; it is sent "
                    "with a status change: set task.status too, or call "
                    "set_status(status, reason=...)"
                )
            raise OpenTasksError(msg)
        update = {name: getattr(self, name) for name in changes if name in _WRITABLE}
        if not status:
            return update, None, None
        reason = self.status_reason if "status_reason" in changes else None
        return update, to_member(TaskStatus, self.status, "task status"), reason


class Task(SyncTask, AsyncTask, TaskBase):
    """One unit of agent work: its input, output, status lifecycle, flag and workflow.

    Every property of the `Task` schema is a typed attribute (`id`, `agent_id`, `prompt`,
    `output`, `status`, `metadata`, `main`, `version`, …). Change attributes and call `save()`
    to send only what changed; the other methods call one operation each and update the object
    in place from the server's answer, keeping unsaved local edits of other fields.

    Every method has an `a`-prefixed coroutine twin (`save` / `asave`, …).
    """

    __slots__ = ()
