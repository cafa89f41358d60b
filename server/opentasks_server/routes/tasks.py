"""Tasks: create (also directly finished), list with filters, read, update, status, stop, flag."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from opentasks_schema import (
    Flag,
    TaskCreate,
    TaskFlag,
    TaskPage,
    TaskStatus,
    TaskStatusChange,
    TaskStop,
    TaskUpdate,
)
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.auth import ProjectScope
from opentasks_server.concurrency import check_if_match
from opentasks_server.convert import plain
from opentasks_server.db.engine import Database
from opentasks_server.db.models import TaskRow, table
from opentasks_server.db.types import utcnow
from opentasks_server.idempotency import idempotent_write
from opentasks_server.ids import new_id
from opentasks_server.lookups import load_session, load_task, load_test, read_task
from opentasks_server.outbox import record_event
from opentasks_server.pagination import paginate
from opentasks_server.params import (
    After,
    AgentIdFilter,
    IdempotencyKey,
    IdFilter,
    IfMatch,
    Limit,
    Order,
    TaskIdPath,
)
from opentasks_server.serialize import (
    json_response,
    page_response,
    task_columns_json,
    task_json,
)
from opentasks_server.statemachine import TASK_TERMINAL
from opentasks_server.task_changes import cancel_active_executions, move_task
from opentasks_server.validation import reject_nulls

__all__ = ["router"]

router = APIRouter(tags=["tasks"])

# API field name -> row attribute, for the fields a client may set; the rest share the name.
_ATTRIBUTE = {"metadata": "meta"}
_INSERT_TASK = insert(table(TaskRow))
_JSON_DEFAULTS: dict[str, Any] = {
    "file_urls": [],
    "metadata": {},
    "data": {},
    "additional_input": {},
    "additional_output": {},
    "tools_available": [],
    "main": [],
}


async def _check_links(
    session: AsyncSession, project_id: str, session_id: str | None, test_id: str | None
) -> None:
    # A task may only point at a session or test run of its own project. The session is pinned:
    # deleted concurrently, it must answer 404 here, not fail the foreign key at commit.
    # (Test runs are never deleted.)
    if session_id is not None:
        await load_session(session, project_id, session_id, pin=True)
    if test_id is not None:
        await load_test(session, project_id, test_id)


@router.post("/v1/tasks", operation_id="create_task", status_code=201)
async def create_task(
    request: Request,
    principal: ProjectScope,
    body: TaskCreate,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create a task, pending or (to log a finished interaction) completed or failed."""
    reject_nulls(body)
    project_id = principal.project_id

    async def create(session: AsyncSession) -> Response:
        await _check_links(session, project_id, body.session_id, body.test_id)
        now = utcnow()
        status = plain(body.status) if body.status is not None else "pending"
        values: dict[str, Any] = {
            name: plain(getattr(body, name))
            for name in type(body).model_fields
            if name not in {"status"}
        }
        for name, default in _JSON_DEFAULTS.items():
            if values.get(name) is None:
                values[name] = type(default)()
        if values.get("flag") is not None and values.get("flag_source") is None:
            values["flag_source"] = "user"
        # API names are the column names: a Core insert skips the ORM's unit of work, and the
        # reply is built from the inserted values.
        columns = {
            **values,
            "id": new_id("task"),
            "project_id": project_id,
            "status": status,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "finished_at": now if status in TASK_TERMINAL else None,
        }
        await session.execute(_INSERT_TASK, columns)
        payload = task_columns_json(columns)
        await record_event(
            session,
            project_id=project_id,
            type="task_created",
            task_id=columns["id"],
            session_id=columns.get("session_id"),
            data=payload,
        )
        return json_response(payload, status_code=201, version=1)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=create
    )


@router.get("/v1/tasks", operation_id="list_tasks")
async def list_tasks(
    request: Request,
    principal: ProjectScope,
    limit: Limit = 20,
    after: After = None,
    agent_id: AgentIdFilter = None,
    session_id: IdFilter = None,
    test_id: IdFilter = None,
    status: Annotated[TaskStatus | None, Query()] = None,
    flag: Annotated[Flag | None, Query()] = None,
    order: Order = None,
) -> Response:
    """List the project's tasks, oldest (or newest) first, with optional filters."""
    query = select(TaskRow).where(TaskRow.project_id == principal.project_id)
    if agent_id is not None:
        query = query.where(TaskRow.agent_id == agent_id)
    if session_id is not None:
        query = query.where(TaskRow.session_id == session_id)
    if test_id is not None:
        query = query.where(TaskRow.test_id == test_id)
    if status is not None:
        query = query.where(TaskRow.status == status.value)
    if flag is not None:
        query = query.where(TaskRow.flag == flag.value)
    database: Database = request.app.state.db
    async with database.read() as session:
        page = await paginate(
            session, query, TaskRow.id, limit=limit, after=after, newest_first=order == "desc"
        )
    return page_response(TaskPage, page, task_json)


@router.get("/v1/tasks/{task_id}", operation_id="get_task")
async def get_task(request: Request, principal: ProjectScope, task_id: TaskIdPath) -> Response:
    """Return one task."""
    columns = await read_task(request.app.state.db, principal.project_id, task_id)
    return json_response(task_columns_json(columns), version=columns["version"])


@router.patch("/v1/tasks/{task_id}", operation_id="update_task")
async def update_task(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: TaskUpdate,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Change the fields present in the body (not the status)."""
    reject_nulls(body)
    project_id = principal.project_id

    async def update(session: AsyncSession) -> Response:
        row = await load_task(session, project_id, task_id, lock=True)
        check_if_match(if_match, row.version)
        fields = body.model_fields_set
        # Only a session the task moves to is checked (and pinned): pinning its current one
        # would deadlock with a delete of that session, which locks the session, then its tasks.
        moves_session = "session_id" in fields and body.session_id != row.session_id
        await _check_links(
            session,
            project_id,
            body.session_id if moves_session else None,
            body.test_id if "test_id" in fields else None,
        )
        changes: dict[str, Any] = {}
        for name in sorted(fields):
            attribute = _ATTRIBUTE.get(name, name)
            value = plain(getattr(body, name))
            if getattr(row, attribute) != value:
                setattr(row, attribute, value)
                changes[name] = value
        if changes:
            row.version += 1
            row.updated_at = utcnow()
            await session.flush()
            await record_event(
                session,
                project_id=project_id,
                type="task_updated",
                task_id=row.id,
                session_id=row.session_id,
                data={"changes": changes, "version": row.version},
            )
        return json_response(task_json(row), version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=update
    )


@router.post("/v1/tasks/{task_id}/status", operation_id="set_task_status")
async def set_task_status(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: TaskStatusChange,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Move the task to another status, as its lifecycle allows."""
    reject_nulls(body)
    project_id = principal.project_id

    async def change(session: AsyncSession) -> Response:
        row = await load_task(session, project_id, task_id, lock=True)
        check_if_match(if_match, row.version)
        if "output" in body.model_fields_set:
            row.output = body.output
        await move_task(session, row, body.status.value, reason=body.reason)
        return json_response(task_json(row), version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=change
    )


@router.post("/v1/tasks/{task_id}/stop", operation_id="stop_task")
async def stop_task(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: TaskStop | None = None,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Stop an unfinished task and cancel its active execution."""
    reject_nulls(body)
    project_id = principal.project_id
    reason = body.reason if body is not None else None

    async def stop(session: AsyncSession) -> Response:
        row = await load_task(session, project_id, task_id, lock=True)
        check_if_match(if_match, row.version)
        if row.status not in TASK_TERMINAL:
            await cancel_active_executions(session, row)
        await move_task(session, row, "stopped", reason=reason)
        return json_response(task_json(row), version=row.version)

    return await idempotent_write(request, project_id=project_id, key=idempotency_key, action=stop)


@router.post("/v1/tasks/{task_id}/flag", operation_id="flag_task")
async def flag_task(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: TaskFlag,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Mark a task's outcome as a success or a failure."""
    reject_nulls(body)
    project_id = principal.project_id

    async def flag(session: AsyncSession) -> Response:
        row = await load_task(session, project_id, task_id, lock=True)
        check_if_match(if_match, row.version)
        row.flag = body.flag.value
        row.flag_source = body.source or "user"
        if "notes" in body.model_fields_set:
            row.notes = body.notes
        row.version += 1
        row.updated_at = utcnow()
        await session.flush()
        await record_event(
            session,
            project_id=project_id,
            type="task_flagged",
            task_id=row.id,
            session_id=row.session_id,
            data={
                "flag": row.flag,
                "source": row.flag_source,
                "notes": row.notes,
                "version": row.version,
            },
        )
        return json_response(task_json(row), version=row.version)

    return await idempotent_write(request, project_id=project_id, key=idempotency_key, action=flag)
