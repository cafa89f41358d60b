"""A copy of the project after a maintainer's change to the spec, regenerated once per run.

The copy holds what a spec change touches (openapi.yaml, generator/, generated/, server/,
overlay/). Its spec gains what a maintainer adds most often: an optional field on a resource
(the `priority` of docs/guides/adding-a-field.md, taken from the page itself), a status value,
and a new read operation. The tests of this folder run clients and servers of the copy against those of
the checkout, in fresh interpreters, to show what is automatic and what CI catches.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests._databases import backend, databases, postgres_databases

__all__ = [
    # The database backends of the checkout's tests: a server of the copy runs on each.
    "backend",
    "databases",
    "postgres_databases",
]

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ("openapi-python-client", "datamodel-codegen", "ruff")
COPIED = ("generator", "generated", "server", "overlay")

GUIDE = ROOT / "docs" / "guides" / "adding-a-field.md"


def guide_blocks(language: str) -> list[str]:
    """Return the code blocks of one language in the adding-a-field guide, in order."""
    return re.findall(
        rf"^```{language}\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), re.M | re.S
    )


NEW_OPERATION = ("/v1/tasks/{task_id}/summary", "get", "get_task_summary")


def evolve(spec: dict[str, Any]) -> dict[str, Any]:
    """Add the guide's `priority` to the task schemas, a `blocked` status, and a read operation."""
    schemas = spec["components"]["schemas"]
    field = yaml.safe_load(guide_blocks("yaml")[0])
    for name in ("Task", "TaskCreate", "TaskUpdate"):
        schemas[name]["properties"].update(copy.deepcopy(field))
    status = schemas["TaskStatus"]
    status["enum"].append("blocked")
    status["x-lifecycle"]["transitions"]["pending"].append("blocked")
    status["x-lifecycle"]["transitions"]["blocked"] = ["executing", "stopped"]
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


def python_path(*folders: Path) -> dict[str, str]:
    """Return the environment of a fresh interpreter with `folders` first on `sys.path`.

    PYTHONPATH comes before site-packages, where the editable install points at the checkout.
    """
    return {**os.environ, "PYTHONPATH": os.pathsep.join(str(folder) for folder in folders)}


def run_python(
    *args: str, path: list[Path], cwd: Path, env: dict[str, str] | None = None, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `python ARGS` in a fresh interpreter with `path` first on `sys.path`.

    Args:
        *args: The interpreter's arguments (`-c CODE ...`, `-m MODULE ...`).
        path: The folders to import from first.
        cwd: The working folder.
        env: More environment variables.
        ok: Fail unless it exits 0.

    Returns:
        The finished process, its output as text.
    """
    result = subprocess.run(
        [sys.executable, *args],
        env={**python_path(*path), **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result
