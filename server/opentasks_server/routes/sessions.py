"""Sessions: create, list, read, update, delete (detaching their tasks), list their tasks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from opentasks_schema import SessionCreate, SessionPage, SessionUpdate, TaskPage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.auth import ProjectScope
from opentasks_server.concurrency import check_if_match
from opentasks_server.convert import plain
from opentasks_server.db.engine import Database
from opentasks_server.db.models import SessionRow, TaskRow
from opentasks_server.db.types import utcnow
from opentasks_server.idempotency import idempotent_write
from opentasks_server.ids import new_id
from opentasks_server.lookups import load_session
from opentasks_server.outbox import record_event
from opentasks_server.pagination import paginate
from opentasks_server.params import (
    After,
    AgentIdFilter,
    IdempotencyKey,
    IfMatch,
    Limit,
    Order,
    SessionIdPath,
)
from opentasks_server.serialize import json_response, page_response, session_json, task_json
from opentasks_server.validation import reject_nulls

__all__ = ["router"]

router = APIRouter(tags=["sessions"])

# API field name -> row attribute, for the fields a client may set.
_FIELDS = {
    "agent_id": "agent_id",
    "user_id": "user_id",
    "metadata": "meta",
    "data": "data",
    "notes": "notes",
}


@router.post("/v1/sessions", operation_id="create_session", status_code=201)
async def create_session(
    request: Request,
    principal: ProjectScope,
    body: SessionCreate,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create a session."""
    reject_nulls(body)
    project_id = principal.project_id

    async def create(session: AsyncSession) -> Response:
        now = utcnow()
        row = SessionRow(
            id=new_id("ses"),
            project_id=project_id,
            agent_id=body.agent_id,
            user_id=body.user_id,
            meta=plain(body.metadata) or {},
            data=plain(body.data) or {},
            notes=body.notes,
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        await session.flush()
        payload = session_json(row)
        await record_event(
            session, project_id=project_id, type="session_created", session_id=row.id, data=payload
        )
        return json_response(payload, status_code=201, version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=create
    )


@router.get("/v1/sessions", operation_id="list_sessions")
async def list_sessions(
    request: Request,
    principal: ProjectScope,
    limit: Limit = 20,
    after: After = None,
    agent_id: AgentIdFilter = None,
    user_id: AgentIdFilter = None,
) -> Response:
    """List the project's sessions, oldest first."""
    query = select(SessionRow).where(SessionRow.project_id == principal.project_id)
    if agent_id is not None:
        query = query.where(SessionRow.agent_id == agent_id)
    if user_id is not None:
        query = query.where(SessionRow.user_id == user_id)
    database: Database = request.app.state.db
    async with database.read() as session:
        page = await paginate(session, query, SessionRow.id, limit=limit, after=after)
    return page_response(SessionPage, page, session_json)


@router.get("/v1/sessions/{session_id}", operation_id="get_session")
async def get_session(
    request: Request, principal: ProjectScope, session_id: SessionIdPath
) -> Response:
    """Return one session."""
    database: Database = request.app.state.db
    async with database.read() as session:
        row = await load_session(session, principal.project_id, session_id)
    return json_response(session_json(row), version=row.version)


@router.patch("/v1/sessions/{session_id}", operation_id="update_session")
async def update_session(
    request: Request,
    principal: ProjectScope,
    session_id: SessionIdPath,
    body: SessionUpdate,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Change the fields present in the body."""
    reject_nulls(body)
    project_id = principal.project_id

    async def update(session: AsyncSession) -> Response:
        row = await load_session(session, project_id, session_id, lock=True)
        check_if_match(if_match, row.version)
        changes: dict[str, Any] = {}
        for name in body.model_fields_set:
            attribute = _FIELDS[name]
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
                type="session_updated",
                session_id=row.id,
                data={"changes": changes, "version": row.version},
            )
        return json_response(session_json(row), version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=update
    )


@router.delete("/v1/sessions/{session_id}", operation_id="delete_session", status_code=204)
async def delete_session(
    request: Request,
    principal: ProjectScope,
    session_id: SessionIdPath,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Delete a session; its tasks are kept and detached."""
    project_id = principal.project_id

    async def delete(session: AsyncSession) -> Response:
        row = await load_session(session, project_id, session_id, lock=True)
        check_if_match(if_match, row.version)
        tasks = (
            await session.scalars(
                select(TaskRow)
                .where(TaskRow.project_id == project_id, TaskRow.session_id == session_id)
                .order_by(TaskRow.id)
                .with_for_update()
            )
        ).all()
        now = utcnow()
        for task in tasks:
            # Detaching changes the task, so it gets a new version and its own event.
            task.session_id = None
            task.version += 1
            task.updated_at = now
            await record_event(
                session,
                project_id=project_id,
                type="task_updated",
                task_id=task.id,
                session_id=session_id,
                data={"changes": {"session_id": None}, "version": task.version},
            )
        await session.flush()
        await session.delete(row)
        await record_event(
            session,
            project_id=project_id,
            type="session_deleted",
            session_id=session_id,
            data={"id": session_id, "version": row.version},
        )
        return Response(status_code=204)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=delete
    )


@router.get("/v1/sessions/{session_id}/tasks", operation_id="list_session_tasks")
async def list_session_tasks(
    request: Request,
    principal: ProjectScope,
    session_id: SessionIdPath,
    limit: Limit = 20,
    after: After = None,
    order: Order = None,
) -> Response:
    """List the tasks attached to a session, oldest (or newest) first."""
    database: Database = request.app.state.db
    async with database.read() as session:
        await load_session(session, principal.project_id, session_id)
        query = select(TaskRow).where(
            TaskRow.project_id == principal.project_id, TaskRow.session_id == session_id
        )
        page = await paginate(
            session, query, TaskRow.id, limit=limit, after=after, newest_first=order == "desc"
        )
    return page_response(TaskPage, page, task_json)
