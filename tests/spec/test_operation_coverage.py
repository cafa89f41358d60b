"""Every operation of the spec is served by the reference server and reachable from the SDK.

tests/evolution/test_new_operation.py shows the failure on a copy whose spec gained an operation.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_every_operation_is_served_and_reachable(coverage: ModuleType) -> None:
    """No gap: each operation has a route, and an SDK method or an `x-low-level-only` reason."""
    operations = coverage.spec_operations(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    problems = coverage.coverage_problems(
        operations, coverage.served_routes(operations), coverage.reached_operations()
    )
    assert not problems, "\n".join(problems)
    assert coverage.main() == 0


def test_a_gap_is_named_with_its_fix(coverage: ModuleType) -> None:
    """An unserved, unreached operation gets two lines; marking it low-level-only drops one."""
    operations = {"get_task_summary": ("GET", "/v1/tasks/{task_id}/summary", False)}
    problems = coverage.coverage_problems(operations, set(), set())
    assert problems == [
        "get_task_summary (GET /v1/tasks/{task_id}/summary) is not served by the reference "
        "server: add a route with operation_id='get_task_summary' to opentasks_server/routes/",
        "get_task_summary (GET /v1/tasks/{task_id}/summary) is not reachable from the SDK: call "
        "opentasks_api.api.<tag>.get_task_summary from a method of overlay/opentasks/, or mark "
        "the operation `x-low-level-only: <why>` in openapi.yaml",
    ]
    operations = {"get_task_summary": ("GET", "/v1/tasks/{task_id}/summary", True)}
    assert coverage.coverage_problems(operations, set(), set()) == problems[:1]
    served = {("GET", "/v1/tasks/{task_id}/summary")}
    assert coverage.coverage_problems(operations, served, set()) == []


def test_the_sdk_reaches_what_it_imports(coverage: ModuleType, tmp_path: Path) -> None:
    """Reaching means importing the generated endpoint module, anywhere in the package."""
    package = tmp_path / "opentasks"
    (package / "_async").mkdir(parents=True)
    (package / "_async" / "_tasks.py").write_text(
        "def get(self):\n    from opentasks_api.api.tasks import get_task, list_tasks\n"
    )
    (package / "_other.py").write_text("import opentasks_api.models\n")
    assert coverage.reached_operations(package) == {"get_task", "list_tasks"}
