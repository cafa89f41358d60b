"""The namespaces' methods are written from the spec's `x-sdk` extensions (generator/sdk_methods.py)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import opentasks
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NAMESPACES = {
    "tasks": "Tasks",
    "sessions": "Sessions",
    "executions": "Executions",
    "tests": "Tests",
    "Client": "Client",  # `method: Client.name`: a method of the client itself
}


@pytest.fixture
def spec() -> dict[str, Any]:
    """A fresh copy of the contract, to change in a test."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return loaded


def _operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise KeyError(operation_id)


def _namespace(sdk_methods: ModuleType, spec: dict[str, Any], name: str) -> str:
    sources: dict[Path, str] = sdk_methods.module_sources(spec)
    return sources[sdk_methods.TARGET / f"_{name}.py"]


def test_every_x_sdk_operation_is_a_sync_and_an_async_method(spec: dict[str, Any]) -> None:
    """Each operation with `x-sdk` is a method of its namespace, and its `a`-prefixed twin."""
    listed = [
        operation["x-sdk"]["method"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "x-sdk" in operation
    ]
    assert len(listed) == len(set(listed)) > 20
    for method in listed:
        namespace, _, name = method.partition(".")
        cls = getattr(opentasks, NAMESPACES[namespace])
        assert callable(getattr(cls, name)), method
        assert callable(getattr(cls, f"a{name}")), method


def test_a_body_property_listed_in_params_is_a_typed_documented_argument(
    sdk_methods: ModuleType, spec: dict[str, Any]
) -> None:
    """A property added to a body and to `params` is a keyword typed and documented by the spec."""
    spec["components"]["schemas"]["TaskStop"]["properties"]["cause"] = {
        "type": ["string", "null"],
        "description": "What made the task stop.",
    }
    _operation(spec, "stop_task")["x-sdk"]["params"].insert(1, "cause")
    source = _namespace(sdk_methods, spec, "tasks")
    stop = source[source.index("async def astop(") :]
    stop = stop[: stop.index("return Task._from_response")]
    assert "cause: str | None = None," in stop
    assert "cause: What made the task stop." in stop
    assert '"cause": cause' in stop


def test_an_aliased_query_parameter_sends_the_spec_s_name(
    sdk_methods: ModuleType, spec: dict[str, Any]
) -> None:
    """`{types: type}` is the argument `types`, sent as the generated function's `type_`."""
    source = sdk_methods.module_sources(spec)[sdk_methods.TARGET / "_objects.py"]
    events = source[source.index("    def aevents(") :]
    assert "types: Sequence[str] | None = None," in events
    assert "type_=UNSET if types is None else list(types)," in events
    _operation(spec, "list_events")["x-sdk"]["params"][0] = {"kinds": "type"}
    source = sdk_methods.module_sources(spec)[sdk_methods.TARGET / "_objects.py"]
    assert "type_=UNSET if kinds is None else list(kinds)," in source


def test_raises_names_the_error_answers_the_operation_documents(
    sdk_methods: ModuleType, spec: dict[str, Any]
) -> None:
    """A method's Raises lists the SDK's exceptions for its operation's own error responses."""
    source = _namespace(sdk_methods, spec, "tasks")
    set_status = source[source.index("async def aset_status(") : source.index("async def astop(")]
    assert "ConflictError: The change is not allowed" in set_status
    assert "PreconditionFailedError:" in set_status
    listing = source[source.index("def alist(") : source.index("async def aget(")]
    assert "NotFoundError" not in listing
    assert "ValueError: `status`, `flag` or `order` is not a value this SDK knows." in listing


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda sdk: sdk.update(return_type="Task"),
            "create_task): x-sdk: unknown keys ['return_type']",
        ),
        (
            lambda sdk: sdk["params"].append("if_match"),
            "create_task): x-sdk: `if_match` is not a parameter of the operation (no If-Match header)",
        ),
        (
            lambda sdk: sdk["params"].append("priority"),
            "create_task): x-sdk: `priority` is neither a property of the body",
        ),
    ],
)
def test_a_mistake_in_x_sdk_names_the_operation_and_the_fix(
    sdk_methods: ModuleType,
    spec: dict[str, Any],
    change: Callable[[dict[str, Any]], object],
    message: str,
) -> None:
    """An `x-sdk` that does not fit its operation fails generation, saying where and why."""
    change(_operation(spec, "create_task")["x-sdk"])
    with pytest.raises(sdk_methods.SpecError) as raised:
        sdk_methods.module_sources(copy.deepcopy(spec))
    assert message in str(raised.value)


def test_a_forward_to_an_unknown_argument_names_it(
    sdk_methods: ModuleType, spec: dict[str, Any]
) -> None:
    """A forward (`task.stop(...)`) may only pick arguments of the namespace's method."""
    forward = _operation(spec, "stop_task")["x-sdk"]["forwards"][0]
    forward["params"].append("force")
    with pytest.raises(sdk_methods.SpecError, match="no parameter `force`"):
        sdk_methods.module_sources(spec)


def test_a_forward_may_require_an_optional_argument(
    sdk_methods: ModuleType, spec: dict[str, Any]
) -> None:
    """`required` takes an optional argument of the namespace's method without a default."""
    objects = sdk_methods.TARGET / "_objects.py"
    required = "        test_id: str,\n        status: TestStatus | str,\n        *,\n"
    assert required in sdk_methods.module_sources(copy.deepcopy(spec))[objects]
    forward = _operation(spec, "update_test")["x-sdk"]["forwards"][1]
    assert forward["to"] == "Client.update_test"
    del forward["required"]
    optional = "        status: TestStatus | str | None = None,\n        *,\n"
    assert optional in sdk_methods.module_sources(spec)[objects]
