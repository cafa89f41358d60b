"""`Execution`: one run of a task with arguments (julep style), and `task.executions`.

The methods that call the server are generated from openapi.yaml (`x-sdk` forwards) into
`_async/_generated/_objects.py` and its sync twin; what they share without I/O is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from opentasks_api.models import Execution as _GeneratedExecution

from ._async._generated._objects import AsyncExecutionOperations, AsyncTaskExecutionsOperations
from ._resource import BoundModel
from ._statuses import TERMINAL_EXECUTION_STATUSES
from ._sync._generated._objects import SyncExecutionOperations, SyncTaskExecutionsOperations

if TYPE_CHECKING:
    from ._client import ClientBase

__all__ = [
    "Execution",
    "ExecutionBase",
    "TaskExecutions",
]


class ExecutionBase(_GeneratedExecution, BoundModel):
    """What both halves of `Execution` share: its state."""

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedExecution

    @property
    def is_terminal(self) -> bool:
        """Whether the run is over (succeeded, failed or cancelled)."""
        return str(self.status) in TERMINAL_EXECUTION_STATUSES


class Execution(SyncExecutionOperations, AsyncExecutionOperations, ExecutionBase):
    """One run of a task with arguments.

    Every property of the `Execution` schema is a typed attribute (`id`, `task_id`,
    `arguments`, `status`, `output`, `error`, `version`, timestamps). The task's status follows
    its latest execution: running → executing, awaiting_input → paused, succeeded → completed,
    failed → failed, cancelled → stopped.
    """

    __slots__ = ()


class TaskExecutions(SyncTaskExecutionsOperations, AsyncTaskExecutionsOperations):
    """The executions of one task: `task.executions`.

    Args:
        client: The client they talk through.
        task_id: The task's id.
    """

    def __init__(self, client: ClientBase, task_id: str) -> None:
        super().__init__(client)
        self.task_id = task_id
        """The task's id."""
