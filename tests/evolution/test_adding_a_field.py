"""docs/guides/adding-a-field.md, followed on a copy of the project, block by block.

The copy's spec has the guide's `priority` (and a `blocked` status) and is regenerated (steps 1
and 2, see conftest.py). Before step 3 the migration check fails, naming the column and the
command; the guide's command writes the migration; then a server of the copy stores, validates
and answers the field, the guide's Python block runs against it, and a client built before the
change still reads its tasks, sends the field through `extra_fields`, and moves a task to the
status it does not know. It runs on SQLite, and on PostgreSQL when the tests have a server.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests._databases import TestDatabases
from tests.evolution.conftest import ROOT, guide_blocks, python_path, run_python
from tests.sdk.scripted import free_port

VERSIONS = Path("server", "opentasks_server", "migrations", "versions")

NEW_SERVER_CHECKS = textwrap.dedent(
    """
    import os
    import httpx

    api = httpx.Client(
        base_url=os.environ["OPENTASKS_BASE_URL"],
        headers={"Authorization": "Bearer " + os.environ["OPENTASKS_API_KEY"]},
    )
    created = api.post("/v1/tasks", json={"agent_id": "a", "priority": 3})
    assert created.status_code == 201 and created.json()["priority"] == 3, created.text
    task_id = created.json()["id"]
    assert api.get(f"/v1/tasks/{task_id}").json()["priority"] == 3
    assert api.post("/v1/tasks", json={"agent_id": "a", "priority": 9}).status_code == 422
    cleared = api.patch(f"/v1/tasks/{task_id}", json={"priority": None})
    assert cleared.status_code == 200 and cleared.json()["priority"] is None, cleared.text
    assert api.get("/v1/tasks", params={"agent_id": "a"}).json()["data"][0]["priority"] is None
    print(task_id)
    """
)

OLDER_CLIENT = textwrap.dedent(
    """
    import sys
    import opentasks_api
    from opentasks import Client

    assert opentasks_api.__file__.startswith(sys.argv[1]), opentasks_api.__file__
    client = Client()
    task = client.tasks.create(agent_id="old", prompt="p")
    assert task.additional_properties["priority"] is None
    # The field this client was built without, sent through extra_fields.
    ranked = client.tasks.create(agent_id="old", extra_fields={"priority": 4})
    assert ranked.additional_properties["priority"] == 4
    client.tasks.update(ranked.id, extra_fields={"priority": 1})
    assert client.tasks.get(ranked.id).additional_properties["priority"] == 1
    task.set_status("blocked", reason="waiting on a person")
    assert client.tasks.get(task.id).status == "blocked"
    task.set_status("executing")
    assert task.status == "executing" and not task.is_terminal
    print("ok")
    """
)


@pytest.fixture
def migrated(evolved: Path) -> Iterator[Path]:
    """The copy after the guide's step 3: the migration it writes, removed again after the test."""
    before = set((evolved / VERSIONS).glob("*.py"))
    yield evolved
    for path in set((evolved / VERSIONS).glob("*.py")) - before:
        path.unlink()


def wait_until_healthy(process: subprocess.Popen[bytes], base_url: str) -> None:
    """Poll `/healthz` until it answers 200; fail if the server exits or takes over 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the copy's server exited"
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail("the copy's server did not become healthy in 60 s")


def test_the_guide_adds_a_field_with_one_migration(
    migrated: Path, databases: TestDatabases, tmp_path: Path
) -> None:
    """Spec edit, regeneration and one written migration are all the field needs.

    On PostgreSQL the copy's server starts on a database at the checkout's latest revision and
    runs the new migration itself, as a deployed server does after an upgrade.
    """
    new_side = [migrated / "generated", migrated / "server", ROOT / "overlay"]
    migrate = ("-m", "opentasks_server.db.migrate")

    # Step 3 left out: CI's migration check names the column and the command.
    check = run_python(*migrate, "check", path=new_side, cwd=tmp_path, ok=False)
    assert check.returncode == 1
    assert "add_column" in check.stderr
    assert "'priority'" in check.stderr
    assert 'python -m nox -s migration -- "<what it does>"' in check.stderr

    # Step 3, with the message of the guide's command.
    (command,) = [
        line for block in guide_blocks("sh") for line in block.splitlines() if "migration" in line
    ]
    before = set((migrated / VERSIONS).glob("*.py"))
    run_python(*migrate, "revision", shlex.split(command)[-1], path=new_side, cwd=tmp_path)
    (migration,) = set((migrated / VERSIONS).glob("*.py")) - before
    assert migration.name.endswith("_task_priority.py")
    text = migration.read_text(encoding="utf-8")
    assert "add_column(sa.Column('priority', sa.Integer(), nullable=True))" in text
    run_python(*migrate, "check", path=new_side, cwd=tmp_path)

    # Step 4: a server of the copy, its key made as a user makes one.
    database = databases.new(tmp_path, "evolved")
    created = run_python(
        *("-m", "opentasks", "keys", "create", "--project", "evolved", "--db", database),
        path=new_side,
        cwd=tmp_path,
    )
    env = {
        "OPENTASKS_API_KEY": created.stdout.split()[-1],
        "OPENTASKS_BASE_URL": f"http://127.0.0.1:{free_port()}",
    }
    port = env["OPENTASKS_BASE_URL"].rsplit(":", 1)[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "opentasks", "serve", "--db", database, "--port", port],
        env=python_path(*new_side),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy(server, env["OPENTASKS_BASE_URL"])
        run_python("-c", NEW_SERVER_CHECKS, path=new_side, cwd=tmp_path, env=env)
        (usage,) = guide_blocks("python")
        run_python("-c", usage, path=new_side, cwd=tmp_path, env=env)
        older = run_python(
            "-c",
            OLDER_CLIENT,
            str(ROOT / "generated"),
            path=[ROOT / "generated", ROOT / "overlay"],
            cwd=tmp_path,
            env=env,
        )
        assert older.stdout.strip() == "ok"
    finally:
        server.terminate()
        server.wait(timeout=30)
