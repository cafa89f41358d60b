"""An older server's answers stay readable by a newer client: response schemas only gain optionals.

The generated parser raises on a missing required property, so a property a response schema
requires must be one every server version sends. `required_in_responses.json` records the
required properties of each response schema as released; a schema may never require more (a
newer client would fail on an older server's answers) nor less (an older client would fail on a
newer server's). A new property of a response is optional: left out of `required`, it parses as
`UNSET` when a server does not send it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).with_name("required_in_responses.json")
REF_PREFIX = "#/components/schemas/"


def response_schemas(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Return the required properties of every schema a 2xx JSON response can contain."""
    schemas = spec["components"]["schemas"]
    responses = spec["components"].get("responses", {})
    seen: dict[str, list[str]] = {}

    def walk(node: Any) -> Iterator[str]:  # noqa: ANN401 - any node of the document
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(REF_PREFIX):
                yield ref.removeprefix(REF_PREFIX)
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    def visit(name: str) -> None:
        if name in seen:
            return
        schema = schemas[name]
        seen[name] = sorted(schema.get("required", [])) if "properties" in schema else []
        for child in walk(schema):
            visit(child)

    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                if not str(status).startswith("2"):
                    continue
                ref = response.get("$ref", "")
                response = responses.get(ref.rsplit("/", 1)[-1], response) if ref else response
                for name in walk(response.get("content", {})):
                    visit(name)
    return {name: required for name, required in sorted(seen.items()) if required}


def compatibility_problems(spec: dict[str, Any], baseline: dict[str, list[str]]) -> list[str]:
    """Return one line per required property that differs from the released baseline."""
    problems = []
    for name, required in response_schemas(spec).items():
        released = baseline.get(name)
        if released is None:
            continue  # a schema new in this version: no client was built with it yet
        problems += [
            f"{name}.{prop} is required in a response, and was not when {name} was released: "
            "a newer client would fail on an older server's answers. Make it optional (leave it "
            "out of `required`); the client then reads it as UNSET from servers that lack it."
            for prop in sorted(set(required) - set(released))
        ]
        problems += [
            f"{name}.{prop} is no longer required in a response: clients built before the "
            "change require it, and fail on an answer without it. Keep it in `required`."
            for prop in sorted(set(released) - set(required))
        ]
    return problems


def load() -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Return the spec and the baseline."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return spec, json.loads(BASELINE.read_text(encoding="utf-8"))


def test_response_schemas_require_what_they_required_when_released() -> None:
    """No response schema requires a property it did not, or stops requiring one it did."""
    spec, baseline = load()
    problems = compatibility_problems(spec, baseline)
    assert not problems, "\n".join(problems)


def test_the_baseline_names_only_response_schemas() -> None:
    """Every schema of the baseline is still a response schema (a rename would escape the check)."""
    spec, baseline = load()
    missing = sorted(baseline.keys() - response_schemas(spec).keys())
    assert not missing, f"no longer response schemas with required properties: {missing}"


def test_a_new_required_property_is_named_with_the_fix() -> None:
    """A property added to `Task` as required fails, naming it and how to fix it."""
    spec, baseline = load()
    task = spec["components"]["schemas"]["Task"]
    task["properties"]["priority"] = {"type": ["integer", "null"], "description": "How urgent."}
    task["required"].append("priority")
    assert compatibility_problems(spec, baseline) == [
        "Task.priority is required in a response, and was not when Task was released: a newer "
        "client would fail on an older server's answers. Make it optional (leave it out of "
        "`required`); the client then reads it as UNSET from servers that lack it."
    ]
    task["required"].remove("priority")
    assert compatibility_problems(spec, baseline) == []


def test_a_dropped_required_property_is_named() -> None:
    """A nested schema (a workflow step inside `Task`) is checked too."""
    spec, baseline = load()
    spec["components"]["schemas"]["ToolCallStep"]["required"].remove("tool")
    assert compatibility_problems(spec, baseline) == [
        "ToolCallStep.tool is no longer required in a response: clients built before the "
        "change require it, and fail on an answer without it. Keep it in `required`."
    ]
