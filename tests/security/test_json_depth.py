"""The nesting measure the server applies to request bodies, checked on its own (no I/O)."""

from __future__ import annotations

import json
import random
import time
from typing import Any

from opentasks_server.json_depth import MAX_JSON_DEPTH, json_depth_exceeds


def depth_of(value: Any) -> int:  # noqa: ANN401 - any JSON value
    """The reference: the nesting depth of a parsed JSON value, by recursion."""
    if isinstance(value, dict):
        return 1 + max((depth_of(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth_of(item) for item in value), default=0)
    return 0


def random_json(rng: random.Random, budget: int) -> Any:  # noqa: ANN401 - any JSON value
    """A random JSON value with brackets, quotes and escapes inside its strings."""
    roll = rng.random()
    if budget <= 0 or roll < 0.3:
        return rng.choice([1, 2.5, None, True, "a[b{c", 'q"]}', "\\[", "", "plain"])
    if roll < 0.65:
        return [random_json(rng, budget - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["k", "[", "}", '"x']): random_json(rng, budget - 1) for _ in range(3)}


def test_it_agrees_with_a_recursive_measure_on_random_documents() -> None:
    """For random documents and every limit around their depth, the answer is exact."""
    rng = random.Random(5)
    for _ in range(500):
        value = random_json(rng, rng.randint(0, 12))
        text = json.dumps(value).encode()
        depth = depth_of(value)
        for limit in range(max(depth - 2, 0), depth + 3):
            assert json_depth_exceeds(text, limit) == (depth > limit), (text, limit)


def test_brackets_inside_strings_do_not_count() -> None:
    """A string full of brackets is one level, however many it holds."""
    text = json.dumps({"prompt": "[" * 10_000 + '\\"' + "{" * 10_000}).encode()
    assert not json_depth_exceeds(text, 1)


def test_the_default_limit() -> None:
    """`MAX_JSON_DEPTH` levels pass; one more does not."""
    assert not json_depth_exceeds(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    assert json_depth_exceeds(b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1))


def test_text_that_is_not_json_is_left_to_the_parser() -> None:
    """Unbalanced brackets are not called too deep; the parser refuses them as malformed."""
    assert not json_depth_exceeds(b"[" * 1000, 10)
    assert not json_depth_exceeds(b"]" * 1000, 10)


def test_a_large_wide_body_is_measured_quickly() -> None:
    """10 MiB of shallow nesting is measured in well under a second."""
    text = b"[" + b"[1,[2]]," * (10 * 1024 * 1024 // 8) + b"0]"
    began = time.monotonic()
    assert not json_depth_exceeds(text, MAX_JSON_DEPTH)
    assert time.monotonic() - began < 2.0
