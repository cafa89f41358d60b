"""Find the Python code blocks of the docs and of the docstrings the API reference shows.

Pure parsing, no running: `test_code_blocks.py` runs what this finds.

A block is a fenced ```python block. An HTML comment on the line right before its fence (blank
lines between are allowed; the comment renders as nothing on the site) says how it is run:

- no comment: it runs, in order with the other blocks of its page, in one namespace per page;
- `<!-- not-run: REASON -->`: it is not run, and REASON says why (it must not be empty);
- `<!-- pytest-file: NAME.py -->`: it is a file of a pytest suite (a test module, a conftest);
  the page's files are written to a temporary folder and run there with pytest.

Only `python` is accepted as the language of Python code (not `py`, `python3`, `pycon`), so no
Python block can slip past the test under another name.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = [
    "NOT_RUN",
    "PYTEST_FILE",
    "RUN",
    "Block",
    "DocsError",
    "check_file_name",
    "docs_pages",
    "docstring_pages",
    "parse",
]

RUN = "run"
PYTEST_FILE = "pytest-file"
NOT_RUN = "not-run"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_MARKER = re.compile(r"^\s*<!--\s*(?P<kind>not-run|pytest-file)\b\s*:?(?P<arg>.*?)-->\s*$")
_OTHER_PYTHON_NAMES = {"py", "python3", "pycon", "ipython", "py3"}
_FILE_NAME = re.compile(r"^(test_\w+|conftest)\.py$")


class DocsError(Exception):
    """A page breaks the conventions above (a marker without a reason, a `py` fence, ...)."""


@dataclass(frozen=True)
class Block:
    """One ```python block.

    Attributes:
        source: Where it is: a docs page's path, or the docstring's dotted name.
        line: The line of its first code line within `source` (1-based).
        code: The code, dedented to the fence's indentation.
        mode: `RUN`, `PYTEST_FILE` or `NOT_RUN`.
        argument: The marker's argument: the reason (not-run) or the file name (pytest-file).
    """

    source: str
    line: int
    code: str
    mode: str
    argument: str = ""

    @property
    def where(self) -> str:
        """`source:line`, for messages and tracebacks."""
        return f"{self.source}:{self.line}"


def _marker(lines: list[str], fence_index: int, source: str) -> tuple[str, str, int | None]:
    """Return the mode and argument given by the comment before a fence, and its index."""
    index = fence_index - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return RUN, "", None
    match = _MARKER.match(lines[index])
    if match is None:
        return RUN, "", None
    return match.group("kind"), match.group("arg").strip(), index


def _dedent(line: str, indent: int) -> str:
    return line[indent:] if not line[:indent].strip() else line


def parse(text: str, source: str) -> list[Block]:
    """Return the ```python blocks of a Markdown text, with how each is to be run.

    Args:
        text: The Markdown (a page, or a docstring rendered as Markdown).
        source: Its name, for messages.

    Returns:
        The blocks, in order.

    Raises:
        DocsError: A fence names Python by another name, a fence is not closed, or a marker
            is not followed by a ```python block.
    """
    lines = text.splitlines()
    blocks: list[Block] = []
    used_markers: set[int] = set()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening.group("fence"), len(opening.group("indent"))
        language = (opening.group("info").split() or [""])[0].lower()
        end = index + 1
        while end < len(lines) and not re.fullmatch(
            rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*", lines[end]
        ):
            end += 1
        if end == len(lines):
            msg = f"{source}:{index + 1}: the code fence is never closed"
            raise DocsError(msg)
        if language in _OTHER_PYTHON_NAMES:
            msg = f"{source}:{index + 1}: write ```python, not ```{language}, so the block is run"
            raise DocsError(msg)
        if language == "python":
            mode, argument, marker_index = _marker(lines, index, source)
            if marker_index is not None:
                used_markers.add(marker_index)
            # Inside a list item the fence is indented; so is the code, by the same amount.
            body = [_dedent(line, indent) for line in lines[index + 1 : end]]
            blocks.append(Block(source, index + 2, "\n".join(body) + "\n", mode, argument))
        index = end + 1
    for number, line in enumerate(lines):
        if _MARKER.match(line) and number not in used_markers:
            msg = f"{source}:{number + 1}: a marker must come right before a ```python block"
            raise DocsError(msg)
    return blocks


def docs_pages(docs: Path) -> dict[str, list[Block]]:
    """Return the blocks of every Markdown page under `docs`, by the page's relative path."""
    pages: dict[str, list[Block]] = {}
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        pages[name] = parse(path.read_text(encoding="utf-8"), f"docs/{name}")
    return pages


def _documented(module: ModuleType) -> dict[str, str]:
    """Return the docstrings of a module, its public names and their public members."""
    docs = {module.__name__: inspect.getdoc(module) or ""}
    for name in getattr(module, "__all__", []):
        obj = getattr(module, name)
        # The reference shows the generated models' docstrings too, but they never hold code.
        if not getattr(obj, "__module__", "").startswith("opentasks."):
            continue
        docs[f"{module.__name__}.{name}"] = inspect.getdoc(obj) or ""
        if inspect.isclass(obj):
            for member_name, member in vars(obj).items():
                if not member_name.startswith("_"):
                    doc = inspect.getdoc(member) or ""
                    docs[f"{module.__name__}.{name}.{member_name}"] = doc
    return docs


def docstring_pages(*modules: ModuleType) -> dict[str, list[Block]]:
    """Return the blocks of the docstrings of `modules`, by dotted name, leaving out those without.

    Each docstring is a page of its own: its blocks share one namespace.
    """
    pages: dict[str, list[Block]] = {}
    for module in modules:
        for name, doc in _documented(module).items():
            blocks = parse(doc, name)
            if blocks:
                pages[name] = blocks
    return pages


def check_file_name(block: Block) -> None:
    """Check that a pytest-file block names a test module or a conftest.

    Raises:
        DocsError: It does not.
    """
    if not _FILE_NAME.match(block.argument):
        msg = f"{block.where}: pytest-file needs a name like test_agent.py or conftest.py"
        raise DocsError(msg)
