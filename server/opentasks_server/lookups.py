"""Loading one resource of the caller's project, or a 404.

Every lookup filters on `project_id`: an id of another project answers exactly like an id that
does not exist. Writes load with `FOR UPDATE` (on PostgreSQL a row lock held to the end of the
transaction, so version checks and status moves cannot interleave; SQLite's `BEGIN IMMEDIATE`
already serialises writers and SQLAlchemy leaves the clause out there).

`read_task` serves a plain read of one task without the ORM: a Core `SELECT` built once, whose
row goes to the serialiser as it is (`Database.read_one`). Loading an ORM object (the session, its
identity map and unit of work, the statement rebuilt and its cache key computed on every call)
cost more than the query.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.db.engine import Database
from opentasks_server.db.models import ExecutionRow, SessionRow, TaskRow, TestRow, table
from opentasks_server.problems import NotFound

__all__ = [
    "execution_task_id",
    "load_execution",
    "load_session",
    "load_task",
    "load_test",
    "read_task",
    "task_session_id",
]

_TASKS = table(TaskRow)
_THE_TASK = (_TASKS.c.project_id == bindparam("project_id"), _TASKS.c.id == bindparam("task_id"))
_TASK_BY_ID = select(_TASKS).where(*_THE_TASK)
_TASK_SESSION_ID = select(_TASKS.c.session_id).where(*_THE_TASK)

Row = TypeVar("Row", TaskRow, SessionRow, ExecutionRow, TestRow)


async def _load(
    session: AsyncSession,
    model: type[Row],
    kind: str,
    project_id: str,
    item_id: str,
    *,
    lock: bool,
    pin: bool = False,
) -> Row:
    query = select(model).where(model.project_id == project_id, model.id == item_id)
    if lock:
        query = query.with_for_update()
    elif pin:
        # FOR KEY SHARE: the row cannot be deleted until this transaction ends, and a delete
        # that is under way is waited for (the row is then gone: a 404, not a foreign key
        # error at commit). Other writers of the row are not held up.
        query = query.with_for_update(key_share=True)
    row = await session.scalar(query)
    if row is None:
        raise _not_found(kind, item_id)
    return row


def _not_found(kind: str, item_id: str) -> NotFound:
    # The same 404 whether the id is unknown or another project's: nothing tells them apart.
    return NotFound(f"There is no {kind} {item_id!r} in this project.")


async def load_task(
    session: AsyncSession, project_id: str, task_id: str, *, lock: bool = False
) -> TaskRow:
    """Load a task of the project.

    Args:
        session: The database session.
        project_id: The caller's project.
        task_id: The task's id.
        lock: Lock the row for the rest of the write transaction.

    Returns:
        The row.

    Raises:
        NotFound: When the project has no such task.
    """
    return await _load(session, TaskRow, "task", project_id, task_id, lock=lock)


async def read_task(database: Database, project_id: str, task_id: str) -> dict[str, Any]:
    """Read a task of the project, outside any write transaction.

    Args:
        database: The database.
        project_id: The caller's project.
        task_id: The task's id.

    Returns:
        Its columns by name (the tasks table names its columns as the API names its fields).

    Raises:
        NotFound: When the project has no such task.
    """
    row = await database.read_one(_TASK_BY_ID, {"project_id": project_id, "task_id": task_id})
    if row is None:
        raise _not_found("task", task_id)
    return row


async def task_session_id(session: AsyncSession, project_id: str, task_id: str) -> str | None:
    """Return the session of a task of the project, without loading the task.

    Args:
        session: The database session.
        project_id: The caller's project.
        task_id: The task's id.

    Returns:
        The id of the task's session, or `None` when it belongs to none.

    Raises:
        NotFound: When the project has no such task.
    """
    result = await session.execute(_TASK_SESSION_ID, {"project_id": project_id, "task_id": task_id})
    row = result.first()
    if row is None:
        raise _not_found("task", task_id)
    session_id: str | None = row.session_id
    return session_id


async def load_session(
    session: AsyncSession,
    project_id: str,
    session_id: str,
    *,
    lock: bool = False,
    pin: bool = False,
) -> SessionRow:
    """Load a session of the project.

    Args:
        session: The database session.
        project_id: The caller's project.
        session_id: The session's id.
        lock: Lock the row for the rest of the write transaction.
        pin: Keep the row from being deleted for the rest of the write transaction (for a
            row that will refer to it).

    Returns:
        The row.

    Raises:
        NotFound: When the project has no such session.
    """
    return await _load(session, SessionRow, "session", project_id, session_id, lock=lock, pin=pin)


async def load_execution(
    session: AsyncSession, project_id: str, execution_id: str, *, lock: bool = False
) -> ExecutionRow:
    """Load an execution of the project.

    Args:
        session: The database session.
        project_id: The caller's project.
        execution_id: The execution's id.
        lock: Lock the row for the rest of the write transaction.

    Returns:
        The row.

    Raises:
        NotFound: When the project has no such execution.
    """
    return await _load(session, ExecutionRow, "execution", project_id, execution_id, lock=lock)


async def load_test(
    session: AsyncSession, project_id: str, test_id: str, *, lock: bool = False
) -> TestRow:
    """Load a test run of the project.

    Args:
        session: The database session.
        project_id: The caller's project.
        test_id: The test run's id.
        lock: Lock the row for the rest of the write transaction.

    Returns:
        The row.

    Raises:
        NotFound: When the project has no such test run.
    """
    return await _load(session, TestRow, "test run", project_id, test_id, lock=lock)


async def execution_task_id(session: AsyncSession, project_id: str, execution_id: str) -> str:
    """Return the id of an execution's task, without loading or locking the execution.

    A write that changes an execution and its task locks the task first (see
    `routes.executions.set_execution_status`); this finds which task to lock.

    Args:
        session: The database session.
        project_id: The caller's project.
        execution_id: The execution's id.

    Returns:
        The task's id.

    Raises:
        NotFound: When the project has no such execution.
    """
    task_id = await session.scalar(
        select(ExecutionRow.task_id).where(
            ExecutionRow.project_id == project_id, ExecutionRow.id == execution_id
        )
    )
    if task_id is None:
        raise _not_found("execution", execution_id)
    return task_id
