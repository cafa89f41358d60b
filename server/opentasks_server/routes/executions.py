"""Executions: runs of a task with arguments; the task's status follows its latest execution."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from opentasks_schema import ExecutionCreate, ExecutionPage, ExecutionStatusChange
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.auth import ProjectScope
from opentasks_server.concurrency import check_if_match
from opentasks_server.convert import plain
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ExecutionRow
from opentasks_server.db.types import utcnow
from opentasks_server.idempotency import idempotent_write
from opentasks_server.ids import new_id
from opentasks_server.lookups import execution_task_id, load_execution, load_task
from opentasks_server.outbox import record_event
from opentasks_server.pagination import paginate
from opentasks_server.params import (
    After,
    ExecutionIdPath,
    IdempotencyKey,
    IfMatch,
    Limit,
    TaskIdPath,
)
from opentasks_server.problems import Conflict
from opentasks_server.serialize import execution_json, json_response, page_response
from opentasks_server.statemachine import TASK_TERMINAL, task_status_following
from opentasks_server.task_changes import move_execution, move_task
from opentasks_server.validation import reject_nulls

__all__ = ["router"]

router = APIRouter(tags=["executions"])


@router.post("/v1/tasks/{task_id}/executions", operation_id="start_execution", status_code=201)
async def start_execution(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    body: ExecutionCreate,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Start a run of the task; it begins `queued`."""
    reject_nulls(body)
    project_id = principal.project_id

    async def start(session: AsyncSession) -> Response:
        task = await load_task(session, project_id, task_id, lock=True)
        if task.status in TASK_TERMINAL:
            raise Conflict(
                f"Task {task_id!r} is '{task.status}', a final status: a finished task cannot "
                "be executed. Create a new task instead."
            )
        now = utcnow()
        row = ExecutionRow(
            id=new_id("exe"),
            project_id=project_id,
            task_id=task_id,
            arguments=plain(body.arguments) if body.arguments is not None else {},
            status="queued",
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        await session.flush()
        payload = execution_json(row)
        await record_event(
            session,
            project_id=project_id,
            type="execution_created",
            task_id=task_id,
            execution_id=row.id,
            session_id=task.session_id,
            data=payload,
        )
        return json_response(payload, status_code=201, version=row.version)

    return await idempotent_write(request, project_id=project_id, key=idempotency_key, action=start)


@router.get("/v1/tasks/{task_id}/executions", operation_id="list_executions")
async def list_executions(
    request: Request,
    principal: ProjectScope,
    task_id: TaskIdPath,
    limit: Limit = 20,
    after: After = None,
) -> Response:
    """List a task's executions, oldest first."""
    database: Database = request.app.state.db
    async with database.read() as session:
        await load_task(session, principal.project_id, task_id)
        query = select(ExecutionRow).where(
            ExecutionRow.project_id == principal.project_id, ExecutionRow.task_id == task_id
        )
        page = await paginate(session, query, ExecutionRow.id, limit=limit, after=after)
    return page_response(ExecutionPage, page, execution_json)


@router.get("/v1/executions/{execution_id}", operation_id="get_execution")
async def get_execution(
    request: Request, principal: ProjectScope, execution_id: ExecutionIdPath
) -> Response:
    """Return one execution."""
    database: Database = request.app.state.db
    async with database.read() as session:
        row = await load_execution(session, principal.project_id, execution_id)
    return json_response(execution_json(row), version=row.version)


@router.post("/v1/executions/{execution_id}/status", operation_id="set_execution_status")
async def set_execution_status(
    request: Request,
    principal: ProjectScope,
    execution_id: ExecutionIdPath,
    body: ExecutionStatusChange,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Move the execution to another status; its task follows when it is the latest run."""
    reject_nulls(body)
    project_id = principal.project_id

    async def change(session: AsyncSession) -> Response:
        # Lock the task, then the execution: its status may follow, and a concurrent stop must
        # not interleave. A stop locks in that order too (its task, then the task's
        # executions); the opposite order here would deadlock with it on PostgreSQL.
        task_id = await execution_task_id(session, project_id, execution_id)
        task = await load_task(session, project_id, task_id, lock=True)
        execution = await load_execution(session, project_id, execution_id, lock=True)
        check_if_match(if_match, execution.version)
        target = body.status.value
        fields = body.model_fields_set
        if "output" in fields:
            execution.output = plain(body.output)
        if "error" in fields:
            execution.error = body.error
        await move_execution(session, execution, target, session_id=task.session_id)
        latest = await session.scalar(
            select(func.max(ExecutionRow.id)).where(
                ExecutionRow.project_id == project_id, ExecutionRow.task_id == task.id
            )
        )
        if latest == execution.id:
            follow = task_status_following(task.status, target)
            if follow is not None:
                reason = execution.error if target == "failed" else None
                await move_task(session, task, follow, reason=reason, execution_id=execution.id)
        return json_response(execution_json(execution), version=execution.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=change
    )
