"""The migrations make the tables exactly as the row classes (and the spec's schemas) define them.

tests/evolution/test_adding_a_field.py shows the other side on a copy of the project: a property
added to the spec makes `check` fail, naming the column, until the migration is written.
"""

from __future__ import annotations

import pytest
from opentasks_server.db import migrate
from opentasks_server.db.models import SCHEMA_COLUMNS, SCHEMA_ROWS
from opentasks_server.db.schema_columns import ATTRIBUTES, api_fields


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
