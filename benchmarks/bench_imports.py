"""4. Import time: `import opentasks` vs `import httpx`, each in a fresh interpreter.

Each sample is one new interpreter timing its own import with `time.perf_counter()` around the
`import` statement, so interpreter start-up is left out and only the import counts (the issue's
"`import httpx` ≈ 54 ms over a bare interpreter"). Interpreters alternate between the modules.
The target compares the best (minimum) of each, as import-time comparisons usually do: the
minimum is the run least disturbed by the rest of the machine. `import opentasks`
loads its public names on first use, so `from opentasks import Client`, what a program pays
before its first call, is measured beside it. A `-X importtime` run of that import shows which
modules the time goes to. The SDK's bytecode is compiled first, as `pip install` does.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING

from benchmarks.results import Check, Measurement, Section
from benchmarks.stats import Target, collect, interleave, summarize

if TYPE_CHECKING:
    from benchmarks.harness import Context

__all__ = ["parse_importtime", "run"]

# `import opentasks` loads its names on first use, so what a program pays when it builds a
# client is measured too: the import of `Client` and what that brings in.
_STATEMENTS = {
    "opentasks": "import opentasks",
    "client": "from opentasks import Client",
    "httpx": "import httpx",
}
_SNIPPET = "import time; t = time.perf_counter(); {0}; print(time.perf_counter() - t)"
_PACKAGES = ("opentasks", "opentasks_api", "opentasks_schema")
_TOP = 12


def _compile_bytecode() -> None:
    """Write the SDK's bytecode, as `pip install` does for an installed package.

    An editable install (or `PYTHONDONTWRITEBYTECODE`) leaves none, and every timed interpreter
    would compile the SDK from source while httpx's bytecode is ready.
    """
    folders = []
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            folders.extend(spec.submodule_search_locations)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True)


def _time_import(key: str, cwd: str) -> float:
    # The working directory is an empty folder, so nothing there can shadow the installed package.
    output = subprocess.run(
        [sys.executable, "-c", _SNIPPET.format(_STATEMENTS[key])],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    ).stdout
    return float(output.strip()) * 1000


def parse_importtime(stderr: str) -> list[tuple[str, int, int, int]]:
    """Parse `python -X importtime` output.

    Args:
        stderr: The interpreter's standard error.

    Returns:
        `(module, depth, self µs, cumulative µs)` per imported module, in output order; depth 0
        is a module imported by the `-c` code itself.
    """
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|", 2)
        indent = len(name) - len(name.lstrip(" "))
        rows.append((name.strip(), max(0, (indent - 1) // 2), int(own), int(cumulative)))
    return rows


def _importtime(statement: str, cwd: str) -> list[tuple[str, int, int, int]]:
    environment = dict(os.environ)
    environment.pop("PYTHONPROFILEIMPORTTIME", None)
    stderr = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env=environment,
    ).stderr
    return parse_importtime(stderr)


def _breakdown(cwd: str) -> str:
    rows = _importtime(_STATEMENTS["client"], cwd)
    # What `from opentasks import Client` loads beyond what `import httpx` loads is what the
    # SDK adds.
    beneath = {name for name, *_ in _importtime(_STATEMENTS["httpx"], cwd)}
    extra = [row for row in rows if row[0] not in beneath]
    by_package: dict[str, int] = {}
    for name, _depth, own, _cumulative in extra:
        package = name.split(".", 1)[0]
        by_package[package] = by_package.get(package, 0) + own
    generated = [name for name, *_ in rows if name.startswith("opentasks_api.")]
    packages = sorted(by_package.items(), key=lambda item: item[1], reverse=True)[:_TOP]
    lines = [
        f"`python -X importtime -c '{_STATEMENTS['client']}'`: {len(rows)} modules imported, "
        f"{len(extra)} of them beyond those `import httpx` imports, {len(generated)} from the "
        f"generated `opentasks_api`. The extra modules' own import time by top-level package "
        f"(one run, so only roughly comparable with the table; "
        f"{sum(own for *_, own, _cum in extra) / 1000:.1f} ms in all):",
        "",
        "| package | modules | own ms |",
        "|---|---|---|",
    ]
    counts: dict[str, int] = {}
    for name, *_ in extra:
        package = name.split(".", 1)[0]
        counts[package] = counts.get(package, 0) + 1
    lines += [f"| {name} | {counts[name]} | {own / 1000:.1f} |" for name, own in packages]
    return "\n".join(lines)


def run(context: Context) -> Section:
    """Measure the import times.

    Args:
        context: The harness context.

    Returns:
        The section.
    """
    config = context.config
    section = Section(
        key="imports",
        title="4. Import time",
        description=(
            "Each sample is a fresh interpreter (`python -c`) timing only its `import` "
            "statement; interpreters alternate between the two modules. The target compares "
            "the best of each."
        ),
        params={"interpreters per module": config.import_repeats},
    )
    _compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="opentasks-bench-imports-") as cwd:
        samples = collect(
            interleave(list(_STATEMENTS), config.import_repeats, warmup=1),
            lambda key: _time_import(key, cwd),
        )
        breakdown = _breakdown(cwd) if config.profile else ""
    for key, statement in _STATEMENTS.items():
        section.measurements.append(
            Measurement(key, f"`{statement}`", "ms", samples=samples[key], extra={"vs": "httpx"})
        )
    best_httpx = summarize(samples["httpx"]).minimum
    for key, bound in (("opentasks", 1.3), ("client", 1.3), ("client", 1.0)):
        best = summarize(samples[key]).minimum
        section.checks.append(
            Check(
                f"`{_STATEMENTS[key]}` / `import httpx` (best of each)",
                Target("<=", bound),
                best / best_httpx,
                f"best {best:.1f} ms vs {best_httpx:.1f} ms",
            )
        )
    if breakdown:
        section.notes.append(breakdown)
    return section
