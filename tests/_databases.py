"""Fresh databases for the tests: a SQLite file, or a PostgreSQL database made from a template.

Every test that takes the `database_url` fixture runs once per backend. SQLite always runs. The
PostgreSQL runs need a server: set `OPENTASKS_TEST_POSTGRES_URL` to the URL of a database on it
that the tests may use to create and drop others (`.ci/postgres.sh start` makes a throwaway
cluster and prints the variable; CI always sets it). Without it, they are skipped with a reason.

A PostgreSQL test gets a database of its own, copied from a template that was migrated once per
run: `CREATE DATABASE ... TEMPLATE` takes about a tenth of a second, far less than migrating
each time, and a test can never see another's rows. The database is dropped after the test.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import uuid
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from opentasks_server.db.engine import Database
from opentasks_server.db.migrate import upgrade
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

__all__ = [
    "BACKENDS",
    "NO_POSTGRES",
    "POSTGRES_URL_ENV",
    "PostgresDatabases",
    "TestDatabases",
    "backend",
    "databases",
    "module_databases",
    "postgres_databases",
]

POSTGRES_URL_ENV = "OPENTASKS_TEST_POSTGRES_URL"

NO_POSTGRES = f"set {POSTGRES_URL_ENV} to run on PostgreSQL too (see .ci/postgres.sh)"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(not os.environ.get(POSTGRES_URL_ENV), reason=NO_POSTGRES),
    ),
]
"""The parameters of a fixture that runs its tests once per database backend."""

T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    # Fixtures may be set up while a test's event loop runs; a thread has a loop of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class PostgresDatabases:
    """Creates and drops the test databases on one PostgreSQL server.

    Args:
        url: A database the tests may connect to for `CREATE DATABASE` and `DROP DATABASE`.
    """

    def __init__(self, url: str) -> None:
        self._admin = make_url(url).set(drivername="postgresql+asyncpg")
        # Unique per run, so two runs against one server never share a template.
        self._template = f"opentasks_template_{uuid.uuid4().hex[:12]}"
        self._template_ready = False

    def _url(self, name: str) -> str:
        return self._admin.set(database=name).render_as_string(hide_password=False)

    async def _execute(self, *statements: str) -> None:
        # CREATE and DROP DATABASE cannot run inside a transaction block.
        engine = create_async_engine(self._admin, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                for statement in statements:
                    await connection.execute(text(statement))
        finally:
            await engine.dispose()

    async def _make_template(self) -> None:
        await self._execute(f'CREATE DATABASE "{self._template}"')
        database = Database(self._url(self._template))
        try:
            await upgrade(database)
        finally:
            # A template must have no open connection while it is copied.
            await database.dispose()

    def create(self) -> str:
        """Create a fresh, migrated database.

        Returns:
            Its URL, with the asyncpg driver.
        """
        if not self._template_ready:
            _run(self._make_template())
            self._template_ready = True
        name = f"opentasks_test_{uuid.uuid4().hex[:16]}"
        _run(self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"'))
        return self._url(name)

    def drop(self, url: str) -> None:
        """Drop a database made by `create`, closing whatever connections are left on it.

        Args:
            url: The URL `create` returned.
        """
        name = make_url(url).database
        _run(self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        """Drop the template."""
        if self._template_ready:
            self.drop(self._url(self._template))


class TestDatabases:
    """Hands out fresh databases of one backend and removes them afterwards.

    Args:
        backend: `"sqlite"` or `"postgresql"`.
        postgres: The PostgreSQL server's databases; required for `"postgresql"`.
    """

    __test__ = False  # not a test class, despite its name

    def __init__(self, backend: str, postgres: PostgresDatabases | None = None) -> None:
        if backend == "postgresql" and postgres is None:
            pytest.skip(NO_POSTGRES)
        self.backend = backend
        self._postgres = postgres
        self._made: list[str] = []

    def new(self, folder: Path, name: str = "opentasks") -> str:
        """Return the URL of a new, empty (or, on PostgreSQL, migrated) database.

        Args:
            folder: Where a SQLite file goes.
            name: The SQLite file's name, without the suffix.

        Returns:
            The database URL.
        """
        if self._postgres is None:
            return f"sqlite+aiosqlite:///{folder / f'{name}.db'}"
        url = self._postgres.create()
        self._made.append(url)
        return url

    def cleanup(self) -> None:
        """Drop the PostgreSQL databases handed out so far (SQLite files go with their folder)."""
        while self._made and self._postgres is not None:
            self._postgres.drop(self._made.pop())


# --- fixtures (imported by the conftest files that use them) -----------------------------------


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases | None]:
    """The PostgreSQL server of `OPENTASKS_TEST_POSTGRES_URL`, or `None` when it is not set."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        yield None
        return
    databases = PostgresDatabases(url)
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend a test runs on.

    Session-scoped, so pytest runs one backend's tests together and module-scoped servers start
    once per backend.
    """
    name: str = request.param
    return name


@pytest.fixture
def databases(
    backend: str, postgres_databases: PostgresDatabases | None
) -> Iterator[TestDatabases]:
    """Fresh databases of the test's backend, dropped when the test ends."""
    made = TestDatabases(backend, postgres_databases if backend == "postgresql" else None)
    try:
        yield made
    finally:
        made.cleanup()


@pytest.fixture(scope="module")
def module_databases(
    backend: str, postgres_databases: PostgresDatabases | None
) -> Iterator[TestDatabases]:
    """Fresh databases of the backend for a module's shared servers, dropped after the module."""
    made = TestDatabases(backend, postgres_databases if backend == "postgresql" else None)
    try:
        yield made
    finally:
        made.cleanup()
