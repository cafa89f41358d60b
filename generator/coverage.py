"""Check that every operation of openapi.yaml is served by the server and reachable from the SDK.

Usage::

    python generator/coverage.py            # exit 1, naming each gap, if there is one

An operation is *served* when the reference server's app has a route for its method and path,
and *reachable* when the hand-written SDK (``overlay/opentasks``) imports its generated module
(``from opentasks_api.api.<tag> import <operationId>``). An operation meant for the low-level
client alone says so in the spec with ``x-low-level-only: <why>``; it must still be served.
Run it where ``opentasks_server`` (the server extra) can be imported; the tests do.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi.yaml"
OVERLAY = REPO / "overlay" / "opentasks"
METHODS = ("get", "put", "post", "delete", "patch")
LOW_LEVEL_ONLY = "x-low-level-only"
GENERATED_API = "opentasks_api.api."


def spec_operations(spec: Mapping[str, Any]) -> dict[str, tuple[str, str, bool]]:
    """Map each operationId to its method, path and whether it is marked low-level-only."""
    operations = {}
    for path, item in spec["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is not None:
                low_level = bool(operation.get(LOW_LEVEL_ONLY))
                operations[operation["operationId"]] = (method.upper(), path, low_level)
    return operations


def served_routes(operations: Mapping[str, tuple[str, str, bool]]) -> set[tuple[str, str]]:
    """Return the (method, path) pairs of `operations` that the reference server's app routes.

    Each path template is filled with a sample value per parameter and matched against the
    app's routes as a request would be.
    """
    from opentasks_server import create_app
    from starlette.routing import Match

    # Building the app opens no database: that happens when it starts serving.
    app = create_app("sqlite+aiosqlite:///:memory:")
    served = set()
    for method, path, _ in operations.values():
        scope = {
            "type": "http",
            "method": method,
            "path": re.sub(r"\{[^}]+\}", "x_0", path),
            "root_path": "",
            "headers": [],
            "query_string": b"",
        }
        if any(route.matches(scope)[0] is Match.FULL for route in app.routes):
            served.add((method, path))
    return served


def reached_operations(overlay: Path = OVERLAY) -> set[str]:
    """Return the operationIds whose generated module the SDK's source imports."""
    reached = set()
    for module in overlay.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(GENERATED_API):
                reached.update(alias.name for alias in node.names)
    return reached


def coverage_problems(
    operations: Mapping[str, tuple[str, str, bool]],
    served: set[tuple[str, str]],
    reached: set[str],
) -> list[str]:
    """Name every operation the server does not serve or the SDK does not reach.

    Args:
        operations: The spec's operations (see `spec_operations`).
        served: The server's routes (see `served_routes`).
        reached: The operationIds the SDK reaches (see `reached_operations`).

    Returns:
        One line per gap, with the fix; empty when there is none.
    """
    problems = []
    for operation_id, (method, path, low_level) in sorted(operations.items()):
        if (method, path) not in served:
            problems.append(
                f"{operation_id} ({method} {path}) is not served by the reference server: add "
                f"a route with operation_id={operation_id!r} to opentasks_server/routes/"
            )
        if not low_level and operation_id not in reached:
            problems.append(
                f"{operation_id} ({method} {path}) is not reachable from the SDK: call "
                f"opentasks_api.api.<tag>.{operation_id} from a method of overlay/opentasks/, "
                f"or mark the operation `{LOW_LEVEL_ONLY}: <why>` in openapi.yaml"
            )
    return problems


def main() -> int:
    """Run the check; return the exit status."""
    import yaml

    operations = spec_operations(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
    problems = coverage_problems(operations, served_routes(operations), reached_operations())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"all {len(operations)} operations are served and reachable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
