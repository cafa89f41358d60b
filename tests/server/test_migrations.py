"""The migrations make the tables as the row classes define them and keep what is stored.

tests/evolution/test_adding_a_field.py shows the other side on a copy of the project: a property
added to the spec makes `check` fail, naming the column, until the migration is written.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import produce_migrations, render_python_code
from alembic.migration import MigrationContext
from opentasks_server import create_api_key, create_app
from opentasks_server.db import migrate
from opentasks_server.db.engine import Database
from opentasks_server.db.migrate import alembic_config, render_item
from opentasks_server.db.models import SCHEMA_COLUMNS, SCHEMA_ROWS, Base
from opentasks_server.db.schema_columns import ATTRIBUTES, api_fields
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from tests.server.helpers import client_for


def test_no_table_change_lacks_a_migration(capsys: pytest.CaptureFixture[str]) -> None:
    """Alembic finds nothing to add: every column of every table has its migration."""
    missing = migrate.pending_changes()
    assert missing is None, (
        f"the tables differ from the latest migration: {missing}. Write the migration with "
        '`python -m nox -s migration -- "<what it does>"` (docs/guides/adding-a-field.md).'
    )
    assert migrate.main(["check"]) == 0
    assert "the migrations make the tables" in capsys.readouterr().out


def test_every_property_of_a_resource_has_a_row_attribute() -> None:
    """Each property of the five resources' schemas is a mapped attribute of their row class."""
    for model, row in SCHEMA_ROWS.items():
        attributes = row.__mapper__.attrs.keys()
        lacking = [
            name for name in api_fields(model) if ATTRIBUTES.get(name, name) not in attributes
        ]
        assert not lacking, f"{row.__name__} has no attribute for {model.__name__}.{lacking}"


def test_the_checkout_declares_every_column_itself() -> None:
    """Derived columns are for a spec change not yet written into the row class; here, none."""
    assert all(added == () for added in SCHEMA_COLUMNS.values()), SCHEMA_COLUMNS


def test_the_next_revision_is_numbered_after_the_last() -> None:
    """Migration files are numbered; the next one takes the next number."""
    numbers = sorted(path.name[:4] for path in (migrate.MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert migrate.next_revision_id() == f"{int(numbers[-1]) + 1:04d}"


async def _migrate(url: str, revision: str) -> None:
    """Move a database to a revision, up or down, as the server's own migration run does."""
    move = command.upgrade if revision == "head" else command.downgrade
    database = Database(url)
    try:
        async with database.write_engine.begin() as connection:
            await connection.run_sync(lambda sync: move(alembic_config(sync), revision))
    finally:
        await database.dispose()


async def _execute(url: str, sql: str, values: dict[str, Any] | None = None) -> list[Any]:
    """Run one statement in its own transaction; return its rows, if it has any."""
    database = Database(url)
    try:
        async with database.write_engine.begin() as connection:
            result = await connection.execute(text(sql), values or {})
            return list(result.all()) if result.returns_rows else []
    finally:
        await database.dispose()


def _decoded(value: Any) -> Any:  # noqa: ANN401 - a column's value, of any type
    # SQLite's JSON columns are text to a plain SELECT; PostgreSQL's driver decodes them.
    return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value


# U+0001, the escape of the NUL-escaped text on PostgreSQL, in text stored before revision 0003.
_OLD_TEXT = "one \x01 and escaped-looking \x010 \x011"
_OLD_JSON = '{"b": 1e5, "a": [1.0, "\\u0001"], "long key": {}}'


async def test_rows_stored_before_nul_was_allowed_read_back_unchanged(
    database_url: str, backend: str
) -> None:
    """Revision 0003 keeps every stored text and JSON value; its downgrade refuses NUL only."""
    key = create_api_key(database_url)
    await _migrate(database_url, "0002")
    json_value = "CAST(:json AS jsonb)" if backend == "postgresql" else ":json"
    await _execute(
        database_url,
        "INSERT INTO tasks (id, project_id, agent_id, name, notes, status, file_urls, metadata,"
        " data, additional_input, additional_output, tools_available, main, version,"
        " created_at, updated_at) SELECT 'task_01JAAAAAAAAAAAAAAAAAAAAAAA', id, :agent, :name,"
        f" :notes, 'pending', '[]', {json_value}, '{{}}', '{{}}', '{{}}', '[]', '[]', 1,"
        " :now, :now FROM projects",
        {
            **dict.fromkeys(("agent", "name", "notes"), _OLD_TEXT),
            "json": _OLD_JSON,
            "now": dt.datetime.now(dt.UTC),
        },
    )
    (before,) = await _execute(database_url, "SELECT agent_id, notes, metadata FROM tasks")
    assert before[:2] == (_OLD_TEXT, _OLD_TEXT)

    await _migrate(database_url, "head")
    app = create_app(database_url)
    async with app.router.lifespan_context(app), client_for(app, key) as http:
        task = (await http.get("/v1/tasks/task_01JAAAAAAAAAAAAAAAAAAAAAAA")).json()
        assert (task["agent_id"], task["name"], task["notes"]) == (_OLD_TEXT,) * 3
        assert task["metadata"] == _decoded(before[2])
        found = (await http.get("/v1/tasks", params={"agent_id": _OLD_TEXT})).json()["data"]
        assert [t["id"] for t in found] == [task["id"]]
        changed = await http.patch(f"/v1/tasks/{task['id']}", json={"notes": "nul \x00"})
        assert changed.status_code == 200, changed.text

    if backend == "postgresql":
        with pytest.raises(RuntimeError, match="NUL character"):
            await _migrate(database_url, "0002")
        await _execute(database_url, "UPDATE tasks SET notes = 'none'")
        # The change's event holds the NUL in its JSON, which `jsonb` cannot take either.
        with pytest.raises(DBAPIError, match="Unicode escape"):
            await _migrate(database_url, "0002")
        await _execute(database_url, "DELETE FROM events")
    await _migrate(database_url, "0002")
    (after,) = await _execute(database_url, "SELECT agent_id, name, metadata FROM tasks")
    assert after[:2] == (_OLD_TEXT, _OLD_TEXT)
    assert _decoded(after[2]) == _decoded(before[2])


def test_a_migration_of_the_tables_renders_their_storage_types() -> None:
    """Alembic writes every column's type as plain SQLAlchemy, PostgreSQL's variants included."""
    engine = create_engine("sqlite://")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"target_metadata": Base.metadata, "render_item": render_item}
            )
            code = render_python_code(
                produce_migrations(context, Base.metadata).upgrade_ops, render_item=render_item
            )
    finally:
        engine.dispose()
    assert "opentasks_server" not in code
    assert (
        "sa.Column('agent_id', sa.String(length=128).with_variant(sa.Text(), 'postgresql')" in code
    )
    assert "sa.Column('created_at', sa.DateTime(timezone=True)" in code
