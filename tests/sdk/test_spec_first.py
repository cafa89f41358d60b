"""Spec-first for real: a field added to openapi.yaml reaches the overlay with no overlay edit.

The test copies the spec and the generator into a temporary folder, adds a `priority` field to
the task schemas and a new operation, regenerates there, and runs the unchanged overlay on the
regenerated client in a fresh interpreter: the field is readable, settable, sent by `save()`, a
documented keyword of `create()`, `acreate()` and `update()` (and still accepted through
`extra_fields=`), and the new operation is callable through the low-level client. mypy, when
installed, type-checks a call with the new keyword and rejects one with the wrong type.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sdk.samples import task_json

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ("openapi-python-client", "datamodel-codegen", "ruff")

pytestmark = pytest.mark.slow

CHECK = textwrap.dedent(
    """
    import asyncio, json, sys
    import httpx
    import opentasks_api
    from opentasks import Client
    from opentasks_api.api.tasks import archive_task

    assert opentasks_api.__file__.startswith(sys.argv[1]), opentasks_api.__file__
    task_json = json.loads(sys.argv[2])
    sent = []

    def handle(request):
        body = json.loads(request.content) if request.content else None
        sent.append((request.method, request.url.path, body))
        answer = dict(task_json)
        if request.method == "PATCH":
            answer.update(body, version=2)
        if request.method == "POST" and request.url.path == "/v1/tasks":
            answer.update(body)
        return httpx.Response(201 if request.method == "POST" else 200, json=answer)

    client = Client(api_key="ot_test", base_url="http://api.test", transport=httpx.MockTransport(handle))
    task = client.tasks.get(task_json["id"])
    assert task.priority == 2, task.priority
    task.priority = 5
    assert task.dirty_fields() == ["priority"]
    task.save()
    assert sent[-1] == ("PATCH", "/v1/tasks/" + task.id, {"priority": 5}), sent[-1]
    assert task.priority == 5 and task.version == 2

    created = client.tasks.create(agent_id="a", extra_fields={"priority": 7})
    assert sent[-1][2] == {"agent_id": "a", "priority": 7}, sent[-1]
    assert created.priority == 7

    created = client.tasks.create(agent_id="a", priority=3)
    assert sent[-1][2] == {"agent_id": "a", "priority": 3}, sent[-1]
    assert created.priority == 3
    client.tasks.update(task.id, priority=None)
    assert sent[-1][0] == "PATCH" and sent[-1][2] == {"priority": None}, sent[-1]

    async def twin():
        transport = httpx.MockTransport(handle)
        async with Client(api_key="ot_test", base_url="http://api.test", async_transport=transport) as aclient:
            return await aclient.tasks.acreate(agent_id="b", priority=8)

    assert asyncio.run(twin()).priority == 8
    assert sent[-1][2] == {"agent_id": "b", "priority": 8}, sent[-1]

    from opentasks_api.fields import TaskCreateFields, TaskUpdateFields
    for fields in (TaskCreateFields, TaskUpdateFields):
        annotation = fields.__annotations__["priority"]
        assert annotation.__forward_arg__ == "int | None", annotation
        assert "priority: How urgent the task is." in fields.__doc__, fields.__doc__

    response = archive_task.sync_detailed(task.id, client=client.api)
    assert response.status_code == 201 and sent[-1][1].endswith("/archive")
    print("ok")
    """
)


TYPED = textwrap.dedent(
    """
    from opentasks import Client, Task

    async def use(client: Client) -> list[Task]:
        return [
            client.tasks.create(agent_id="a", priority=3),
            await client.tasks.acreate(agent_id="a", priority=None),
            client.tasks.update("task_1", priority=4),
        ]

    def misuse(client: Client) -> None:
        client.tasks.create(agent_id="a", priority="high")
    """
)


def _modified_spec(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    priority = {"type": ["integer", "null"], "description": "How urgent the task is."}
    schemas["Task"]["properties"]["priority"] = priority
    schemas["Task"]["required"].append("priority")
    for name in ("TaskCreate", "TaskUpdate"):
        schemas[name]["properties"]["priority"] = priority
    spec["paths"]["/v1/tasks/{task_id}/archive"] = {
        "parameters": [{"$ref": "#/components/parameters/TaskId"}],
        "post": {
            "operationId": "archive_task",
            "tags": ["tasks"],
            "summary": "Archive a task",
            "description": "Archives the task.",
            "security": [{"bearerAuth": []}],
            "responses": {
                "201": {
                    "description": "The archived task.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Task"}}
                    },
                }
            },
        },
    }
    return spec


def test_a_new_field_and_operation_need_no_overlay_edit(tmp_path: Path) -> None:
    """After regeneration, the overlay reads, saves and creates with a field it never named."""
    # `nox -s tests` names an environment with the locked generators; plain pytest may have them.
    generators = os.environ.get("OPENTASKS_GENERATORS_PYTHON", sys.executable)
    if not all((Path(generators).parent / tool).exists() for tool in GENERATORS):
        pytest.skip("the generators (the `generate` dependency group) are not installed")
    shutil.copytree(ROOT / "generator", tmp_path / "generator")
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(_modified_spec(spec)), encoding="utf-8")
    subprocess.run(
        [generators, str(tmp_path / "generator" / "regenerate.py")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "generated"), str(ROOT / "overlay")]),
    }
    result = subprocess.run(
        # PYTHONPATH comes before site-packages, where the editable install points at generated/.
        [sys.executable, "-c", CHECK, str(tmp_path), json_dump(task_json(priority=2))],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    _type_check(tmp_path, env)


def _type_check(tmp_path: Path, env: dict[str, str]) -> None:
    """The new keyword type-checks with the spec's type (by mypy), and not with another."""
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        return
    (tmp_path / "use_priority.py").write_text(TYPED, encoding="utf-8")
    env = {**env, "MYPYPATH": env["PYTHONPATH"]}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mypy", "--strict", "--no-incremental"),
            # The SDK's own modules are type-checked in `nox -s typecheck`; here only the use.
            *("--follow-imports=silent", "use_priority.py"),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    wrong = TYPED.splitlines().index('    client.tasks.create(agent_id="a", priority="high")') + 1
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(f"use_priority.py:{wrong}:"), errors
    assert '"priority"' in errors[0], errors


def json_dump(value: object) -> str:
    """Serialise for the command line."""
    return json.dumps(value)
