"""The README's Python code runs as written against a real local server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from opentasks.testing import serve

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_readme_has_python_code() -> None:
    """The README shows the SDK in use, so the test below has something to run."""
    assert BLOCKS


@pytest.mark.parametrize("code", BLOCKS)
def test_readme_code_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each block runs with only the environment variables the README names."""
    with serve() as server:
        monkeypatch.setenv("OPENTASKS_API_KEY", server.api_key)
        monkeypatch.setenv("OPENTASKS_BASE_URL", server.base_url)
        exec(compile(code, str(README), "exec"), {"__name__": "readme"})
