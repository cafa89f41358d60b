"""Every script in examples/ runs to completion against an embedded server and says what it did."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# What each example must print: proof it got to the end and saw what it claims to show.
EXPECTED = {
    "quickstart.py": ["task_created", "task_finished", "completed Revenue up 12%"],
    "async_quickstart.py": ["think", "task_finished", "completed Revenue up 12%"],
    "phospho_logging.py": ["success", "same_quality undetermined"],
    "julep_workflow.py": ["succeeded completed"],
}


def test_every_example_is_exercised() -> None:
    """Each example script has expectations here, so a new one cannot go untested."""
    scripts = {path.name for path in EXAMPLES.glob("*.py") if not path.name.startswith("_")}
    assert scripts == set(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs(script: str) -> None:
    """The example exits 0 and prints what it demonstrates."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENTASKS_")}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for expected in EXPECTED[script]:
        assert expected in result.stdout, result.stdout
