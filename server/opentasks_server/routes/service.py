"""Service routes: liveness, readiness and the contract itself (no key needed)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from opentasks_schema import Health
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from opentasks_server.db.engine import Database
from opentasks_server.problems import problem_response
from opentasks_server.serialize import dump
from opentasks_server.spec import spec_text

__all__ = ["router"]

router = APIRouter(tags=["service"])
_log = logging.getLogger(__name__)


@router.get("/healthz", operation_id="get_health")
async def get_health() -> Response:
    """Answer 200 while the process is up."""
    return JSONResponse(dump(Health(status="ok")))


@router.get("/readyz", operation_id="get_readiness")
async def get_readiness(request: Request) -> Response:
    """Answer 200 when the database answers a query, 503 otherwise."""
    database: Database = request.app.state.db
    try:
        async with database.read() as session:
            await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        _log.warning("readiness check failed", exc_info=True)
        return problem_response(
            request,
            status=503,
            slug="unavailable",
            title="Service unavailable",
            detail="The database does not answer; retry later.",
            headers={"Retry-After": "5"},
        )
    return JSONResponse(dump(Health(status="ok", database="ok")))


@router.get("/openapi.yaml", operation_id="get_openapi_document")
async def get_openapi_document() -> Response:
    """Return the OpenAPI document the server implements."""
    return Response(spec_text(), media_type="application/yaml")
