"""Numbers JSON cannot hold: `NaN`, `Infinity`, `-Infinity`, and literals too large for a double.

Python's `json` parser accepts `NaN` and `Infinity` (they are not JSON), and reads `1e400` as
infinity; the server then stored each as `null` and answered 201, so what the client sent was
silently lost. `non_finite_numbers` finds them before the app parses the body, so the request is
refused with a 422 naming each field, and nothing is stored.

Most bodies hold none of them: a quick scan of the bytes for the only spellings that can produce
one (the two words, a three-digit exponent, a literal of 300 digits or more) lets them pass
without a second parse. Only a body that matches (a word inside a string matches too) is parsed
again, with hooks that mark the offending values, and walked for their paths.
"""

from __future__ import annotations

import json
import math
import re

__all__ = ["non_finite_numbers"]

_SUSPECT = re.compile(rb"NaN|Infinity|[0-9][eE][+-]?[0-9]{3}|[0-9]{300}")


class _NonFinite:
    """Stands in for a value that is not a finite number, so the walk can find where it was."""


_MARK = _NonFinite()


def _constant(_name: str) -> _NonFinite:
    return _MARK


def _number(text: str) -> float | _NonFinite:
    value = float(text)
    return _MARK if math.isinf(value) else value


def _paths(value: object, path: tuple[str | int, ...], found: list[list[str | int]]) -> None:
    if value is _MARK:
        found.append(list(path))
    elif isinstance(value, dict):
        for key, item in value.items():
            _paths(item, (*path, str(key)), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _paths(item, (*path, index), found)


def non_finite_numbers(body: bytes) -> list[list[str | int]]:
    """Find the values of a JSON body that are not finite numbers.

    Args:
        body: The request body, already within the size and nesting limits.

    Returns:
        The path of each such value (object keys and array indexes from the top), in document
        order; empty when there is none, or when the body is not JSON at all (the app's parser
        then answers that).
    """
    if not _SUSPECT.search(body):
        return []
    try:
        document = json.loads(body, parse_constant=_constant, parse_float=_number)
    except (ValueError, RecursionError):
        return []
    found: list[list[str | int]] = []
    _paths(document, (), found)
    return found
