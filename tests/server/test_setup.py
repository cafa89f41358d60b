"""Setup: migrations, keys stored as hashes, the packaged contract, the import guard."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from opentasks_server import create_api_key
from opentasks_server.auth import KEY_PREFIX
from opentasks_server.db.migrate import MIGRATIONS_DIR, alembic_config
from opentasks_server.db.models import Base
from opentasks_server.ids import new_id


def test_create_api_key_stores_only_the_hash(tmp_path: Path) -> None:
    """The clear key is returned once; the database holds its SHA-256 only."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"
    key = create_api_key(url, "p1")
    other = create_api_key(url, "p1")
    assert key.startswith(KEY_PREFIX)
    assert len(key) == len(KEY_PREFIX) + 43
    with sqlite3.connect(tmp_path / "k.db") as db:
        hashes = {row[0] for row in db.execute("SELECT key_hash FROM api_keys")}
        projects = db.execute("SELECT count(*) FROM projects").fetchone()[0]
        dump = "\n".join(db.iterdump())
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert hashes == {hashlib.sha256(k.encode()).hexdigest() for k in (key, other)}
    assert projects == 1
    assert key not in dump
    assert journal == "wal"


def test_create_api_key_inside_a_running_loop(tmp_path: Path) -> None:
    """The sync helper works from async code too (it runs its own loop in a thread)."""

    async def main() -> str:
        return create_api_key(f"sqlite+aiosqlite:///{tmp_path / 'k.db'}")

    assert asyncio.run(main()).startswith(KEY_PREFIX)


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """One head revision exists, and the migrated schema has every table of the models."""
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert MIGRATIONS_DIR.joinpath("env.py").is_file()
    create_api_key(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    with sqlite3.connect(tmp_path / "m.db") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_ids_sort_by_creation() -> None:
    """Ids made one after another sort in creation order, even within a millisecond."""
    ids = [new_id("task") for _ in range(1000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 1000
    assert all(len(i) == len("task_") + 26 for i in ids)


def test_import_without_the_extra_names_it() -> None:
    """Without the server's dependencies, importing it says which extra to install."""
    code = (
        "import importlib.util, sys\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == 'fastapi' else real(name, *a)\n"
        "try:\n"
        "    import opentasks_server\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert 'pip install "opentasks[server]"' in result.stdout
