"""The generators run only at the versions generator/generate.lock pins, and say how to get them."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_lock_holds_the_pins_of_the_generate_group(regenerate: ModuleType) -> None:
    """Every exact pin of pyproject.toml's `generate` group is in the lock at the same version."""
    pins = regenerate.locked_versions()
    assert {"datamodel-code-generator", "openapi-python-client", "ruff"} <= pins.keys()
    assert regenerate.stale_pins(pins) == []


def test_a_pin_the_lock_lacks_names_the_session_that_rewrites_it(
    regenerate: ModuleType, tmp_path: Path
) -> None:
    """A group pin the lock disagrees with is reported with `nox -s generate_lock`."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[dependency-groups]\ngenerate = ["openapi-python-client==9.9.9", "ruff"]\n',
        encoding="utf-8",
    )
    problems = regenerate.stale_pins({"openapi-python-client": "0.29.1"}, pyproject)
    assert problems == [
        "pyproject.toml pins openapi-python-client==9.9.9, generate.lock has 0.29.1: "
        "run `python -m nox -s generate_lock`"
    ]


def test_another_installed_version_is_reported(regenerate: ModuleType) -> None:
    """A locked package installed at another version is named with both versions."""
    have = importlib.metadata.version("pytest")
    assert regenerate.version_mismatches({"pytest": have}) == []
    assert regenerate.version_mismatches({"pytest": "0.0.1"}) == [
        f"pytest {have} is installed, generate.lock pins 0.0.1"
    ]
    # A missing dependency is the resolver's business; a missing generator is this script's.
    assert regenerate.version_mismatches({"no-such-dist": "1.0"}) == []


def test_a_missing_generator_is_reported(
    regenerate: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generator tool the environment lacks is named with the version the lock wants."""
    monkeypatch.setattr(regenerate, "TOOLS", ("no-such-generator",))
    assert regenerate.version_mismatches({"no-such-generator": "1.2.3"}) == [
        "no-such-generator is not installed (generate.lock pins 1.2.3)"
    ]


def test_regenerating_off_the_lock_fails_with_the_fix(
    regenerate: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With a locked version missing, regenerate.py exits 2 before generating, naming the fix."""
    lock = tmp_path / "generate.lock"
    lock.write_text("# a comment\npytest==0.0.1\n", encoding="utf-8")
    monkeypatch.setattr(regenerate, "LOCK", lock)
    monkeypatch.setattr(regenerate, "stale_pins", lambda _pins: [])
    output_root = tmp_path / "out"
    assert regenerate.main(["--output-root", str(output_root)]) == 2
    error = capsys.readouterr().err
    assert f"does not match generator/generate.lock:\n  - pytest {pytest.__version__}" in error
    assert "Run `python -m nox -s generate` (it installs the locked versions)" in error
    assert not output_root.exists()


def test_a_line_that_is_not_an_exact_pin_is_refused(regenerate: ModuleType, tmp_path: Path) -> None:
    """The lock holds exact pins only; a range is an error naming the line."""
    lock = tmp_path / "generate.lock"
    lock.write_text("ruff==0.17.5\nhttpx>=0.28\n", encoding="utf-8")
    with pytest.raises(
        regenerate.GenerationError, match=r"generate\.lock:2: expected an exact pin"
    ):
        regenerate.locked_versions(lock)
