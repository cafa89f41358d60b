"""Find the SDK calls a benchmark needs, or say clearly which one is missing.

The benchmarks call the public `opentasks` API only (`Client`, `client.tasks.get`, `aget`,
`acreate`, `task.events()`). While a call does not exist, the benchmark reports its contender
as "not available" with the reason from here, instead of failing the run.
"""

from __future__ import annotations

import importlib
from typing import Any

from benchmarks.results import Unavailable

__all__ = ["aclose_client", "close_client", "make_client", "require"]


def make_client(base_url: str, key: str) -> Any:  # noqa: ANN401 - the SDK's client, if any
    """Create an `opentasks.Client` for a server.

    Args:
        base_url: The server's base URL.
        key: The API key.

    Returns:
        The client.

    Raises:
        Unavailable: If the SDK has no `Client` yet, or it cannot be created this way.
    """
    try:
        opentasks = importlib.import_module("opentasks")
    except ImportError as exc:
        msg = f"`import opentasks` fails: {exc}"
        raise Unavailable(msg) from exc
    client_class = getattr(opentasks, "Client", None)
    if client_class is None:
        msg = "opentasks.Client does not exist yet"
        raise Unavailable(msg)
    try:
        return client_class(api_key=key, base_url=base_url)
    except Exception as exc:
        msg = f"opentasks.Client(api_key=..., base_url=...) raises {type(exc).__name__}: {exc}"
        raise Unavailable(msg) from exc


def require(obj: Any, dotted: str) -> Any:  # noqa: ANN401 - any SDK attribute
    """Return `obj.<dotted>`, e.g. `require(client, "tasks.get")`.

    Args:
        obj: Where to start, usually the client.
        dotted: The attribute path.

    Returns:
        The attribute.

    Raises:
        Unavailable: Naming the first missing attribute.
    """
    current = obj
    walked = []
    for part in dotted.split("."):
        walked.append(part)
        if not hasattr(current, part):
            msg = f"{type(obj).__name__}.{'.'.join(walked)} does not exist yet"
            raise Unavailable(msg)
        current = getattr(current, part)
    return current


def close_client(client: Any) -> None:  # noqa: ANN401 - the SDK's client
    """Close a client made by `make_client`, however the SDK spells it.

    Args:
        client: The client.
    """
    close = getattr(client, "close", None)
    if callable(close):
        close()


async def aclose_client(client: Any) -> None:  # noqa: ANN401 - the SDK's client
    """Close a client's async resources (`aclose`) and then its sync ones.

    Args:
        client: The client.
    """
    aclose = getattr(client, "aclose", None)
    if callable(aclose):
        await aclose()
    close_client(client)
