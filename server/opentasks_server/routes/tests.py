"""Test runs: create, list, read, update (summary, or end the run), list their comparisons."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from opentasks_schema import ComparisonPage, TestCreate, TestPage, TestStatus, TestUpdate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.auth import ProjectScope
from opentasks_server.concurrency import check_if_match
from opentasks_server.convert import plain
from opentasks_server.db.engine import Database
from opentasks_server.db.models import ComparisonRow, TestRow
from opentasks_server.db.types import utcnow
from opentasks_server.idempotency import idempotent_write
from opentasks_server.ids import new_id
from opentasks_server.lookups import load_test
from opentasks_server.outbox import record_event
from opentasks_server.pagination import paginate
from opentasks_server.params import After, IdempotencyKey, IfMatch, Limit, TestIdPath
from opentasks_server.serialize import (
    comparison_json,
    json_response,
    page_response,
    test_json,
)
from opentasks_server.statemachine import TEST_TERMINAL, check_test_transition
from opentasks_server.validation import reject_nulls

__all__ = ["router"]

router = APIRouter(tags=["tests"])


@router.post("/v1/tests", operation_id="create_test", status_code=201)
async def create_test(
    request: Request,
    principal: ProjectScope,
    body: TestCreate,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Start a test run."""
    reject_nulls(body)
    project_id = principal.project_id

    async def create(session: AsyncSession) -> Response:
        now = utcnow()
        row = TestRow(
            id=new_id("test"),
            project_id=project_id,
            status="started",
            summary=plain(body.summary) if body.summary is not None else {},
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        await session.flush()
        payload = test_json(row)
        await record_event(session, project_id=project_id, type="test_created", data=payload)
        return json_response(payload, status_code=201, version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=create
    )


@router.get("/v1/tests", operation_id="list_tests")
async def list_tests(
    request: Request,
    principal: ProjectScope,
    limit: Limit = 20,
    after: After = None,
    status: Annotated[TestStatus | None, Query()] = None,
) -> Response:
    """List the project's test runs, oldest first."""
    query = select(TestRow).where(TestRow.project_id == principal.project_id)
    if status is not None:
        query = query.where(TestRow.status == status.value)
    database: Database = request.app.state.db
    async with database.read() as session:
        page = await paginate(session, query, TestRow.id, limit=limit, after=after)
    return page_response(TestPage, page, test_json)


@router.get("/v1/tests/{test_id}", operation_id="get_test")
async def get_test(request: Request, principal: ProjectScope, test_id: TestIdPath) -> Response:
    """Return one test run."""
    database: Database = request.app.state.db
    async with database.read() as session:
        row = await load_test(session, principal.project_id, test_id)
    return json_response(test_json(row), version=row.version)


@router.patch("/v1/tests/{test_id}", operation_id="update_test")
async def update_test(
    request: Request,
    principal: ProjectScope,
    test_id: TestIdPath,
    body: TestUpdate,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Change the summary, or end the run (`started → completed|canceled`)."""
    reject_nulls(body)
    project_id = principal.project_id

    async def update(session: AsyncSession) -> Response:
        row = await load_test(session, project_id, test_id, lock=True)
        check_if_match(if_match, row.version)
        changes: dict[str, Any] = {}
        now = utcnow()
        if body.status is not None and body.status.value != row.status:
            check_test_transition(row.status, body.status.value)
            row.status = body.status.value
            if row.status in TEST_TERMINAL:
                row.terminated_at = now
            changes["status"] = row.status
        if body.summary is not None:
            summary = plain(body.summary)
            if summary != row.summary:
                row.summary = summary
                changes["summary"] = summary
        if changes:
            row.version += 1
            row.updated_at = now
            await session.flush()
            await record_event(
                session,
                project_id=project_id,
                type="test_updated",
                data={"id": row.id, "changes": changes, "version": row.version},
            )
        return json_response(test_json(row), version=row.version)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=update
    )


@router.get("/v1/tests/{test_id}/comparisons", operation_id="list_test_comparisons")
async def list_test_comparisons(
    request: Request,
    principal: ProjectScope,
    test_id: TestIdPath,
    limit: Limit = 20,
    after: After = None,
) -> Response:
    """List the comparisons of a test run, oldest first."""
    database: Database = request.app.state.db
    async with database.read() as session:
        await load_test(session, principal.project_id, test_id)
        query = select(ComparisonRow).where(
            ComparisonRow.project_id == principal.project_id, ComparisonRow.test_id == test_id
        )
        page = await paginate(session, query, ComparisonRow.id, limit=limit, after=after)
    return page_response(ComparisonPage, page, comparison_json)
