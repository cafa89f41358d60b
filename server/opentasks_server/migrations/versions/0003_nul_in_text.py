"""Text and JSON hold the NUL character (U+0000) on PostgreSQL too.

On PostgreSQL the JSON columns become `json` (`jsonb` refuses JSON's escape of NUL; casting
`jsonb` to `json` writes its own rendering, which reads back as the same value), and the columns
of a client's text become `text`, NUL-escaped by the server (`opentasks_server.db.types`): the
U+0001 characters already stored are escaped here, so every row reads back as it did, and the
length limits of `varchar` go, as escaped text may be longer than the text sent (the API keeps
its limits). SQLite's text holds NUL as it is: nothing changes there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 14:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "sessions": ("metadata", "data"),
    "tests": ("summary",),
    "tasks": (
        "file_urls",
        "metadata",
        "data",
        "additional_input",
        "additional_output",
        "tools_available",
        "input_schema",
        "main",
    ),
    "executions": ("arguments", "output"),
    "events": ("data",),
    "idempotency_keys": ("response_headers",),
}
# Each column of a client's text, with its `varchar` length before this revision (None: `text`).
_TEXT_COLUMNS: dict[str, dict[str, int | None]] = {
    "sessions": {"agent_id": 128, "user_id": 128, "notes": None},
    "tasks": {
        "agent_id": 128,
        "name": 200,
        "description": None,
        "prompt": None,
        "output": None,
        "status_reason": None,
        "flag_source": 128,
        "notes": None,
        "sender_id": 128,
    },
    "executions": {"error": None},
    "comparisons": {
        "context_input": None,
        "old_output": None,
        "new_output": None,
        "instructions": None,
        "source": 128,
    },
}
_TABLES = tuple(dict.fromkeys([*_JSON_COLUMNS, *_TEXT_COLUMNS]))
_ESCAPE = "chr(1)"


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _alter(table: str, changes: list[str]) -> None:
    # One ALTER TABLE per table, so a table whose column types change is rewritten once.
    if changes:
        op.execute(sa.text(f'ALTER TABLE "{table}" ' + ", ".join(changes)))


def _replace_in(table: str, columns: Sequence[str], old: str, new: str) -> None:
    sets = ", ".join(f'"{c}" = replace("{c}", {old}, {new})' for c in columns)
    found = " OR ".join(f'strpos("{c}", {old}) > 0' for c in columns)
    op.execute(sa.text(f'UPDATE "{table}" SET {sets} WHERE {found}'))


def upgrade() -> None:
    """Apply this revision."""
    if not _on_postgresql():
        return
    for table in _TABLES:
        changes = [
            f'ALTER COLUMN "{c}" TYPE json USING "{c}"::json' for c in _JSON_COLUMNS.get(table, ())
        ]
        changes += [
            f'ALTER COLUMN "{c}" TYPE text'
            for c, length in _TEXT_COLUMNS.get(table, {}).items()
            if length is not None
        ]
        _alter(table, changes)
    for table, columns in _TEXT_COLUMNS.items():
        _replace_in(table, list(columns), _ESCAPE, f"{_ESCAPE} || '1'")


def downgrade() -> None:
    """Revert this revision.

    Raises:
        RuntimeError: When some text holds a NUL character, which the earlier tables cannot
            store (PostgreSQL itself refuses to turn JSON holding one into `jsonb`).
    """
    if not _on_postgresql():
        return
    connection = op.get_bind()
    for table, columns in _TEXT_COLUMNS.items():
        found = " OR ".join(f"strpos(\"{c}\", {_ESCAPE} || '0') > 0" for c in columns)
        if connection.execute(sa.text(f'SELECT 1 FROM "{table}" WHERE {found} LIMIT 1')).first():
            msg = (
                f"{table} holds text with the NUL character, which revision 0002 cannot store; "
                "remove the NUL from that text (through the API, or with SQL on the escaped "
                "form, U+0001 '0') and run the downgrade again"
            )
            raise RuntimeError(msg)
        _replace_in(table, list(columns), f"{_ESCAPE} || '1'", _ESCAPE)
    for table in _TABLES:
        changes = [
            f'ALTER COLUMN "{c}" TYPE jsonb USING "{c}"::jsonb'
            for c in _JSON_COLUMNS.get(table, ())
        ]
        changes += [
            f'ALTER COLUMN "{c}" TYPE varchar({length})'
            for c, length in _TEXT_COLUMNS.get(table, {}).items()
            if length is not None
        ]
        _alter(table, changes)
