"""A new operation in the spec fails CI's coverage check until it is served and reachable."""

from __future__ import annotations

from pathlib import Path

from tests.evolution.conftest import NEW_OPERATION, run_python


def test_a_new_operation_is_named_by_the_coverage_check(evolved: Path, tmp_path: Path) -> None:
    """The copy's own check exits 1 and names the new operation twice, with each fix."""
    path, method, operation_id = NEW_OPERATION
    result = run_python(
        str(evolved / "generator" / "coverage.py"),
        path=[evolved / "generated", evolved / "server", evolved / "overlay"],
        cwd=tmp_path,
        ok=False,
    )
    assert result.returncode == 1
    where = f"{operation_id} ({method.upper()} {path})"
    assert result.stderr.splitlines() == [
        f"{where} is not served by the reference server: add a route with "
        f"operation_id={operation_id!r} to opentasks_server/routes/",
        f"{where} is not reachable from the SDK: call opentasks_api.api.<tag>.{operation_id} "
        "from a method of overlay/opentasks/, or mark the operation `x-low-level-only: <why>` "
        "in openapi.yaml",
    ]
