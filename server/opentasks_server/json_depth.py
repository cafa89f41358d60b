"""How deeply a JSON document nests, measured on its bytes before anything parses it.

Python's `json` parser recurses once per level and gives up near the interpreter's recursion limit
(about 1,000 levels); pydantic refuses to serialize past about 255. A body nested between the two
was accepted and then failed with a 500, and a deeper one was called malformed, though it is valid
JSON. The request middleware measures the nesting first and refuses anything deeper than
`MAX_JSON_DEPTH` with a 422, so no layer above ever sees such a document.

The measurement never builds the document and runs at C speed: string literals are removed
(brackets inside them do not count), every byte but the brackets is deleted, and then each pass
removes the innermost pairs, so the number of passes needed is the depth; it stops after `limit`
passes. A body with fewer brackets than the limit cannot be deeper and is not scanned at all.
"""

from __future__ import annotations

import re

__all__ = ["MAX_JSON_DEPTH", "json_depth_exceeds"]

MAX_JSON_DEPTH = 100
"""The deepest nesting of arrays and objects a request body may have."""

# A JSON string literal, escapes included (the unrolled form, linear in the string's length).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Maps `{` and `}` onto `[` and `]`, so one pair pattern removes both kinds.
_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Tell whether a JSON text nests arrays and objects deeper than `limit` levels.

    Args:
        body: The JSON text, as bytes (UTF-8; brackets are ASCII, so no decoding is needed).
        limit: The deepest nesting allowed; `{"a": [1]}` is 2 levels deep.

    Returns:
        `True` when some value lies more than `limit` levels deep. Text that is not JSON
        gives an answer too (an unclosed string's brackets count); a parser rejects it anyway.
    """
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", body).translate(_BRACKETS, _NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return False
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            # Unbalanced leftovers (`[[`, `]]`): not JSON; say no and let the parser refuse it.
            return False
        brackets = shorter
    return b"[]" in brackets
