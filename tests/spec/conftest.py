"""Fixtures of the spec tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def regenerate() -> ModuleType:
    """generator/regenerate.py, imported as a module (generator/ is a folder of scripts)."""
    spec = importlib.util.spec_from_file_location(
        "regenerate", ROOT / "generator" / "regenerate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
