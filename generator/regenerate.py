"""Regenerate generated/ from openapi.yaml, or check that it is up to date.

Usage::

    python generator/regenerate.py                      # rewrite generated/ in this checkout
    python generator/regenerate.py --check              # exit 1 if generated/ is out of date
    python generator/regenerate.py --output-root DIR    # write DIR/generated/ instead

Two generators read the same contract:

- openapi-python-client writes ``generated/opentasks_api`` (the low-level client);
- datamodel-code-generator writes ``generated/opentasks_schema`` (pydantic v2 models);
- this script writes ``generated/opentasks_api/lifecycles.py`` from the ``x-lifecycle``
  extensions of the status enums (the states, moves and terminal set the server and the SDK
  share), after checking that each agrees with its enum.

Both run in a scratch folder and are copied into place only when both have succeeded, so a failed
run never leaves half a tree behind. Every tool is taken from the virtual environment of the Python
running this script, never from whatever else is on ``PATH``: the output is formatted by ruff, and
only the pinned ruff gives byte-identical output from run to run. The scratch folder carries its
own ruff settings (``generator/ruff-generated.toml``) for the same reason: ruff looks for settings
upward from the folder it formats, and the answer must not depend on where that folder is.

Run it with the ``generate`` dependency group installed at the versions ``generator/generate.lock``
pins (``nox -s generate`` does that); with any other version of a locked package it refuses to
run and says so, since another generator or formatter release writes other code.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi.yaml"
CLIENT_CONFIG = REPO / "generator" / "config.yml"
TEMPLATES = REPO / "generator" / "templates"
RUFF_CONFIG = REPO / "generator" / "ruff-generated.toml"
LOCK = REPO / "generator" / "generate.lock"
PYPROJECT = REPO / "pyproject.toml"
# The programs regenerate.py runs: these must be installed, not only match when present.
TOOLS = ("datamodel-code-generator", "openapi-python-client", "ruff")

# Status enums carry their lifecycle in this extension; it becomes opentasks_api/lifecycles.py.
LIFECYCLE_KEY = "x-lifecycle"
LIFECYCLE_MODULE = "lifecycles.py"
# The keys of an x-lifecycle; `task-status` maps a run's statuses to those its task follows to.
TASK_STATUS_KEY = "task-status"
LIFECYCLE_KEYS = ("initial", "transitions", "terminal", TASK_STATUS_KEY)

BANNER = "# generated from openapi.yaml by generator/regenerate.py — do not edit"
CLIENT_PACKAGE = "opentasks_api"
SCHEMA_PACKAGE = "opentasks_schema"
PACKAGES = (CLIENT_PACKAGE, SCHEMA_PACKAGE)

# Every datamodel-code-generator option lives here and nowhere else. Without --disable-timestamp
# the output would change on every run; --ignore-pyproject keeps a [tool.datamodel-codegen] table
# in some pyproject.toml above the scratch folder from changing it.
DATAMODEL_CODEGEN_OPTIONS = (
    "--ignore-pyproject",
    "--input-file-type=openapi",
    "--output-model-type=pydantic_v2.BaseModel",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--target-python-version=3.11",
    "--use-specialized-enum",
    "--capitalise-enum-members",
    "--use-schema-description",
    "--disable-timestamp",
    "--use-double-quotes",
    "--formatters",
    "ruff-check",
    "ruff-format",
)

# Left behind by imports and tools; never part of the golden record.
IGNORED_NAMES = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})
ENCODING = "utf-8"


class GenerationError(RuntimeError):
    """A generator failed or a tool it needs is missing."""


def normalize(name: str) -> str:
    """Return a distribution name in its normalized form (PEP 503), as the lock file compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock: Path | None = None) -> dict[str, str]:
    """Read the ``name==version`` pins of the lock file, by normalized name.

    Args:
        lock: The lock file; `None` reads ``generator/generate.lock``.

    Raises:
        GenerationError: The lock file is missing or holds a line that is not an exact pin.
    """
    lock = LOCK if lock is None else lock
    if not lock.is_file():
        msg = f"{lock} is missing; write it with `python -m nox -s generate_lock`"
        raise GenerationError(msg)
    pins: dict[str, str] = {}
    for number, raw in enumerate(lock.read_text(encoding=ENCODING).splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep or not name.strip() or not version.strip():
            msg = f"{lock.name}:{number}: expected an exact pin `name==version`, got {raw!r}"
            raise GenerationError(msg)
        pins[normalize(name.strip())] = version.strip()
    return pins


def version_mismatches(pins: dict[str, str]) -> list[str]:
    """Compare the running environment with the lock's pins.

    Args:
        pins: The locked versions, by normalized name.

    Returns:
        One line per locked package installed at another version, and per generator tool that
        is not installed at all. Empty when the environment matches the lock.
    """
    problems = []
    for name, want in sorted(pins.items()):
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            if name in TOOLS:
                problems.append(f"{name} is not installed ({LOCK.name} pins {want})")
            continue
        if have != want:
            problems.append(f"{name} {have} is installed, {LOCK.name} pins {want}")
    return problems


def stale_pins(pins: dict[str, str], pyproject: Path = PYPROJECT) -> list[str]:
    """Compare the exact pins of pyproject.toml's `generate` group with the lock's.

    Args:
        pins: The locked versions, by normalized name.
        pyproject: The pyproject.toml that holds the group.

    Returns:
        One line per pin of the group that the lock does not hold at the same version; none
        when there is no pyproject.toml (a copy of generator/ and the spec alone).
    """
    if not pyproject.is_file():
        return []
    groups = tomllib.loads(pyproject.read_text(encoding=ENCODING))["dependency-groups"]
    problems = []
    for requirement in groups["generate"]:
        name, sep, version = str(requirement).partition("==")
        if sep and pins.get(normalize(name)) != version:
            problems.append(
                f"pyproject.toml pins {name}=={version}, {LOCK.name} has "
                f"{pins.get(normalize(name), 'no pin')}: run `python -m nox -s generate_lock`"
            )
    return problems


def check_tool_versions() -> None:
    """Refuse to generate with other versions than the lock's.

    Raises:
        GenerationError: The lock disagrees with pyproject.toml, a locked package has another
            version, or a generator is missing.
    """
    pins = locked_versions()
    problems = stale_pins(pins) or version_mismatches(pins)
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        msg = (
            f"the environment of {sys.executable} does not match generator/{LOCK.name}:\n"
            f"{lines}\n"
            "Run `python -m nox -s generate` (it installs the locked versions), or install them "
            f"here with `pip install -c generator/{LOCK.name} <the generate group of "
            "pyproject.toml>`. To move to new versions, change the group's pins and run "
            "`python -m nox -s generate_lock`."
        )
        raise GenerationError(msg)


def venv_bin() -> Path:
    """Return the folder holding the executables of the running interpreter's environment.

    ``sys.executable`` is deliberately not resolved: in a virtual environment it is a symlink to
    the base interpreter, and the tools live next to the link, not next to its target.
    """
    return Path(sys.executable).parent


def tool(name: str) -> Path:
    """Return the path of the executable ``name`` in the running interpreter's environment.

    Raises:
        GenerationError: The environment does not have it.
    """
    path = venv_bin() / name
    if not path.is_file():
        msg = (
            f"{name} is not installed next to {sys.executable}; install the `generate` "
            "dependency group into this environment (or run `nox -s generate`)"
        )
        raise GenerationError(msg)
    return path


def tool_env() -> dict[str, str]:
    """Return the environment for the generators' subprocesses.

    The environment's bin folder goes first on ``PATH`` because openapi-python-client's
    post-hooks call plain ``ruff``. A fixed hash seed removes one source of run-to-run variation.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(venv_bin()), env.get("PATH", "")])
    env["PYTHONHASHSEED"] = "0"
    env["RUFF_NO_CACHE"] = "true"
    return env


def run(command: Sequence[str | Path], *, cwd: Path) -> None:
    """Run one generator command, showing its output only when it fails.

    Raises:
        GenerationError: The command exited with a non-zero status.
    """
    args = [str(part) for part in command]
    result = subprocess.run(
        args,
        cwd=cwd,
        env=tool_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        msg = (
            f"command failed with exit status {result.returncode}: {' '.join(args)}\n"
            f"{result.stdout}{result.stderr}"
        )
        raise GenerationError(msg)


def generate_client(scratch: Path) -> Path:
    """Generate the openapi-python-client package into ``scratch/generated``.

    Returns:
        The generated package folder.
    """
    package = scratch / "generated" / CLIENT_PACKAGE
    command: list[str | Path] = [
        tool("openapi-python-client"),
        "generate",
        "--path",
        SPEC,
        "--meta",
        "none",
        "--config",
        CLIENT_CONFIG,
        "--output-path",
        package,
        "--overwrite",
        "--fail-on-warning",
    ]
    if TEMPLATES.is_dir():
        command += ["--custom-template-path", TEMPLATES]
    run(command, cwd=scratch)
    return package


def generate_schema(scratch: Path) -> Path:
    """Generate the datamodel-code-generator package into ``scratch/generated``.

    The models go into one module, the package's ``__init__.py``.

    Returns:
        The generated package folder.
    """
    package = scratch / "generated" / SCHEMA_PACKAGE
    package.mkdir(parents=True)
    # The spec is read through a relative name so the file header names "openapi.yaml" and not
    # the absolute path of this checkout.
    shutil.copyfile(SPEC, scratch / SPEC.name)
    run(
        [
            tool("datamodel-codegen"),
            "--input",
            SPEC.name,
            "--output",
            package / "__init__.py",
            *DATAMODEL_CODEGEN_OPTIONS,
        ],
        cwd=scratch,
    )
    return package


def format_packages(packages: Sequence[Path], *, cwd: Path) -> None:
    """Sort imports and format once more, with the generated-code ruff settings named explicitly."""
    ruff = tool("ruff")
    config = ["--config", RUFF_CONFIG, "--no-cache"]
    run([ruff, "check", *config, "--fix-only", "--exit-zero", "--quiet", *packages], cwd=cwd)
    run([ruff, "format", *config, "--quiet", *packages], cwd=cwd)


def stamp(package: Path) -> None:
    """Put the banner on the first line of every module in ``package`` and mark it typed.

    Stamping a stamped file leaves it as it is.
    """
    for module in sorted(package.rglob("*.py")):
        text = module.read_text(encoding=ENCODING)
        if text.split("\n", 1)[0] != BANNER:
            module.write_text(f"{BANNER}\n{text}", encoding=ENCODING, newline="\n")
    (package / "py.typed").write_text("", encoding=ENCODING)


def lifecycle_problems(
    name: str, members: Sequence[str], lifecycle: Mapping[str, Any]
) -> list[str]:
    """Check one enum's ``x-lifecycle`` against its members.

    Args:
        name: The enum schema's name.
        members: The enum's values.
        lifecycle: The extension: ``initial`` and ``terminal`` lists, ``transitions`` mapping
            each status to the statuses it may move to.

    Returns:
        One line per problem, naming the status and the fix; empty when it is consistent.
    """
    where = f"{name} (x-lifecycle in openapi.yaml)"
    problems = [
        f"{where}: unknown key '{key}'; the keys are {', '.join(LIFECYCLE_KEYS)}"
        for key in sorted(set(lifecycle) - set(LIFECYCLE_KEYS))
    ]
    initial = list(lifecycle.get("initial", []))
    terminal = list(lifecycle.get("terminal", []))
    transitions: Mapping[str, Sequence[str]] = lifecycle.get("transitions", {})
    named = [*initial, *terminal, *transitions, *(t for ts in transitions.values() for t in ts)]
    named += list(lifecycle.get(TASK_STATUS_KEY, {}))
    problems += [
        f"{where}: '{status}' is not a member of the enum"
        for status in sorted(set(named) - set(members))
    ]
    reachable = set(initial).union(*(set(targets) for targets in transitions.values()))
    for status in members:
        if status not in reachable:
            problems.append(
                f"{where}: '{status}' cannot be reached: list it in `initial`, or as a target "
                "in `transitions`"
            )
        if status in terminal and transitions.get(status):
            problems.append(f"{where}: '{status}' is terminal but has transitions out of it")
        if status not in terminal and not transitions.get(status):
            problems.append(
                f"{where}: '{status}' has no transition out of it: add its moves to "
                "`transitions`, or list it in `terminal`"
            )
    return problems


def constant_prefix(name: str) -> str:
    """Return the constant prefix of a schema name: ``TaskStatus`` gives ``TASK_STATUS``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def frozenset_source(values: Iterable[str]) -> str:
    """Return the source of a frozenset of strings, sorted, so the output is deterministic."""
    items = ", ".join(json.dumps(value) for value in sorted(set(values)))
    return f"frozenset({{{items}}})" if items else "frozenset()"


def task_status_source(name: str, prefix: str, moves: Mapping[str, str]) -> str:
    """Return the mapping of the statuses of `name` to the task statuses they move a task to."""
    items = "".join(f"    {json.dumps(k)}: {json.dumps(v)},\n" for k, v in sorted(moves.items()))
    return (
        f"{prefix}_TASK_STATUS: Mapping[str, str] = {{\n{items}}}\n"
        f'"""The `TaskStatus` a task moves to when its latest execution reaches each `{name}`\n'
        'value; a value not listed leaves the task where it is."""\n'
    )


def lifecycles_source(spec: Mapping[str, Any]) -> str:
    """Return the module of the spec's status lifecycles (the ``x-lifecycle`` extensions).

    Args:
        spec: The parsed openapi.yaml.

    Returns:
        The Python source of ``opentasks_api/lifecycles.py``.

    Raises:
        GenerationError: A lifecycle does not agree with its enum; every problem is named.
    """
    schemas: Mapping[str, Any] = spec["components"]["schemas"]
    names, body, problems = [], [], []
    for name, schema in sorted(schemas.items()):
        lifecycle = schema.get(LIFECYCLE_KEY)
        if lifecycle is None:
            continue
        problems += lifecycle_problems(name, schema.get("enum", []), lifecycle)
        task_statuses = schemas.get("TaskStatus", {}).get("enum", [])
        problems += [
            f"{name} (x-lifecycle in openapi.yaml): `{TASK_STATUS_KEY}` maps '{status}' to "
            f"'{target}', which is not a TaskStatus"
            for status, target in sorted(lifecycle.get(TASK_STATUS_KEY, {}).items())
            if target not in task_statuses
        ]
        prefix = constant_prefix(name)
        names += [f"{prefix}_INITIAL", f"{prefix}_TERMINAL", f"{prefix}_TRANSITIONS"]
        moves = "".join(
            f"    {json.dumps(status)}: {frozenset_source(targets)},\n"
            for status, targets in sorted(lifecycle.get("transitions", {}).items())
        )
        body.append(
            f"{prefix}_INITIAL: frozenset[str] = "
            f"{frozenset_source(lifecycle.get('initial', []))}\n"
            f'"""The `{name}` values a resource may be created in."""\n'
            f"{prefix}_TRANSITIONS: Mapping[str, frozenset[str]] = {{\n{moves}}}\n"
            f'"""The moves allowed from each `{name}` value; a value not listed has none."""\n'
            f"{prefix}_TERMINAL: frozenset[str] = "
            f"{frozenset_source(lifecycle.get('terminal', []))}\n"
            f'"""The final `{name}` values: nothing moves out of them."""\n'
        )
        if TASK_STATUS_KEY in lifecycle:
            names.append(f"{prefix}_TASK_STATUS")
            body[-1] += task_status_source(name, prefix, lifecycle[TASK_STATUS_KEY])
    if problems:
        raise GenerationError("\n".join(problems))
    exported = "".join(f'    "{name}",\n' for name in sorted(names))
    return (
        '"""The status lifecycles of the API, from the `x-lifecycle` extensions of openapi.yaml.\n\n'
        "The server checks every status change against them, and the SDK tells a finished resource\n"
        'by them, so a status added to the spec reaches both with no hand-kept copy to update.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "from collections.abc import Mapping\n\n"
        f"__all__ = [\n{exported}]\n\n" + "\n".join(body)
    )


def generate_into(root: Path) -> None:
    """Generate both packages and replace ``root/generated/<package>`` with them."""
    with tempfile.TemporaryDirectory(prefix="opentasks-generate-") as tmp:
        scratch = Path(tmp)
        shutil.copyfile(RUFF_CONFIG, scratch / "ruff.toml")
        packages = [generate_client(scratch), generate_schema(scratch)]
        # PyYAML comes with datamodel-code-generator; imported here, after the version check.
        import yaml

        lifecycles = lifecycles_source(yaml.safe_load(SPEC.read_text(encoding=ENCODING)))
        (packages[0] / LIFECYCLE_MODULE).write_text(lifecycles, encoding=ENCODING, newline="\n")
        # generator/ is a folder of scripts, not a package, and this one is also imported by its
        # path (tests/spec): the fields writer is loaded by its path too.
        fields = runpy.run_path(str(Path(__file__).with_name("request_fields.py")))
        fields["write_request_fields"](packages[0], SPEC)
        format_packages(packages, cwd=scratch)
        for package in packages:
            stamp(package)
        for package in packages:
            target = root / "generated" / package.name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(package, target, ignore=shutil.ignore_patterns(*IGNORED_NAMES))


def tree_files(root: Path) -> dict[str, Path]:
    """Map the relative path of every file under ``root`` to its absolute path."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file()
        and not IGNORED_NAMES.intersection(path.relative_to(root).parts)
        and path.suffix != ".pyc"
    }


def compare(expected_root: Path, actual_root: Path) -> list[str]:
    """Compare two ``generated/`` trees file by file.

    Args:
        expected_root: The freshly generated tree.
        actual_root: The tree on disk that should equal it.

    Returns:
        The report lines: a unified diff per changed file, one line per missing or extra file.
        Empty when the trees are identical.
    """
    expected = tree_files(expected_root)
    actual = tree_files(actual_root)
    report = [
        f"missing: generated/{name} (the spec produces it; it is not on disk)\n"
        for name in sorted(expected.keys() - actual.keys())
    ]
    report += [
        f"extra:   generated/{name} (on disk; the spec does not produce it)\n"
        for name in sorted(actual.keys() - expected.keys())
    ]
    for name in sorted(expected.keys() & actual.keys()):
        want = expected[name].read_bytes()
        have = actual[name].read_bytes()
        if want == have:
            continue
        report.append(f"changed: generated/{name}\n")
        report.extend(
            difflib.unified_diff(
                have.decode(ENCODING, errors="replace").splitlines(keepends=True),
                want.decode(ENCODING, errors="replace").splitlines(keepends=True),
                fromfile=f"generated/{name} (on disk)",
                tofile=f"generated/{name} (from openapi.yaml)",
            )
        )
    return report


def check(root: Path) -> int:
    """Regenerate into a temporary folder and diff it against ``root/generated``.

    Returns:
        0 when they are identical, 1 otherwise.
    """
    with tempfile.TemporaryDirectory(prefix="opentasks-check-") as tmp:
        fresh = Path(tmp)
        generate_into(fresh)
        report = compare(fresh / "generated", root / "generated")
    if not report:
        print(f"generated/ is up to date with {SPEC.name}")
        return 0
    for line in report:
        sys.stdout.write(line if line.endswith("\n") else f"{line}\n")
    changes = sum(1 for line in report if line.startswith(("missing:", "extra:", "changed:")))
    print(
        f"\ngenerated/ is out of date with {SPEC.name}: {changes} file(s) differ. "
        "Run `nox -s generate` (or `python generator/regenerate.py`) and commit the result."
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments, without the program name; `None` reads them from `sys.argv`.

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="generate into a temporary folder and fail if generated/ differs from it",
    )
    parser.add_argument(
        "--output-root",
        type=Path,
        default=REPO,
        metavar="DIR",
        help="the folder holding generated/ (default: this checkout)",
    )
    args = parser.parse_args(argv)
    root: Path = args.output_root.resolve()
    try:
        check_tool_versions()
        if args.check:
            return check(root)
        generate_into(root)
    except GenerationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"generated {', '.join(PACKAGES)} into {root / 'generated'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
