"""The public surface, member by member: a change to a signature is a deliberate one.

`api_surface.txt` lists every public class of `opentasks` with the signature of each public
member (and whether it has a docstring), and the `with_raw_response` wrappers of each namespace.
Much of the SDK is generated (from openapi.yaml and from the async code): this test shows any
change the generators make to what users call. After an intended change, rewrite the file with
`OPENTASKS_WRITE_API_SURFACE=1 python -m pytest tests/sdk/test_api_surface.py` and review its diff.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
from pathlib import Path

import opentasks
from opentasks import Client

SURFACE = Path(__file__).with_name("api_surface.txt")


def _signature(obj: object) -> str:
    try:
        text = str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(…)"
    # Default values that are objects print with their address, which changes from run to run.
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def _doc(obj: object) -> str:
    return "documented" if inspect.getdoc(obj) else "UNDOCUMENTED"


def _members(prefix: str, cls: type) -> list[str]:
    lines = []
    for name in sorted(dir(cls)):
        owner = next((k for k in cls.__mro__ if name in vars(k)), None)
        if name.startswith("_") or owner is None or not owner.__module__.startswith("opentasks"):
            continue
        static = inspect.getattr_static(cls, name)
        if isinstance(static, property | functools.cached_property):
            getter = static.fget if isinstance(static, property) else static.func
            returns = inspect.signature(getter).return_annotation  # type: ignore[arg-type]
            lines.append(f"{prefix}.{name}: property -> {returns} [{_doc(static)}]")
        elif inspect.isfunction(static) or isinstance(static, staticmethod | classmethod):
            value = getattr(cls, name)
            kind = "async def" if inspect.iscoroutinefunction(value) else "def"
            lines.append(f"{prefix}.{name}: {kind}{_signature(value)} [{_doc(value)}]")
        else:
            lines.append(f"{prefix}.{name}: {type(static).__name__}")
    return lines


def surface() -> str:
    """Describe the public surface, one line per member."""
    lines = []
    for name in opentasks.__all__:
        value = getattr(opentasks, name)
        if inspect.isclass(value):
            lines.append(f"{name}: class{_signature(value)} [{_doc(value)}]")
            lines += _members(name, value)
        elif inspect.isfunction(value):
            lines.append(f"{name}: def{_signature(value)} [{_doc(value)}]")
    client = Client(api_key="ot_" + "x" * 43, base_url="http://127.0.0.1:9")
    for namespace in ("tasks", "sessions", "executions", "tests"):
        raw = getattr(client, namespace).with_raw_response
        prefix = f"client.{namespace}.with_raw_response"
        lines.append(f"{prefix}: {type(raw).__name__} [{_doc(type(raw))}]")
        for name, value in sorted(vars(raw).items()):
            kind = "async def" if inspect.iscoroutinefunction(value) else "def"
            lines.append(f"{prefix}.{name}: {kind}{_signature(value)} [{_doc(value)}]")
    return "\n".join(lines) + "\n"


def test_the_public_surface_is_the_recorded_one() -> None:
    """Every public class, method and signature is as `api_surface.txt` records it."""
    current = surface()
    if os.environ.get("OPENTASKS_WRITE_API_SURFACE"):
        SURFACE.write_text(current, encoding="utf-8")
    assert current == SURFACE.read_text(encoding="utf-8"), (
        "the public API changed; if that is intended, rewrite tests/sdk/api_surface.txt (see "
        "this module's docstring) and review the diff"
    )
