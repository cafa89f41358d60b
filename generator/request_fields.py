"""Write ``opentasks_api/fields.py``: the fields of each request body, as typed keyword arguments.

For every schema that an operation of openapi.yaml takes as its JSON request body, the module
gets a ``TypedDict`` named after it (``TaskCreate`` → ``TaskCreateFields``) with one key per
property, in the spec's order, each typed for input (an enum also takes its string, an object a
plain dict) and documented with the property's description. The SDK's calls take them as
``**fields: Unpack[TaskCreateFields]``, so a property added to the spec is a typed, documented
keyword of ``client.tasks.create(...)`` after ``nox -s generate``, with no edit to the SDK.

openapi-python-client has no template for a module of its own, so ``regenerate.py`` calls
``write_request_fields`` on the generated package before formatting and stamping it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MODULE = "fields.py"
SUFFIX = "Fields"
JSON = "application/json"
REF = "#/components/schemas/"

Schema = Mapping[str, Any]


class _Types:
    """Turns the schemas of properties into input types, collecting the models they name."""

    def __init__(self, schemas: Mapping[str, Schema]) -> None:
        self.schemas = schemas
        self.models: set[str] = set()

    def ref_name(self, schema: Schema) -> str | None:
        ref = schema.get("$ref")
        return ref.removeprefix(REF) if isinstance(ref, str) else None

    def resolve(self, schema: Schema) -> Schema:
        name = self.ref_name(schema)
        return self.schemas[name] if name is not None else schema

    def describe(self, schema: Schema) -> str:
        """The property's own description, else that of the schema it refers to."""
        text = schema.get("description") or self.resolve(schema).get("description") or ""
        return " ".join(str(text).split())

    def of(self, schema: Schema) -> str:
        """Return the Python type (as source) that a caller may pass for `schema`."""
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants:
            texts = [self.of(variant) for variant in variants]
            parts = dict.fromkeys(part for text in texts for part in text.split(" | "))
            # Models first, then a plain dict, then None: the order a reader expects.
            last = {"Mapping[str, Any]": 1, "None": 2}
            return " | ".join(sorted(parts, key=lambda part: last.get(part, 0)))
        name = self.ref_name(schema)
        if name is not None:
            return self.named(name)
        kinds = schema.get("type", "object")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        parts = [self.simple(kind, schema) for kind in kinds if kind != "null"]
        if "null" in kinds:
            parts.append("None")
        return " | ".join(parts)

    def named(self, name: str) -> str:
        target = self.schemas[name]
        if "enum" in target:
            self.models.add(name)
            return f"{name} | str"
        if target.get("oneOf") or target.get("anyOf"):
            return self.of(target)
        if target.get("type") == "object" and target.get("properties"):
            self.models.add(name)
            return f"{name} | Mapping[str, Any]"
        return self.of(target)

    def simple(self, kind: str, schema: Schema) -> str:
        if kind == "array":
            return f"Sequence[{self.of(schema.get('items', {}))}]"
        if kind == "object":
            return "Mapping[str, Any]"
        if kind == "string" and schema.get("format") == "date-time":
            return "datetime.datetime | str"
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(
            kind, "Any"
        )


def request_bodies(spec: Schema) -> list[str]:
    """Return the names of the schemas operations take as JSON bodies, in the spec's order."""
    names: list[str] = []
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, Mapping):
                continue
            content = operation.get("requestBody", {}).get("content", {})
            ref = content.get(JSON, {}).get("schema", {}).get("$ref")
            if isinstance(ref, str) and ref.startswith(REF):
                name = ref.removeprefix(REF)
                if name not in names:
                    names.append(name)
    return names


def _docstring(lines: list[str], indent: str = "    ") -> str:
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f'{indent}"""{body.lstrip()}\n{indent}"""\n'


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, width, subsequent_indent=indent) or [""]


def typed_dict(name: str, schema: Schema, types: _Types) -> str:
    """Return the source of the `TypedDict`(s) for one request body schema."""
    properties: Mapping[str, Schema] = schema.get("properties", {})
    required = [key for key in properties if key in schema.get("required", [])]
    optional = [key for key in properties if key not in required]
    summary = types.describe(schema) or f"The fields of a `{name}` request body."
    doc = [
        *_wrap(summary, 92, ""),
        "",
        *_wrap(
            f"Keyword arguments of the SDK's calls that send a `{name}` body, one for each "
            "property of the schema in openapi.yaml.",
            92,
            "",
        ),
        "",
        "Attributes:",
    ]
    for key in properties:
        text = types.describe(properties[key]) or "See openapi.yaml."
        if key in required:
            text += " Required."
        doc.extend(
            textwrap.wrap(f"{key}: {text}", 92, initial_indent="    ", subsequent_indent="        ")
        )

    def keys(names: list[str]) -> str:
        out = ""
        for key in names:
            out += f"    {key}: {types.of(properties[key])}\n"
            description = types.describe(properties[key])
            if description:
                out += f'    """{description}"""\n'
        return out

    fields = f"{name}{SUFFIX}"
    if required:
        base = f"_{fields}Required"
        head = f"class {base}(TypedDict):\n"
        head += _docstring([f"The required keys of `{fields}`."])
        head += "\n" + keys(required) + "\n\n"
        bases = f"{base}, total=False"
    else:
        head = ""
        bases = "TypedDict, total=False"
    body = keys(optional)
    return f"{head}class {fields}({bases}):\n{_docstring(doc)}\n{body}"


def module_source(spec: Schema, package: str) -> str:
    """Return the source of the fields module for `spec`."""
    schemas: Mapping[str, Schema] = spec.get("components", {}).get("schemas", {})
    types = _Types(schemas)
    names = request_bodies(spec)
    classes = [typed_dict(name, schemas[name], types) for name in names]
    code = "\n\n".join(classes)
    header = ["from __future__ import annotations", ""]
    if "datetime." in code:
        header.append("import datetime")
    abc = [name for name in ("Mapping", "Sequence") if f"{name}[" in code]
    if abc:
        header.append(f"from collections.abc import {', '.join(abc)}")
    models = sorted(types.models)
    typing = [*(["TYPE_CHECKING"] if models else []), *(["Any"] if "Any" in code else [])]
    header.append(f"from typing import {', '.join([*typing, 'TypedDict'])}")
    if models:
        header += ["", "if TYPE_CHECKING:"]
        header += [f"    from {package}.models import {model}" for model in models]
    exported = ", ".join(f'"{name}{SUFFIX}"' for name in names)
    return (
        '"""The fields of each request body, as typed keyword arguments of the SDK\'s calls."""\n\n'
        + "\n".join(header)
        + f"\n\n__all__ = [{exported}]\n\n\n"
        + code
    )


def write_request_fields(package: Path, spec_path: Path) -> Path:
    """Write the fields module into the generated package and return its path.

    Args:
        package: The generated client package (``…/opentasks_api``).
        spec_path: openapi.yaml.

    Returns:
        The module written.
    """
    # PyYAML comes with datamodel-code-generator; imported here, after regenerate.py has checked
    # the generators' versions.
    import yaml

    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    target = package / MODULE
    target.write_text(module_source(spec, package.name), encoding="utf-8")
    return target
