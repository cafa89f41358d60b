"""Optimistic concurrency: `version` as the `ETag`, checked against `If-Match`."""

from __future__ import annotations

import re

from opentasks_server.problems import PreconditionFailed

__all__ = ["check_if_match", "etag"]

_TAG = re.compile(r'\s*(?:W/)?"?([^",\s]*)"?\s*')


def etag(version: int) -> str:
    """Return the entity tag of a version.

    Args:
        version: The resource's version.

    Returns:
        The strong entity tag, e.g. `"3"`.
    """
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """Check an `If-Match` header against the resource's current version.

    `"3"`, `W/"3"`, `3` and `*` are accepted, as is a comma-separated list of them.

    Args:
        if_match: The header, or `None` when it was not sent (no check).
        version: The resource's current version.

    Raises:
        PreconditionFailed: When the header names no current version.
    """
    if if_match is None:
        return
    wanted = str(version)
    for part in if_match.split(","):
        match = _TAG.fullmatch(part)
        if match and match.group(1) in {"*", wanted}:
            return
    raise PreconditionFailed(
        f"If-Match {if_match.strip()!s} does not match the current version {version} "
        f'(ETag "{version}"); read the resource again and retry with its ETag.'
    )
