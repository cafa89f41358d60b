"""Generate the SDK's sync code from its async source, or check that it is up to date.

Usage::

    python generator/unasync.py            # rewrite every `_sync/` folder from its `_async/` twin
    python generator/unasync.py --check    # exit 1 if one is stale or hand-edited

The async code is the only hand-written source of each pair of folders in ``FOLDERS``; the sync
code is the same code with the substitutions of ``SUBSTITUTIONS`` applied line by line (the model
of httpcore's ``scripts/unasync.py``), a do-not-edit banner on top, imports sorted and formatted
by the project's own ruff settings. Every substitution is a literal token matched on word
boundaries, and the names of methods are listed one by one: a blind rule such as "drop a leading
`a`" would turn `agent_id` into `gent_id`. ``--check`` also fails when a substitution is no longer
used anywhere, so the list never keeps a rule that nothing needs.

Run it with ruff installed in the running interpreter's environment (``nox -s generate`` and
``nox -s generate_check`` do that).
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = (
    (REPO / "overlay" / "opentasks" / "_async", REPO / "overlay" / "opentasks" / "_sync"),
    (REPO / "tests" / "sdk" / "_async", REPO / "tests" / "sdk" / "_sync"),
)
FIX_COMMAND = "python -m nox -s generate"
BANNER = "# generated from {source} by generator/unasync.py — do not edit; run `{command}`"

# (async, sync) pairs, applied in this order to every line.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    # Syntax.
    ("async def", "def"),
    ("async with", "with"),
    ("async for", "for"),
    ("await ", ""),
    # The generated async modules (`_async/_generated/`) import the hand-written ones by name.
    ("opentasks._async.", "opentasks._sync."),
    # Types and the standard library.
    ("AsyncIterator", "Iterator"),
    ("AsyncGenerator", "Generator"),
    ("AbstractAsyncContextManager", "AbstractContextManager"),
    ("Callable[[str | None], Awaitable[Page[T]]]", "Callable[[str | None], Page[T]]"),
    ("Callable[..., Awaitable[Response[T]]]", "Callable[..., Response[T]]"),
    ("Callable[..., Awaitable[Response[Any]]]", "Callable[..., Response[Any]]"),
    ("Callable[[], Awaitable[bool]]", "Callable[[], bool]"),
    ("Callable[[], Awaitable[httpx.Response]]", "Callable[[], httpx.Response]"),
    ("Callable[[float], Awaitable[object]]", "Callable[[float], None]"),
    ("Callable[P, Awaitable[T]]", "Callable[P, T]"),
    ("Callable[P, Awaitable[RawResponse[T]]]", "Callable[P, RawResponse[T]]"),
    ("__aenter__", "__enter__"),
    ("__aexit__", "__exit__"),
    ("__aiter__", "__iter__"),
    ("__anext__", "__next__"),
    ("anext", "next"),
    ("aiter", "iter"),
    ("anyio", "time"),
    # httpx and httpx-sse.
    ("httpx.AsyncClient", "httpx.Client"),
    ("httpx.AsyncBaseTransport", "httpx.BaseTransport"),
    ("httpx.AsyncHTTPTransport", "httpx.HTTPTransport"),
    ("handle_async_request", "handle_request"),
    ("asyncio_detailed", "sync_detailed"),
    ("asyncio", "sync"),
    ("async_transport", "transport"),
    ("get_async_httpx_client", "get_httpx_client"),
    ("aconnect_sse", "connect_sse"),
    ("aiter_bytes", "iter_bytes"),
    ("aread", "read"),
    ("aclose", "close"),
    ("aclosing", "closing"),
    # The default transports, beneath the httpx clients of `_http.py`.
    ("opentasks._aiohttp", "opentasks._stdlib_transport"),
    ("AsyncDefaultTransport", "SyncDefaultTransport"),
    # The SDK's classes.
    ("_AsyncClient", "_SyncClient"),
    ("AsyncClientCalls", "SyncClientCalls"),
    ("AsyncClientOperations", "SyncClientOperations"),
    ("AsyncEventStream", "EventStream"),
    ("AsyncExecutionOperations", "SyncExecutionOperations"),
    ("AsyncExecutionsOperations", "SyncExecutionsOperations"),
    ("AsyncPager", "SyncPager"),
    ("AsyncRetryTransport", "RetryTransport"),
    ("AsyncSession", "SyncSession"),
    ("AsyncSessionOperations", "SyncSessionOperations"),
    ("AsyncSessionsOperations", "SyncSessionsOperations"),
    ("AsyncTask", "SyncTask"),
    ("AsyncTaskExecutionsOperations", "SyncTaskExecutionsOperations"),
    ("AsyncTaskOperations", "SyncTaskOperations"),
    ("AsyncTasksOperations", "SyncTasksOperations"),
    ("AsyncTestOperations", "SyncTestOperations"),
    ("AsyncTestsOperations", "SyncTestsOperations"),
    # The SDK's functions and methods, one by one.
    ("_aon_request", "_on_request"),
    ("_aon_response", "_on_response"),
    ("adopt_async_client", "adopt_sync_client"),
    ("build_async_client", "build_sync_client"),
    ("apaginate", "paginate"),
    ("astream", "stream"),
    ("arequest", "request"),
    ("acompare", "compare"),
    ("acomparisons", "comparisons"),
    ("acreate", "create"),
    ("acreate_test", "create_test"),
    ("adelete", "delete"),
    ("aevents", "events"),
    ("aflag", "flag"),
    ("aget", "get"),
    ("alist", "list"),
    ("apublish", "publish"),
    ("araw", "raw"),
    ("arefresh", "refresh"),
    ("asave", "save"),
    ("aset_flag", "set_flag"),
    ("aset_status", "set_status"),
    ("astart", "start"),
    ("astop", "stop"),
    ("atasks", "tasks"),
    ("aupdate", "update"),
    ("aupdate_test", "update_test"),
    # The tests' fixtures and helpers.
    ("aclient", "client"),
    ("abackground", "background"),
    ("acollect", "collect"),
    ("await_until", "wait_until"),
    ("awork", "work"),
)


def _pattern(token: str) -> re.Pattern[str]:
    """Match `token` literally, on word boundaries where it starts or ends with a word character."""
    start = r"(?<![\w])" if re.match(r"\w", token) else ""
    end = r"(?![\w])" if re.search(r"\w$", token) else ""
    return re.compile(start + re.escape(token) + end)


COMPILED = tuple((_pattern(old), new) for old, new in SUBSTITUTIONS)


class UnasyncError(RuntimeError):
    """The sync code is out of date, or the substitutions no longer fit the source."""


def unasync_text(text: str, used: set[int]) -> str:
    """Apply every substitution to every line of `text`, recording which ones matched."""
    lines = []
    for line in text.splitlines(keepends=True):
        for index, (pattern, new) in enumerate(COMPILED):
            line, count = pattern.subn(new, line)
            if count:
                used.add(index)
        lines.append(line)
    return "".join(lines)


def ruff(args: list[str], text: str, filename: Path) -> str:
    """Run ruff on `text` as if it were the file `filename`, with the project's settings."""
    ruff_bin = Path(sys.executable).parent / "ruff"
    command = [str(ruff_bin) if ruff_bin.is_file() else "ruff", *args]
    result = subprocess.run(
        [*command, "--no-cache", "--stdin-filename", str(filename), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if result.returncode != 0:
        msg = f"ruff {' '.join(args)} failed on {filename}:\n{result.stderr}"
        raise UnasyncError(msg)
    return result.stdout


def sync_source(source: Path, target: Path, used: set[int]) -> str:
    """Return what the generated sync twin of the async file `source` must contain."""
    text = unasync_text(source.read_text(encoding="utf-8"), used)
    banner = BANNER.format(source=source.relative_to(REPO).as_posix(), command=FIX_COMMAND)
    text = f"{banner}\n\n{text}"
    # Renamed types move in the sorted imports; some async-only imports fall out of use, and
    # `anyio` becomes `time`, which the module may import already.
    text = ruff(["check", "--fix-only", "--exit-zero", "--select", "I,F401,F811"], text, target)
    return ruff(["format"], text, target)


def expected_files() -> tuple[dict[Path, str], set[int]]:
    """Return every generated file with its content, and the substitutions that were used."""
    used: set[int] = set()
    files: dict[Path, str] = {}
    for source_dir, target_dir in FOLDERS:
        if not source_dir.is_dir():
            continue
        for source in sorted(source_dir.rglob("*.py")):
            target = target_dir / source.relative_to(source_dir)
            files[target] = sync_source(source, target, used)
    return files, used


def unused_substitutions(used: set[int]) -> list[tuple[str, str]]:
    """Return the substitutions that matched nothing."""
    return [sub for index, sub in enumerate(SUBSTITUTIONS) if index not in used]


def stale_files(files: dict[Path, str]) -> list[str]:
    """Describe every generated file that differs from what the async source gives."""
    problems = []
    for target, content in files.items():
        name = target.relative_to(REPO).as_posix()
        if not target.is_file():
            problems.append(f"{name} is missing")
            continue
        current = target.read_text(encoding="utf-8")
        if current != content:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                content.splitlines(keepends=True),
                f"{name} (committed)",
                f"{name} (from the async source)",
                n=1,
            )
            problems.append(f"{name} differs from its async source:\n{''.join(list(diff)[:40])}")
    for _, target_dir in FOLDERS:
        if target_dir.is_dir():
            problems.extend(
                f"{path.relative_to(REPO).as_posix()} has no async source"
                for path in sorted(target_dir.rglob("*.py"))
                if path not in files
            )
    return problems


def write(files: dict[Path, str]) -> None:
    """Write the generated files, removing generated files whose source is gone."""
    for _, target_dir in FOLDERS:
        if target_dir.is_dir():
            for path in target_dir.rglob("*.py"):
                if path not in files:
                    path.unlink()
    for target, content in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Generate or check the sync code; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the sync code is not what the source gives"
    )
    args = parser.parse_args(argv)
    try:
        files, used = expected_files()
    except UnasyncError as error:
        print(error, file=sys.stderr)
        return 1
    unused = unused_substitutions(used)
    if unused:
        listed = "\n".join(f"  {old!r} -> {new!r}" for old, new in unused)
        print(f"generator/unasync.py: substitutions that match nothing:\n{listed}", file=sys.stderr)
        return 1
    if not args.check:
        write(files)
        return 0
    problems = stale_files(files)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            "The sync code is generated from the async code and must not be edited by hand: "
            f"edit the `_async/` source and run `{FIX_COMMAND}` (or `python generator/unasync.py`).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
