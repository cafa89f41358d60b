"""The server commands of the `opentasks` CLI: `serve` and `keys create`.

The console script (`opentasks._cli`) parses the arguments and imports this module only when one
of these commands runs, so the SDK works without the server's dependencies installed.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from typing import TextIO

import uvicorn
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from opentasks_server import create_api_key
from opentasks_server.config import DATABASE_URL_ENV
from opentasks_server.cors import CORS_ORIGINS_ENV, parse_origin
from opentasks_server.db.engine import DEFAULT_DATABASE_URL, Database, normalise_url
from opentasks_server.db.migrate import upgrade
from opentasks_server.db.models import ApiKeyRow
from opentasks_server.serving import Server, run_workers

__all__ = ["DEFAULT_PROJECT", "database_url", "keys_create", "serve"]

DEFAULT_PROJECT = "default"
"""The project `opentasks serve` creates on its first run."""


def database_url(db: str | None) -> str:
    """Turn the `--db` option into a database URL with an async driver.

    Args:
        db: A SQLAlchemy URL (`sqlite:///path.db`, `postgresql://...`), a path to a SQLite
            file, or `None` for `./opentasks.db`.

    Returns:
        The URL the server connects with.
    """
    if not db:
        return DEFAULT_DATABASE_URL
    if "://" not in db:
        # A bare path is a SQLite file; three slashes keep it relative, four make it absolute.
        return f"sqlite+aiosqlite:///{db}"
    return normalise_url(db)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


async def _count_keys(url: str) -> int:
    database = Database(url)
    try:
        await upgrade(database)
        async with database.read() as session:
            return int(await session.scalar(select(func.count()).select_from(ApiKeyRow)) or 0)
    finally:
        await database.dispose()


def _first_run(url: str, out: TextIO) -> None:
    """Create the default project and its first key when the database has no key yet."""
    if asyncio.run(_count_keys(url)) > 0:
        return
    key = create_api_key(url, DEFAULT_PROJECT)
    print(f"Created project {DEFAULT_PROJECT!r} in {_shown(url)} and an API key for it.", file=out)
    print("Keep this key: it is shown only this once (the server stores only its hash).", file=out)
    print(f"    OPENTASKS_API_KEY={key}", file=out)
    print(file=out, flush=True)


def serve(
    *, db: str | None, host: str, port: int, workers: int, cors_origins: Sequence[str] = ()
) -> int:
    """Run the reference server until it is interrupted (`opentasks serve`).

    On the first run against a database (no API key in it yet, e.g. a new `./opentasks.db`) it
    creates the schema, a `default` project and a key, and prints the key once.

    Args:
        db: The `--db` option: a database URL or SQLite path; `None` uses `./opentasks.db`.
        host: The interface to listen on.
        port: The TCP port to listen on.
        workers: How many server processes to run; more than one needs PostgreSQL.
        cors_origins: Origins whose pages may call the API from a browser (`--cors-origin`).

    Returns:
        The exit status: 0 after a normal shutdown, 2 for unusable options, 1 if the server
        could not start.
    """
    url = database_url(db)
    if workers < 1:
        print("opentasks serve: --workers must be at least 1.", file=sys.stderr)
        return 2
    if workers > 1 and _is_sqlite(url):
        print(
            f"opentasks serve: --workers {workers} needs PostgreSQL (--db postgresql://...). "
            "SQLite lets one process write at a time and live event streams are fanned out "
            "within one process; run a single worker with SQLite.",
            file=sys.stderr,
        )
        return 2
    try:
        origins = [parse_origin(origin) for origin in cors_origins]
    except ValueError as error:
        print(f"opentasks serve: --cors-origin: {error}.", file=sys.stderr)
        return 2
    _first_run(url, sys.stdout)
    # Every worker builds its own app from the environment (`create_app()` reads it).
    os.environ[DATABASE_URL_ENV] = url
    os.environ[CORS_ORIGINS_ENV] = ",".join(origins)
    config = uvicorn.Config(
        "opentasks_server:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # Event streams end on their own when shutdown starts (see serving.Server); this only
        # bounds other slow requests.
        timeout_graceful_shutdown=30,
    )
    server = Server(config)
    try:
        if workers > 1:
            # Each worker LISTENs on PostgreSQL, so streams hear every worker's events at once.
            run_workers(config)
            return 0
        server.run()
    except KeyboardInterrupt:
        pass  # Ctrl-C: uvicorn has shut down and re-raised the signal
    except SystemExit as exc:  # uvicorn exits this way when it cannot bind or start
        return exc.code if isinstance(exc.code, int) else 1
    return 0 if server.started else 1


def keys_create(*, project: str, db: str | None) -> int:
    """Create an API key for a project, creating the project if needed (`opentasks keys create`).

    The key is the last word of the output, so scripts can take it with `awk '{print $NF}'`.

    Args:
        project: The project's name.
        db: The `--db` option: a database URL or SQLite path; `None` uses `./opentasks.db`.

    Returns:
        The exit status, 0.
    """
    url = database_url(db)
    key = create_api_key(url, project)
    print(f"Created an API key for project {project!r} in {_shown(url)}.")
    print("Keep it: it is shown only this once (the server stores only its hash).")
    print(key, flush=True)
    return 0
