"""Administration without the HTTP API: creating projects and API keys."""

from __future__ import annotations

import asyncio
import concurrent.futures

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from opentasks_server.auth import generate_key, hash_key
from opentasks_server.db.engine import Database
from opentasks_server.db.migrate import upgrade
from opentasks_server.db.models import ApiKeyRow, ProjectRow
from opentasks_server.db.types import utcnow
from opentasks_server.ids import new_id

__all__ = ["acreate_api_key", "create_api_key"]


async def _ensure_project(database: Database, project: str) -> str:
    for _ in range(2):
        try:
            async with database.write() as session:
                row = await session.scalar(select(ProjectRow).where(ProjectRow.name == project))
                if row is not None:
                    return row.id
                project_id = new_id("prj")
                session.add(
                    ProjectRow(id=project_id, name=project, last_event_seq=0, created_at=utcnow())
                )
                return project_id
        except IntegrityError:
            continue  # created concurrently by another process: read it on the next pass
    msg = f"could not create project {project!r}"
    raise RuntimeError(msg)


async def acreate_api_key(database_url: str, project: str = "default") -> str:
    """Create an API key for a project (async form of `create_api_key`).

    Args:
        database_url: The server's database URL.
        project: The project's name; it is created if missing.

    Returns:
        The key in clear text; only its hash is stored, so this is the one chance to see it.
    """
    database = Database(database_url)
    try:
        await upgrade(database)
        project_id = await _ensure_project(database, project)
        key = generate_key()
        async with database.write() as session:
            session.add(
                ApiKeyRow(
                    id=new_id("key"),
                    project_id=project_id,
                    key_hash=hash_key(key),
                    created_at=utcnow(),
                )
            )
        return key
    finally:
        await database.dispose()


def create_api_key(database_url: str, project: str = "default") -> str:
    """Create an API key for a project, migrating the database first if needed.

    Safe to call from synchronous code and from inside a running event loop (it runs its own
    loop in a worker thread).

    Args:
        database_url: The server's database URL, e.g. `sqlite+aiosqlite:///./opentasks.db`.
        project: The project's name; it is created if missing.

    Returns:
        The key in clear text; only its hash is stored, so this is the one chance to see it.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, acreate_api_key(database_url, project)).result()
