"""Task status moves shared by the task and execution routes, with their events.

A status change is one place: it checks the state machine, keeps the timestamps
(`started_at` on the first move to executing, `finished_at` on a terminal status), bumps the
version and records `task_status_changed`, or `task_finished` when the new status is terminal.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.db.models import ExecutionRow, TaskRow
from opentasks_server.db.types import utcnow
from opentasks_server.outbox import record_event
from opentasks_server.statemachine import (
    EXECUTION_TERMINAL,
    TASK_TERMINAL,
    check_execution_transition,
    check_task_transition,
)

__all__ = ["cancel_active_executions", "move_execution", "move_task"]


async def move_task(
    session: AsyncSession,
    task: TaskRow,
    target: str,
    *,
    reason: str | None,
    execution_id: str | None = None,
) -> None:
    """Move a task to another status and record the event.

    Args:
        session: The write transaction's session.
        task: The task, loaded for update.
        target: The new status.
        reason: Why; kept as the task's `status_reason`.
        execution_id: The execution that drove the move, if any (carried by the event).

    Raises:
        IllegalTransition: When the task's lifecycle forbids the move.
    """
    current = task.status
    check_task_transition(current, target)
    now = utcnow()
    task.status = target
    task.status_reason = reason
    if target == "executing" and task.started_at is None:
        task.started_at = now
    if target in TASK_TERMINAL:
        task.finished_at = now
    task.version += 1
    task.updated_at = now
    await session.flush()
    await record_event(
        session,
        project_id=task.project_id,
        type="task_finished" if target in TASK_TERMINAL else "task_status_changed",
        task_id=task.id,
        execution_id=execution_id,
        session_id=task.session_id,
        data={"from": current, "to": target, "reason": reason, "version": task.version},
    )


async def move_execution(
    session: AsyncSession,
    execution: ExecutionRow,
    target: str,
    *,
    session_id: str | None,
) -> None:
    """Move an execution to another status and record the event.

    Args:
        session: The write transaction's session.
        execution: The execution, loaded for update.
        target: The new status.
        session_id: The session of the execution's task (carried by the event).

    Raises:
        IllegalTransition: When the execution's lifecycle forbids the move.
    """
    current = execution.status
    check_execution_transition(current, target)
    now = utcnow()
    execution.status = target
    if target == "running" and execution.started_at is None:
        execution.started_at = now
    if target in EXECUTION_TERMINAL:
        execution.finished_at = now
    execution.version += 1
    execution.updated_at = now
    await session.flush()
    await record_event(
        session,
        project_id=execution.project_id,
        type="execution_status_changed",
        task_id=execution.task_id,
        execution_id=execution.id,
        session_id=session_id,
        data={"from": current, "to": target, "version": execution.version},
    )


async def cancel_active_executions(session: AsyncSession, task: TaskRow) -> None:
    """Cancel every execution of a task that has not ended.

    Args:
        session: The write transaction's session.
        task: The task being stopped.
    """
    active = (
        await session.scalars(
            select(ExecutionRow)
            .where(
                ExecutionRow.project_id == task.project_id,
                ExecutionRow.task_id == task.id,
                ExecutionRow.status.not_in(sorted(EXECUTION_TERMINAL)),
            )
            .order_by(ExecutionRow.id)
            .with_for_update()
        )
    ).all()
    for execution in active:
        await move_execution(session, execution, "cancelled", session_id=task.session_id)
