"""The public surface: one sorted `__all__`, everything in it documented and importable."""

from __future__ import annotations

import inspect

import opentasks
import opentasks.testing


def test_all_is_sorted_and_unique() -> None:
    """`opentasks.__all__` is sorted (as ruff sorts it) and has no duplicates."""
    names = opentasks.__all__
    assert len(names) == len(set(names))

    # ruff's order: SCREAMING_CASE constants, then CamelCase classes, then the rest.
    def kind(name: str) -> int:
        if name.isupper():
            return 0
        return 1 if name[0].isupper() else 2

    assert names == sorted(names, key=lambda name: (kind(name), name))


def test_all_names_exist_and_nothing_public_is_missing() -> None:
    """Every name in `__all__` exists; every public name of the package is in `__all__`."""
    for name in opentasks.__all__:
        assert hasattr(opentasks, name), name
    public = {
        name
        for name, value in vars(opentasks).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public <= set(opentasks.__all__) | {"annotations"}


def test_every_public_class_and_function_is_documented() -> None:
    """Public classes, their public methods, and functions have docstrings."""
    undocumented = []
    for name in opentasks.__all__:
        value = getattr(opentasks, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if not inspect.getdoc(value):
            undocumented.append(name)
        if not inspect.isclass(value):
            continue
        ours = [cls for cls in value.__mro__ if cls.__module__.startswith("opentasks.")]
        for cls in ours:
            for member, attribute in vars(cls).items():
                if member.startswith("_") or (
                    not callable(attribute) and not isinstance(attribute, property)
                ):
                    continue
                if not inspect.getdoc(attribute):
                    undocumented.append(f"{name}.{member}")
    assert undocumented == []


def test_testing_module_exports() -> None:
    """`opentasks.testing` offers the context manager, the server class and the fixtures."""
    assert opentasks.testing.__all__ == sorted(opentasks.testing.__all__)
    for name in opentasks.testing.__all__:
        assert hasattr(opentasks.testing, name)


def test_importing_the_sdk_does_not_import_the_server() -> None:
    """The server (and its extra's dependencies) load only when a server is started."""
    import subprocess
    import sys

    code = "import sys, opentasks, opentasks.testing; print('opentasks_server' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
