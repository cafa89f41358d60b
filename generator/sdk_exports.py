"""Write `__all__` of `opentasks/__init__.py` and the package's lazy-load table from its imports.

The package's public names are listed once, as the imports of its `if typing.TYPE_CHECKING:`
block (what type checkers and the API reference read). From them this writes `__all__` (those
names and the package's own top-level ones, such as `__version__`) into `__init__.py`, and each
name's module, which `__getattr__` imports on first use, into `_generated/_exports.py`, so the
three cannot disagree. `__all__` stays in `__init__.py`: mypy and griffe (the API reference)
read a module's `__all__` only from a list written there, not from one imported.
`generator/sdk_methods.py` runs this with the namespace methods, and its `--check` compares.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "overlay" / "opentasks"
INIT = PACKAGE_DIR / "__init__.py"
TABLE = PACKAGE_DIR / "_generated" / "_exports.py"
PACKAGE = "opentasks"
TABLE_HEADER = '''\
# generated from overlay/opentasks/__init__.py by generator/sdk_exports.py — do not edit; run `python -m nox -s generate`
"""Where each public name of `opentasks` is defined: its `__getattr__` imports it from there."""

SOURCES: dict[str, str] = {
'''


def _module(node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    return f"{PACKAGE}.{node.module}" if node.module else PACKAGE


def _imports(body: list[ast.stmt]) -> dict[str, str]:
    return {
        alias.asname or alias.name: _module(node)
        for node in body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def _order(name: str) -> tuple[int, str]:
    # ruff's order for `__all__` (RUF022): SCREAMING_CASE, then CamelCase, then the rest.
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def _span(tree: ast.Module, target: str) -> tuple[int, int]:
    for node in tree.body:
        names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if target in names:
            return node.lineno - 1, node.end_lineno or node.lineno
    msg = f"{INIT.name} has no `{target} = ...` to rewrite"
    raise RuntimeError(msg)


def exported(text: str) -> dict[Path, str]:
    """Return `__init__.py`'s text with `__all__` written from its imports, and the load table.

    Args:
        text: The text of `__init__.py`.

    Returns:
        The text of `INIT` and of `TABLE`, by path.

    Raises:
        RuntimeError: `text` has no `if typing.TYPE_CHECKING:` imports or no `__all__`.
    """
    tree = ast.parse(text)
    guarded = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "typing.TYPE_CHECKING"
    ]
    if not guarded:
        msg = f"{INIT.name} has no `if typing.TYPE_CHECKING:` block of imports"
        raise RuntimeError(msg)
    sources = dict(sorted(_imports(guarded[0].body).items(), key=lambda item: _order(item[0])))
    names = sorted([*sources, *_imports(tree.body)], key=_order)
    lines = text.splitlines()
    start, end = _span(tree, "__all__")
    lines[start:end] = ["__all__ = [", *(f'    "{name}",' for name in names), "]"]
    table = "".join(f'    "{name}": "{module}",\n' for name, module in sources.items())
    return {INIT: "\n".join(lines) + "\n", TABLE: f"{TABLE_HEADER}{table}}}\n"}
