"""Run the Alembic migrations programmatically, from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from opentasks_server.db.engine import Database

__all__ = ["MIGRATIONS_DIR", "alembic_config", "upgrade"]

# Located through the package, not the working directory, so an installed wheel finds them.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Build an Alembic configuration without an `alembic.ini`.

    Args:
        connection: The connection the migrations run on; `env.py` uses it instead of
            opening its own.

    Returns:
        The configuration.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


async def upgrade(database: Database) -> None:
    """Bring the database schema up to the latest revision.

    The migrations run in one write transaction: on SQLite that is `BEGIN IMMEDIATE`, so several
    server processes starting together migrate one after another instead of racing; on
    PostgreSQL `env.py` takes an advisory lock for the same reason.

    Args:
        database: The database to migrate.
    """
    async with database.write_engine.begin() as connection:
        await connection.run_sync(_upgrade)
