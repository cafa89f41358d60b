"""The contract, openapi.yaml, has the shape the design promises, and generated/ matches it."""

from __future__ import annotations

import builtins
import importlib
import keyword
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
GENERATED = ROOT / "generated"
BANNER = "# generated from openapi.yaml by generator/regenerate.py — do not edit"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROBLEM_JSON = "application/problem+json"

# The "HTTP surface (v1)" table of DESIGN.md, one row per operation.
DESIGNED_OPERATIONS = [
    # sessions
    ("POST", "/v1/sessions"),
    ("GET", "/v1/sessions"),
    ("GET", "/v1/sessions/{session_id}"),
    ("PATCH", "/v1/sessions/{session_id}"),
    ("DELETE", "/v1/sessions/{session_id}"),
    ("GET", "/v1/sessions/{session_id}/tasks"),
    # tasks
    ("POST", "/v1/tasks"),
    ("GET", "/v1/tasks"),
    ("GET", "/v1/tasks/{task_id}"),
    ("PATCH", "/v1/tasks/{task_id}"),
    ("POST", "/v1/tasks/{task_id}/status"),
    ("POST", "/v1/tasks/{task_id}/stop"),
    ("POST", "/v1/tasks/{task_id}/flag"),
    # events
    ("GET", "/v1/tasks/{task_id}/events"),
    ("POST", "/v1/tasks/{task_id}/events"),
    ("GET", "/v1/events"),
    # executions
    ("POST", "/v1/tasks/{task_id}/executions"),
    ("GET", "/v1/tasks/{task_id}/executions"),
    ("GET", "/v1/executions/{execution_id}"),
    ("POST", "/v1/executions/{execution_id}/status"),
    # tests
    ("POST", "/v1/tests"),
    ("GET", "/v1/tests"),
    ("GET", "/v1/tests/{test_id}"),
    ("PATCH", "/v1/tests/{test_id}"),
    ("GET", "/v1/tests/{test_id}/comparisons"),
    # comparisons
    ("POST", "/v1/comparisons"),
    # service
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/openapi.yaml"),
]

# What the task board adds to the design's table (docs/board.md): a browser exchanges its API
# key for a session cookie, reads who it is, and logs out.
BOARD_OPERATIONS = [
    ("POST", "/v1/auth/session"),
    ("GET", "/v1/auth/session"),
    ("DELETE", "/v1/auth/session"),
]
LOGIN = ("POST", "/v1/auth/session")
# Not idempotent by `Idempotency-Key`, each for a reason its description gives: a login's answer
# holds a secret that must never be stored for a replay, and logging out is idempotent anyway.
NOT_REPLAYED = {LOGIN, ("DELETE", "/v1/auth/session")}
# /v1 GETs of one resource whose path does not end in a parameter, so they are not lists.
SINGLETONS = {"/v1/auth/session"}


def load_spec() -> dict[str, Any]:
    """Read openapi.yaml."""
    with SPEC_PATH.open(encoding="utf-8") as file:
        spec: dict[str, Any] = yaml.safe_load(file)
    return spec


SPEC = load_spec()


def resolve(node: Any) -> Any:  # noqa: ANN401 - a node of a YAML document can be anything.
    """Follow local `$ref`s until `node` is not a reference."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        assert isinstance(ref, str), ref
        assert ref.startswith("#/"), f"only local references are expected, got {ref}"
        assert ref not in seen, f"reference cycle through {ref}"
        seen.add(ref)
        node = SPEC
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            assert key in node, f"dangling reference {ref}"
            node = node[key]
    return node


def iter_operations() -> Iterator[tuple[str, str, dict[str, Any], list[dict[str, Any]]]]:
    """Yield (METHOD, path, operation, parameters) for every operation in the spec.

    The parameters are the path item's merged with the operation's, references resolved.
    """
    for path, raw_item in SPEC.get("paths", {}).items():
        item = resolve(raw_item)
        shared = [resolve(p) for p in item.get("parameters") or []]
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            own = [resolve(p) for p in operation.get("parameters") or []]
            overridden = {(p["in"], p["name"]) for p in own}
            merged = [p for p in shared if (p["in"], p["name"]) not in overridden] + own
            yield method.upper(), path, operation, merged


OPERATIONS = list(iter_operations())
V1_OPERATIONS = [op for op in OPERATIONS if op[1].startswith("/v1/")]


OperationCase = tuple[str, str, dict[str, Any], list[dict[str, Any]]]
OPERATION_ARGS = ("method", "path", "operation", "parameters")


def cases(operations: list[OperationCase]) -> list[Any]:
    """Turn operations into parametrised cases named by method and path."""
    return [pytest.param(*op, id=f"{op[0]} {op[1]}") for op in operations]


def header(parameters: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """Return the header parameter called `name` (case-insensitively), if there is one."""
    for parameter in parameters:
        if parameter.get("in") == "header" and parameter.get("name", "").lower() == name.lower():
            return parameter
    return None


def query(parameters: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """Return the query parameter called `name`, if there is one."""
    for parameter in parameters:
        if parameter.get("in") == "query" and parameter.get("name") == name:
            return parameter
    return None


def is_list_operation(method: str, path: str) -> bool:
    """Tell whether an operation reads a collection: a GET whose path ends in a plain segment."""
    return method == "GET" and path.startswith("/v1/") and not path.endswith("}")


def is_status_change(method: str, path: str) -> bool:
    """Tell whether an operation moves a resource through its status lifecycle."""
    return method == "POST" and path.endswith(("/status", "/stop"))


POSTS = [op for op in V1_OPERATIONS if op[0] == "POST" and op[:2] not in NOT_REPLAYED]
UPDATES = [
    op for op in V1_OPERATIONS if op[0] in {"PATCH", "DELETE"} and op[:2] not in NOT_REPLAYED
]
WRITES = [op for op in V1_OPERATIONS if op[0] in {"POST", "PATCH", "DELETE"} and op[:2] != LOGIN]
NOT_REPLAYED_OPERATIONS = [op for op in V1_OPERATIONS if op[:2] in NOT_REPLAYED]
CHANGES = [op for op in V1_OPERATIONS if op[0] == "PATCH" or is_status_change(op[0], op[1])]
LISTS = [op for op in V1_OPERATIONS if is_list_operation(op[0], op[1]) and op[1] not in SINGLETONS]


# --- openapi-python-client's naming, copied from openapi_python_client/strings.py (0.29.1) ---

_DELIMITERS = r"\. _-"
_RESERVED = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}


def _sanitize(value: str) -> str:
    return "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)


def _split_words(value: str) -> list[str]:
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    return re.findall(rf"[^{re.escape(_DELIMITERS)}]+", value)


def python_identifier(value: str, prefix: str) -> str:
    """Turn `value` into the identifier openapi-python-client gives it (`PythonIdentifier`)."""
    safe = _sanitize(value)
    leading_underscore = safe.startswith("_")
    name = "_".join(_split_words(safe)).lower()
    if name in _RESERVED or keyword.iskeyword(name):
        name = f"{name}_"
    if not name.isidentifier() or leading_underscore:
        name = f"{prefix}{name}"
    return name


def generated_module(operation: dict[str, Any]) -> str:
    """Return the generated module that holds an operation: `api.<tag>.<operation_id>`."""
    tag = python_identifier(operation["tags"][0], prefix="tag")
    name = python_identifier(operation["operationId"], prefix="field_")
    return f"opentasks_api.api.{tag}.{name}"


# --- (a) the document is valid OpenAPI ----------------------------------------------------------


def test_spec_is_valid_openapi_3_1() -> None:
    """openapi.yaml validates as an OpenAPI 3.1 document."""
    assert str(SPEC["openapi"]).startswith("3.1"), SPEC["openapi"]
    validate(SPEC)


# --- (b) every designed operation exists -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [pytest.param(*op, id=" ".join(op)) for op in DESIGNED_OPERATIONS + BOARD_OPERATIONS],
)
def test_designed_operation_is_in_spec(method: str, path: str) -> None:
    """Each operation of DESIGN.md's HTTP surface table, and the board's logins, is in the spec."""
    assert path in SPEC["paths"], f"{path} is missing from openapi.yaml"
    assert method.lower() in resolve(SPEC["paths"][path]), f"{method} {path} is missing"


def test_spec_has_no_undesigned_operations() -> None:
    """The spec adds no operation the design does not name, so the table above stays complete."""
    in_spec = {(method, path) for method, path, _, _ in OPERATIONS}
    assert in_spec - set(DESIGNED_OPERATIONS) - set(BOARD_OPERATIONS) == set()


# --- (c) the rules every /v1 operation follows -------------------------------------------------


def scheme_kinds() -> dict[str, str]:
    """Name each security scheme of the spec by what it is: `bearer` or `apiKey:<in>:<name>`."""
    schemes = {name: resolve(s) for name, s in SPEC["components"]["securitySchemes"].items()}
    return {
        name: "bearer"
        if s.get("type") == "http" and s.get("scheme", "").lower() == "bearer"
        else f"apiKey:{s.get('in')}:{s.get('name')}"
        for name, s in schemes.items()
    }


KEY_SCHEMES = {"bearer", "apiKey:header:X-API-Key"}


def test_three_security_schemes_bearer_api_key_and_board_cookie() -> None:
    """The spec defines three auth schemes: the key as a bearer token or in X-API-Key, a cookie."""
    assert sorted(scheme_kinds().values()) == [
        "apiKey:cookie:opentasks_session",
        "apiKey:header:X-API-Key",
        "bearer",
    ]


@pytest.mark.parametrize(OPERATION_ARGS, cases(V1_OPERATIONS))
def test_v1_operation_follows_the_common_rules(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each /v1 operation is authenticated, named, tagged, described and documents 401 and 422.

    Every one takes the key either way and the board's cookie, but for the login itself, which
    takes only the key (a cookie must not make another login).
    """
    kinds = scheme_kinds()
    schemes = set(kinds)
    if (method, path) == LOGIN:
        schemes = {name for name in schemes if kinds[name] in KEY_SCHEMES}
    security = operation.get("security")
    assert security, "needs per-operation `security` (the generator ignores the top-level one)"
    offered = {name for requirement in security for name in requirement}
    assert offered == schemes, f"security offers {offered}, expected all of {schemes}"
    assert operation.get("operationId"), "needs an operationId"
    assert len(operation.get("tags", [])) == 1, "needs exactly one tag"
    assert operation.get("description", "").strip(), "needs a description"
    responses = operation["responses"]
    for status in ("401", "422"):
        assert status in responses, f"does not document {status}"
        content = resolve(responses[status]).get("content", {})
        assert PROBLEM_JSON in content, f"{status} is not {PROBLEM_JSON}"


@pytest.mark.parametrize(OPERATION_ARGS, cases(POSTS))
def test_post_accepts_idempotency_key(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each POST takes an Idempotency-Key header."""
    assert header(parameters, "Idempotency-Key") is not None


@pytest.mark.parametrize(OPERATION_ARGS, cases(UPDATES))
def test_patch_and_delete_accept_idempotency_key(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each PATCH and DELETE takes an Idempotency-Key too, so a retry after a lost reply is safe."""
    assert header(parameters, "Idempotency-Key") is not None


@pytest.mark.parametrize(OPERATION_ARGS, cases(WRITES))
def test_write_documents_the_csrf_refusal(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each write that the board's cookie may make documents the 403 of a missing CSRF token."""
    response = operation["responses"].get("403")
    assert response == {"$ref": "#/components/responses/CsrfRejected"}


@pytest.mark.parametrize(OPERATION_ARGS, cases(NOT_REPLAYED_OPERATIONS))
def test_login_and_logout_say_why_they_take_no_idempotency_key(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """The two writes left out of the Idempotency-Key rule take none, and say so."""
    assert header(parameters, "Idempotency-Key") is None
    assert "Idempotency-Key" in operation["description"]


@pytest.mark.parametrize(OPERATION_ARGS, cases(CHANGES))
def test_change_accepts_if_match(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each PATCH and status change takes an If-Match header."""
    assert header(parameters, "If-Match") is not None


@pytest.mark.parametrize(OPERATION_ARGS, cases(LISTS))
def test_list_is_paginated(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each list takes `limit` between 1 and 100 and an `after` cursor."""
    limit = query(parameters, "limit")
    assert limit is not None, "needs a `limit` query parameter"
    schema = resolve(limit["schema"])
    assert schema.get("type") == "integer"
    assert schema.get("minimum") == 1
    assert schema.get("maximum") == 100
    assert query(parameters, "after") is not None, "needs an `after` query parameter"


def test_rule_tables_are_not_empty() -> None:
    """The rule tests above select the operations they are meant for, so none passes vacuously."""
    assert len(POSTS) >= 10
    assert len(WRITES) >= 15
    assert len(NOT_REPLAYED_OPERATIONS) == len(NOT_REPLAYED)
    assert len(CHANGES) >= 6  # three PATCHes, three status changes
    assert len(LISTS) >= 8


# --- (f) the task event stream -----------------------------------------------------------------


def test_task_events_offer_json_and_event_stream() -> None:
    """GET /v1/tasks/{task_id}/events answers either a JSON page or a Server-Sent Events stream."""
    operation = resolve(SPEC["paths"]["/v1/tasks/{task_id}/events"])["get"]
    content = resolve(operation["responses"]["200"])["content"]
    assert {"application/json", "text/event-stream"} <= set(content)


# --- (d) and (e) the generated code ------------------------------------------------------------


@pytest.mark.parametrize(OPERATION_ARGS, cases(OPERATIONS))
def test_operation_has_generated_module(
    method: str, path: str, operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> None:
    """Each operation has a generated module with the four calling styles."""
    module = importlib.import_module(generated_module(operation))
    for name in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, name, None)), f"{module.__name__} lacks {name}"


def test_naming_matches_the_generator() -> None:
    """The module-name helper turns names the way openapi-python-client does."""
    assert python_identifier("listTasks", prefix="field_") == "list_tasks"
    assert python_identifier("create_task", prefix="field_") == "create_task"
    assert python_identifier("Service Health", prefix="tag") == "service_health"
    assert python_identifier("list", prefix="field_") == "list_"


def generated_files() -> list[Path]:
    """Every file under generated/, caches left aside."""
    return sorted(
        path
        for path in GENERATED.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def test_generated_tree_exists() -> None:
    """Both generated packages are present and marked typed."""
    for package in ("opentasks_api", "opentasks_schema"):
        assert (GENERATED / package / "__init__.py").is_file()
        assert (GENERATED / package / "py.typed").is_file()


def test_generated_files_carry_the_banner() -> None:
    """Every generated module starts with the do-not-edit banner; nothing else lives there."""
    files = generated_files()
    assert files, "generated/ is empty"
    unexpected = [f for f in files if f.suffix != ".py" and f.name != "py.typed"]
    assert unexpected == []
    unstamped = [
        f.relative_to(ROOT).as_posix()
        for f in files
        if f.suffix == ".py" and f.read_text(encoding="utf-8").split("\n", 1)[0] != BANNER
    ]
    assert unstamped == []
