"""Comparisons: the caller's judge's result is kept; otherwise the server's evaluator decides."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from opentasks_schema import ComparisonCreate
from sqlalchemy.ext.asyncio import AsyncSession

from opentasks_server.auth import ProjectScope
from opentasks_server.db.models import ComparisonRow
from opentasks_server.db.types import utcnow
from opentasks_server.evaluator import ComparisonInput, Evaluator, run_evaluator
from opentasks_server.idempotency import idempotent_write
from opentasks_server.ids import new_id
from opentasks_server.lookups import load_test
from opentasks_server.outbox import record_event
from opentasks_server.params import IdempotencyKey
from opentasks_server.serialize import comparison_json, json_response
from opentasks_server.validation import reject_nulls

__all__ = ["router"]

router = APIRouter(tags=["comparisons"])


@router.post("/v1/comparisons", operation_id="create_comparison", status_code=201)
async def create_comparison(
    request: Request,
    principal: ProjectScope,
    body: ComparisonCreate,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record a comparison of an old and a new output."""
    reject_nulls(body)
    project_id = principal.project_id
    evaluator: Evaluator = request.app.state.evaluator

    if body.comparison_result is not None:
        result, source = body.comparison_result.value, body.source or "user"
    else:
        # Outside the write transaction: a judge may be slow, and must not hold the write lock.
        result, source = await run_evaluator(
            evaluator,
            ComparisonInput(
                context_input=body.context_input,
                old_output=body.old_output,
                new_output=body.new_output,
                instructions=body.instructions,
            ),
        )

    async def create(session: AsyncSession) -> Response:
        if body.test_id is not None:
            await load_test(session, project_id, body.test_id)
        row = ComparisonRow(
            id=new_id("cmp"),
            project_id=project_id,
            test_id=body.test_id,
            context_input=body.context_input,
            old_output=body.old_output,
            new_output=body.new_output,
            instructions=body.instructions,
            comparison_result=result,
            source=source,
            created_at=utcnow(),
        )
        session.add(row)
        await session.flush()
        payload = comparison_json(row)
        await record_event(session, project_id=project_id, type="comparison_created", data=payload)
        # Comparisons are immutable and carry no version, so no ETag (the contract sends none).
        return json_response(payload, status_code=201)

    return await idempotent_write(
        request, project_id=project_id, key=idempotency_key, action=create
    )
