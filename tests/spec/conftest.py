"""Fixtures of the spec tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def script(name: str) -> ModuleType:
    """Import a script of generator/ (a folder of scripts, not a package) as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "generator" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first, as an import would: dataclasses look their module up while it runs.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def regenerate() -> ModuleType:
    """generator/regenerate.py, imported as a module."""
    return script("regenerate")


@pytest.fixture(scope="session")
def coverage() -> ModuleType:
    """generator/coverage.py, imported as a module."""
    return script("coverage")


@pytest.fixture(scope="session")
def sdk_exports() -> ModuleType:
    """generator/sdk_exports.py, imported as a module."""
    return script("sdk_exports")


@pytest.fixture(scope="session")
def sdk_methods() -> ModuleType:
    """generator/sdk_methods.py, imported as a module."""
    return script("sdk_methods")
