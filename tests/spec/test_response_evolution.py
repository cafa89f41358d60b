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


def closed_enums(spec: dict[str, Any]) -> list[str]:
    """Return the response schemas that reach an enum with no fallback for a value added later.

    A union catches what its other branches cannot read when one branch is an open object
    (`additionalProperties: true`), or a plain string beside an enum; nothing below it is
    reported.
    """
    schemas = spec["components"]["schemas"]
    enums = {name for name, schema in schemas.items() if "enum" in schema}
    responses = spec["components"].get("responses", {})
    problems: set[str] = set()
    seen: set[str] = set()

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        return schemas[node["$ref"].removeprefix(REF_PREFIX)] if "$ref" in node else node

    def has_fallback(branches: list[dict[str, Any]]) -> bool:
        kinds = [resolved(branch) for branch in branches]
        if any(k.get("type") == "object" and k.get("additionalProperties") is True for k in kinds):
            return True
        plain = any(k.get("type") == "string" and not {"enum", "const"} & k.keys() for k in kinds)
        return plain and any("enum" in k for k in kinds)

    def walk(node: Any, where: str) -> None:  # noqa: ANN401 - any node of the document
        if isinstance(node, list):
            for value in node:
                walk(value, where)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            name = ref.removeprefix(REF_PREFIX)
            if name in enums:
                problems.add(f"{where} reaches the enum {name}")
            elif name not in seen:
                seen.add(name)
                walk(schemas[name], name)
            return
        for key, value in node.items():
            if key in ("anyOf", "oneOf") and has_fallback(value):
                continue
            walk(value, where)

    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                if str(status).startswith("2"):
                    ref = response.get("$ref", "")
                    response = responses.get(ref.rsplit("/", 1)[-1], response) if ref else response
                    walk(response.get("content", {}), f"{operation['operationId']} ({status})")
    return sorted(problems)


def test_every_enum_in_a_response_has_a_fallback() -> None:
    """A value added to an enum later reaches an older client as a string, never an error."""
    spec, _ = load()
    problems = [
        f"{problem} with no fallback: a client built before a value is added fails on it. "
        "Reference it through a `...Value` schema, `anyOf: [{$ref: <enum>}, {type: string}]`."
        for problem in closed_enums(spec)
    ]
    assert not problems, "\n".join(problems)


def test_an_enum_without_a_fallback_is_named() -> None:
    """`Task.flag` as a bare `Flag` (as it once was) is reported, as is a step without fallback."""
    spec, _ = load()
    schemas = spec["components"]["schemas"]
    schemas["Task"]["properties"]["flag"]["oneOf"][0] = {"$ref": f"{REF_PREFIX}Flag"}
    assert closed_enums(spec) == ["Task reaches the enum Flag"]
    schemas["Task"]["properties"]["main"]["items"] = {"$ref": f"{REF_PREFIX}WorkflowStep"}
    assert closed_enums(spec) == [
        "ChatMessage reaches the enum ChatRole",
        "Task reaches the enum Flag",
    ]
