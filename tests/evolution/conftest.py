"""A copy of the project after a maintainer's change to the spec, regenerated once per run.

The copy holds what a spec change touches (openapi.yaml, generator/, generated/, server/). Its
spec gains what a maintainer adds most often: an optional `priority` on the task schemas and a new
read operation. The tests of this folder run clients and servers of the copy against those of
the checkout, in fresh interpreters, to show what is automatic and what CI catches.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ("openapi-python-client", "datamodel-codegen", "ruff")
COPIED = ("generator", "generated", "server")

PRIORITY = {
    "type": ["integer", "null"],
    "description": "How urgent the task is, from 1 (most) to 5 (least).",
    "minimum": 1,
    "maximum": 5,
}
NEW_OPERATION = ("/v1/tasks/{task_id}/summary", "get", "get_task_summary")


def evolve(spec: dict[str, Any]) -> dict[str, Any]:
    """Add an optional `priority` to the task schemas, and a new read operation."""
    schemas = spec["components"]["schemas"]
    for name in ("Task", "TaskCreate", "TaskUpdate"):
        schemas[name]["properties"]["priority"] = dict(PRIORITY)
    path, method, operation_id = NEW_OPERATION
    spec["paths"][path] = {
        "parameters": [{"$ref": "#/components/parameters/TaskId"}],
        method: {
            "operationId": operation_id,
            "tags": ["tasks"],
            "summary": "Summarise a task",
            "description": "The task, as a summary.",
            "security": [{"bearerAuth": []}],
            "responses": {
                "200": {
                    "description": "The task.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Task"}}
                    },
                }
            },
        },
    }
    return spec


def generators_python() -> str:
    """Return the Python of the locked generators, or skip when there is none."""
    python = os.environ.get("OPENTASKS_GENERATORS_PYTHON", sys.executable)
    if not all((Path(python).parent / tool).exists() for tool in GENERATORS):
        pytest.skip("the generators (the `generate` dependency group) are not installed")
    return python


def regenerate(root: Path) -> None:
    """Run the copy's regenerate.py with the locked generators."""
    subprocess.run(
        [generators_python(), str(root / "generator" / "regenerate.py")],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def evolved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy, with the changed spec and regenerated `generated/`."""
    generators_python()
    root = tmp_path_factory.mktemp("evolved")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        shutil.copytree(ROOT / name, root / name, ignore=ignore)
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(evolve(spec), sort_keys=False, allow_unicode=True)
    (root / "openapi.yaml").write_text(text, encoding="utf-8")
    regenerate(root)
    return root


def run_python(code: str, *args: str, path: list[Path], cwd: Path) -> str:
    """Run `code` in a fresh interpreter with `path` first on `sys.path`; return its output.

    Raises:
        AssertionError: The program failed; its error output is the message.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(folder) for folder in path)}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
