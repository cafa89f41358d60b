"""The bare FastAPI + SQLAlchemy + SQLite app the reference server's create path is measured against.

It does the least a server can do for `POST /v1/tasks`: validate the body with a pydantic model,
insert one row into a `tasks` table shaped like the reference server's (same columns, same
indexes), commit, and answer 201 with the row as JSON. No auth, no event row, no idempotency
record, no problem documents: what the reference server costs beyond this is what its features
cost. SQLite runs with the reference server's settings (WAL, `synchronous=NORMAL`, a busy
timeout), so the comparison is between the apps, not between durability settings.

Run by the harness as `python -m benchmarks._serve baseline URL`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field
from sqlalchemy import JSON, Index, Integer, String, Text, event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["TaskIn", "TaskRow", "create_app", "create_json_app"]

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _ulid() -> str:
    # The same shape of id as the reference server's: 48 bits of milliseconds, 80 random bits.
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """The baseline's declarative base."""


class TaskRow(Base):
    """A task row with the reference server's columns and indexes."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_project_id_id", "project_id", "id"),
        Index("ix_tasks_project_id_agent_id_id", "project_id", "agent_id", "id"),
        Index("ix_tasks_project_id_session_id_id", "project_id", "session_id", "id"),
        Index("ix_tasks_project_id_status_id", "project_id", "status", "id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64))
    agent_id: Mapped[str] = mapped_column(String(128))
    session_id: Mapped[str | None] = mapped_column(String(64), default=None)
    test_id: Mapped[str | None] = mapped_column(String(64), default=None)
    name: Mapped[str | None] = mapped_column(String(200), default=None)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    prompt: Mapped[str | None] = mapped_column(Text, default=None)
    file_urls: Mapped[list[str]] = mapped_column(JSON, default=list)
    output: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(32), default="pending")
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now)


class TaskIn(BaseModel):
    """The body of a create: the fields the benchmarks send."""

    agent_id: str = Field(min_length=1, max_length=128)
    name: str | None = None
    description: str | None = None
    prompt: str | None = None
    file_urls: list[str] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    data: dict[str, Any] = Field(default_factory=dict)


def create_app(database_url: str) -> FastAPI:
    """Create the baseline app on a SQLite database.

    Args:
        database_url: A `sqlite+aiosqlite:///...` URL; the table is created at startup.

    Returns:
        The app.
    """
    engine = create_async_engine(database_url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:  # noqa: ANN401 - DB-API objects
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    sessions = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/tasks", status_code=201)
    async def create_task(body: TaskIn) -> dict[str, Any]:
        now = _now()
        row = TaskRow(
            id=f"task_{_ulid()}",
            project_id="prj_baseline",
            agent_id=body.agent_id,
            name=body.name,
            description=body.description,
            prompt=body.prompt,
            file_urls=body.file_urls,
            metadata_=body.metadata,
            data=body.data,
            status="pending",
            version=1,
            created_at=now,
            updated_at=now,
        )
        async with sessions() as session, session.begin():
            session.add(row)
        return {
            "id": row.id,
            "agent_id": row.agent_id,
            "name": row.name,
            "description": row.description,
            "prompt": row.prompt,
            "file_urls": row.file_urls,
            "output": row.output,
            "status": row.status,
            "metadata": row.metadata_,
            "data": row.data,
            "version": row.version,
            "created_at": row.created_at.isoformat().replace("+00:00", "Z"),
            "updated_at": row.updated_at.isoformat().replace("+00:00", "Z"),
        }

    return app


def create_json_app(document: dict[str, Any]) -> Any:  # noqa: ANN401 - a Starlette app
    """Build the bare Starlette app the reference server's reads are measured against.

    `GET /v1/tasks/{task_id}` answers the one task `document` from memory (its `id` set to the
    path's), `/healthz` answers `{"ok": true}`: no database, no auth, no validation, the least
    an ASGI JSON server on the same uvicorn can do.

    Args:
        document: The task to answer with, as the reference server serialised it.

    Returns:
        The ASGI app.
    """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def task(request: Request) -> JSONResponse:
        return JSONResponse({**document, "id": request.path_params["task_id"]})

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/v1/tasks/{task_id}", task), Route("/healthz", healthz)])
