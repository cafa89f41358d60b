"""Every Python code block of the docs runs, as written, against a real local server.

The blocks come from every page under docs/ and from the docstrings the API reference renders
(the `opentasks` and `opentasks.testing` modules, their public names and those names' public
members); `codeblocks.py` finds them and explains the markers. The blocks of one page run in
order in one namespace, with `OPENTASKS_API_KEY` and `OPENTASKS_BASE_URL` set to a key of a
project of the page's own on a reference server started for this module, exactly the two
variables the quickstart tells a reader to set. Blocks marked `pytest-file` are written to a
temporary folder and run with pytest, as the reader would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import opentasks
import opentasks.testing
import pytest
from opentasks import Client
from opentasks.testing import LocalServer, serve

from tests.docs.codeblocks import (
    NOT_RUN,
    PYTEST_FILE,
    RUN,
    Block,
    check_file_name,
    docs_pages,
    docstring_pages,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = docs_pages(DOCS)
DOCSTRINGS = docstring_pages(opentasks, opentasks.testing)
EVERY_PAGE = {**PAGES, **DOCSTRINGS}
RUNNABLE = {
    name: blocks
    for name, blocks in EVERY_PAGE.items()
    if any(block.mode != NOT_RUN for block in blocks)
}
# A page's blocks must finish within this; a stream that never ends fails here, not by hanging.
PAGE_TIMEOUT = 120.0
TEST_FUNCTION = re.compile(r"^(?:async )?def test_", re.MULTILINE)


def test_the_docs_show_python_code() -> None:
    """The test below has something to run: the quickstart, the guides and the docstrings."""
    assert any(block.mode == RUN for block in PAGES["quickstart.md"])
    guides = [name for name in PAGES if name.startswith("guides/") and PAGES[name]]
    assert len(guides) >= 8, guides
    assert {"opentasks", "opentasks.testing"} <= set(DOCSTRINGS)


def test_every_block_not_run_says_why() -> None:
    """A block is skipped only with a visible reason, and pytest files are named properly."""
    for blocks in EVERY_PAGE.values():
        for block in blocks:
            if block.mode == NOT_RUN:
                assert block.argument, f"{block.where}: <!-- not-run: ... --> needs a reason"
            if block.mode == PYTEST_FILE:
                check_file_name(block)


@pytest.fixture(scope="module")
def docs_server() -> Iterator[LocalServer]:
    """The server the docs' code talks to."""
    with serve() as server:
        yield server


def _exec_blocks(blocks: list[Block], namespace: dict[str, object]) -> None:
    for block in blocks:
        # Padding keeps line numbers: a traceback points at the line in the Markdown source.
        code = "\n" * (block.line - 1) + block.code
        exec(compile(code, block.source, "exec"), namespace)


def _run_with_timeout(blocks: list[Block], namespace: dict[str, object]) -> None:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            _exec_blocks(blocks, namespace)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread below
            errors.append(error)

    worker = threading.Thread(target=target, name="docs-page", daemon=True)
    worker.start()
    worker.join(PAGE_TIMEOUT)
    if worker.is_alive():
        pytest.fail(f"{blocks[0].source} did not finish within {PAGE_TIMEOUT:.0f} s")
    if errors:
        raise errors[0]


def _run_pytest_files(blocks: list[Block], folder: Path) -> None:
    for block in blocks:
        (folder / block.argument).write_text(block.code, encoding="utf-8")
    # The reader's suite: a plain folder, no configuration, the plugin found by its entry point.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENTASKS_", "PYTEST_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = f"{blocks[0].source}: pytest said\n{result.stdout}{result.stderr}"
    assert result.returncode == 0, report
    # Every test function shown ran and passed: none was skipped or left uncollected. A test may
    # run more than once (anyio's plugin runs an anyio test on every backend installed).
    shown = sum(len(TEST_FUNCTION.findall(block.code)) for block in blocks)
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed is not None, report
    assert int(passed.group(1)) >= shown, report
    for outcome in ("failed", "skipped", "deselected", "error"):
        assert outcome not in result.stdout, report


@pytest.mark.parametrize("page", sorted(RUNNABLE))
def test_page_code_runs(
    page: str, docs_server: LocalServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The page's blocks run in order in one namespace, against a project of the page's own."""
    blocks = RUNNABLE[page]
    monkeypatch.setenv("OPENTASKS_API_KEY", docs_server.new_api_key())
    monkeypatch.setenv("OPENTASKS_BASE_URL", docs_server.base_url)
    monkeypatch.delenv("OPENTASKS_LOG", raising=False)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    try:
        _run_with_timeout([b for b in blocks if b.mode == RUN], namespace)
    finally:
        for value in namespace.values():
            if isinstance(value, Client):
                value.close()
    files = [block for block in blocks if block.mode == PYTEST_FILE]
    if files:
        _run_pytest_files(files, tmp_path)
