"""Write `__all__` and the lazy-load table of `overlay/opentasks/__init__.py` from its imports.

The package's public names are listed once, as the imports of its `if typing.TYPE_CHECKING:`
block (what type checkers and the API reference read). `__all__` (those names and the
package's own top-level ones, such as `__version__`) and `_SOURCES` (each name's module, which
`__getattr__` imports on first use) are rewritten from them, so the three cannot disagree.
`generator/sdk_methods.py` runs this with the namespace methods, and its `--check` compares.
"""

from __future__ import annotations

import ast
from pathlib import Path

INIT = Path(__file__).resolve().parent.parent / "overlay" / "opentasks" / "__init__.py"
PACKAGE = "opentasks"


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
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        if target in names:
            return node.lineno - 1, node.end_lineno or node.lineno
    msg = f"{INIT.name} has no `{target} = ...` to rewrite"
    raise RuntimeError(msg)


def exported(text: str) -> str:
    """Return `__init__.py`'s text with `__all__` and `_SOURCES` written from its imports."""
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
    blocks = {
        "__all__": ["__all__ = [", *(f'    "{name}",' for name in names), "]"],
        "_SOURCES": [
            "_SOURCES: dict[str, str] = {",
            *(f'    "{name}": "{module}",' for name, module in sources.items()),
            "}",
        ],
    }
    lines = text.splitlines()
    # From the last block up, so the earlier one's line numbers still hold.
    for target in sorted(blocks, key=lambda t: _span(tree, t)[0], reverse=True):
        start, end = _span(tree, target)
        lines[start:end] = blocks[target]
    return "\n".join(lines) + "\n"
