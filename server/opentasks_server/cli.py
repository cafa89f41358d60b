"""The server commands of the `opentasks` CLI: `serve` and `keys create`.

The console script (`opentasks._cli`) parses the arguments and imports this module only when one
of these commands runs, so the SDK works without the server's dependencies installed.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from opentasks_server import create_api_key, create_app
from opentasks_server.config import DATABASE_URL_ENV
from opentasks_server.connections import (
    DEFAULT_HEADER_TIMEOUT,
    DEFAULT_KEEP_ALIVE_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    ServerConfig,
)
from opentasks_server.cors import CORS_ORIGINS_ENV, parse_origin
from opentasks_server.db.engine import DEFAULT_DATABASE_URL, Database, normalise_url
from opentasks_server.db.migrate import upgrade
from opentasks_server.db.models import ApiKeyRow
from opentasks_server.serving import Server, run_workers
from opentasks_server.stream_limit import DEFAULT_MAX_STREAMS_PER_KEY

__all__ = [
    "APP_OPTIONS_ENV",
    "DEFAULT_PROJECT",
    "base_url_for",
    "database_url",
    "keys_create",
    "serve",
    "serve_app",
]

APP_OPTIONS_ENV = "OPENTASKS_SERVE_APP_OPTIONS"
"""Where `opentasks serve` leaves `create_app`'s options (JSON) for every worker's `serve_app`."""

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


def _sqlite_file(url: str) -> Path | None:
    """Return the absolute path of a SQLite database file, `None` for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def _shown(url: str) -> str:
    """Name a database for people: a SQLite file by its absolute path, others by URL."""
    path = _sqlite_file(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _missing_folder(url: str) -> str | None:
    """Say why a SQLite file cannot be created, asked before connecting.

    SQLite itself only says "unable to open database file".
    """
    path = _sqlite_file(url)
    if path is not None and not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return None


def _unusable(command: str, url: str, error: Exception | str) -> int:
    """Report a database that cannot be opened in one line; return the exit status."""
    text = str(error).strip()
    reason = text.splitlines()[0] if text else type(error).__name__
    print(f"opentasks {command}: cannot use the database {_shown(url)}: {reason}", file=sys.stderr)
    return 1


def base_url_for(host: str, port: int) -> str:
    """Return the URL clients on this machine reach a server listening on `host:port` at.

    Args:
        host: The interface the server listens on; a wildcard (`0.0.0.0`, `::`) is reached
            on loopback.
        port: The TCP port.

    Returns:
        The base URL, e.g. `http://127.0.0.1:8000`.
    """
    reached = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in reached:
        reached = f"[{reached}]"
    return f"http://{reached}:{port}"


async def _count_keys(url: str) -> int:
    database = Database(url)
    try:
        await upgrade(database)
        async with database.read() as session:
            return int(await session.scalar(select(func.count()).select_from(ApiKeyRow)) or 0)
    finally:
        await database.dispose()


def _first_run(url: str, base_url: str, out: TextIO) -> None:
    """Create the default project and its first key when the database has no key yet.

    Either way, print the database in use and the line that points the SDK at this server.
    """
    if asyncio.run(_count_keys(url)) > 0:
        print(f"Serving the database {_shown(url)}. Point the SDK at it with:", file=out)
        print(f"    OPENTASKS_BASE_URL={base_url}", file=out)
        print(file=out, flush=True)
        return
    key = create_api_key(url, DEFAULT_PROJECT)
    print(f"Created project {DEFAULT_PROJECT!r} in {_shown(url)} and an API key for it.", file=out)
    print("Keep this key: it is shown only this once (the server stores only its hash).", file=out)
    print(f"    OPENTASKS_API_KEY={key}", file=out)
    print(f"    OPENTASKS_BASE_URL={base_url}", file=out)
    print(
        "Do not send this output into a shared log or CI output: the key grants full access "
        "to the project. Copy it now, or make another with `opentasks keys create`.",
        file=out,
    )
    print(file=out, flush=True)


def serve_app() -> FastAPI:
    """Build the app of one `opentasks serve` worker from the options the command left.

    Returns:
        `create_app(...)` with the database, CORS and limits that `serve` was given.
    """
    options = json.loads(os.environ.get(APP_OPTIONS_ENV) or "{}")
    return create_app(
        rate_limit=options.get("rate_limit"),
        max_streams_per_key=options.get("max_streams_per_key", DEFAULT_MAX_STREAMS_PER_KEY),
    )


def serve(
    *,
    db: str | None,
    host: str,
    port: int,
    workers: int,
    cors_origins: Sequence[str] = (),
    rate_limit: int | None = None,
    max_streams_per_key: int | None = DEFAULT_MAX_STREAMS_PER_KEY,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    keep_alive_timeout: int = DEFAULT_KEEP_ALIVE_TIMEOUT,
    max_connections: int | None = DEFAULT_MAX_CONNECTIONS,
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
        rate_limit: Requests per minute per API key (per client address without a valid
            key); `None` turns the limiter off (`--rate-limit`).
        max_streams_per_key: Event streams one key may hold open per process; `None` allows
            any number (`--max-streams-per-key`).
        header_timeout: Seconds a connection has to send a request's head; 0 turns the
            timeout off (`--header-timeout`, see `opentasks_server.connections`).
        keep_alive_timeout: Seconds an idle connection stays open (`--keep-alive-timeout`).
        max_connections: Open connections above which requests answer 503; `None` allows any
            number (`--max-connections`).

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
    missing = _missing_folder(url)
    if missing is not None:
        return _unusable("serve", url, missing)
    try:
        _first_run(url, base_url_for(host, port), sys.stdout)
    except (SQLAlchemyError, OSError) as error:
        return _unusable("serve", url, error)
    print(f"The task board: {base_url_for(host, port)}/board (log in with an API key)", flush=True)
    # Every worker builds its own app from the environment (`create_app()` reads it).
    os.environ[DATABASE_URL_ENV] = url
    os.environ[CORS_ORIGINS_ENV] = ",".join(origins)
    os.environ[APP_OPTIONS_ENV] = json.dumps(
        {"rate_limit": rate_limit, "max_streams_per_key": max_streams_per_key}
    )
    config = ServerConfig(
        "opentasks_server.cli:serve_app",
        factory=True,
        header_timeout=header_timeout,
        keep_alive_timeout=keep_alive_timeout,
        max_connections=max_connections,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # Event streams end on their own when shutdown starts (see serving.Server); this only
        # bounds other slow requests.
        timeout_graceful_shutdown=30,
        # A worker answers the supervisor's health checks only once its imports are done; on a
        # busy machine that takes longer than uvicorn's 5 s, and the worker would be killed.
        timeout_worker_healthcheck=60,
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
    It names the database it wrote to, and warns on stderr when that SQLite file did not exist
    yet: a key made in a new database does not work against a server that reads another.

    Args:
        project: The project's name.
        db: The `--db` option: a database URL or SQLite path; `None` uses `./opentasks.db`.

    Returns:
        The exit status: 0, or 1 when the database cannot be opened.
    """
    url = database_url(db)
    missing = _missing_folder(url)
    if missing is not None:
        return _unusable("keys create", url, missing)
    sqlite_file = _sqlite_file(url)
    new_file = sqlite_file is not None and not sqlite_file.exists()
    try:
        key = create_api_key(url, project)
    except (SQLAlchemyError, OSError) as error:
        return _unusable("keys create", url, error)
    if new_file:
        # A key is only good on the server that reads this database: a fresh file here most
        # likely means the command ran outside the server's folder.
        print(
            f"opentasks keys create: warning: there was no database at {sqlite_file}, so a new "
            "one was created; a server using another database will refuse this key "
            "(pass that server's database with --db).",
            file=sys.stderr,
        )
    print(f"Created an API key for project {project!r} in {_shown(url)}.")
    print("Keep it: it is shown only this once (the server stores only its hash).")
    print(key, flush=True)
    return 0
