"""The opentasks reference server: every operation of openapi.yaml on a real database.

Install it with the `server` extra (`pip install "opentasks[server]"`), then run
`opentasks serve`, or build the ASGI app yourself::

    from opentasks_server import create_api_key, create_app

    key = create_api_key("sqlite+aiosqlite:///./opentasks.db")
    app = create_app("sqlite+aiosqlite:///./opentasks.db")
"""

from __future__ import annotations

import importlib.util

_REQUIRED = ("fastapi", "sqlalchemy", "alembic", "aiosqlite", "pydantic", "yaml", "uvicorn")
_missing = [name for name in _REQUIRED if importlib.util.find_spec(name) is None]
if _missing:
    msg = (
        f"The opentasks server needs packages that are not installed ({', '.join(_missing)}); "
        'install them with: pip install "opentasks[server]"'
    )
    raise ImportError(msg)

from opentasks_server._app import create_app  # noqa: E402 - only after the extras check
from opentasks_server.admin import create_api_key  # noqa: E402
from opentasks_server.evaluator import ComparisonInput, Evaluator, NormalizedEquality  # noqa: E402

__all__ = ["ComparisonInput", "Evaluator", "NormalizedEquality", "create_api_key", "create_app"]
