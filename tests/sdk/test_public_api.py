"""The public surface: one sorted `__all__`, everything in it documented and importable."""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path

import opentasks
import opentasks.testing
import opentasks_api.models
from opentasks._generated._exports import SOURCES


def test_all_is_sorted_and_unique() -> None:
    """`opentasks.__all__` is sorted (as ruff sorts it) and has no duplicates."""
    names = opentasks.__all__
    assert len(names) == len(set(names))

    # ruff's order: SCREAMING_CASE constants, then CamelCase classes, then the rest.
    def kind(name: str) -> int:
        if name.isupper():
            return 0
        return 1 if name[0].isupper() else 2

    assert names == sorted(names, key=lambda name: (kind(name), name))


def test_all_names_exist_and_nothing_public_is_missing() -> None:
    """Every name in `__all__` exists; every public name of the package is in `__all__`."""
    for name in opentasks.__all__:
        assert hasattr(opentasks, name), name
    public = {
        name
        for name, value in vars(opentasks).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public <= set(opentasks.__all__) | {"annotations"}


def test_every_public_class_and_function_is_documented() -> None:
    """Public classes, their public methods, and functions have docstrings."""
    undocumented = []
    for name in opentasks.__all__:
        value = getattr(opentasks, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if not inspect.getdoc(value):
            undocumented.append(name)
        if not inspect.isclass(value):
            continue
        ours = [cls for cls in value.__mro__ if cls.__module__.startswith("opentasks.")]
        for cls in ours:
            for member, attribute in vars(cls).items():
                if member.startswith("_") or (
                    not callable(attribute) and not isinstance(attribute, property)
                ):
                    continue
                if not inspect.getdoc(attribute):
                    undocumented.append(f"{name}.{member}")
    assert undocumented == []


def test_testing_module_exports() -> None:
    """`opentasks.testing` offers the context manager, the server class and the fixtures."""
    assert opentasks.testing.__all__ == sorted(opentasks.testing.__all__)
    for name in opentasks.testing.__all__:
        assert hasattr(opentasks.testing, name)


def test_importing_the_sdk_does_not_import_the_server() -> None:
    """The server (and its extra's dependencies) load only when a server is started."""
    code = "import sys, opentasks, opentasks.testing; print('opentasks_server' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _fresh(code: str) -> object:
    """Run `code` in a new interpreter and return what it prints, decoded from JSON.

    The import tests need an interpreter that has imported nothing yet: this one has imported
    the whole SDK by now.
    """
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


_LOADED = """
import json, sys
{statement}
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] in {{"opentasks", "opentasks_api", "opentasks_schema",
                                "opentasks_server", "pydantic", "attrs", "anyio", "httpx_sse"}}
)))
"""


def _loaded_by(statement: str) -> set[str]:
    """The SDK's, the generated packages' and some dependencies' modules that `statement` loads."""
    loaded = _fresh(_LOADED.format(statement=statement))
    assert isinstance(loaded, list)
    return {str(name) for name in loaded}


def test_importing_the_package_loads_only_its_version() -> None:
    """`import opentasks` loads no generated model or endpoint module, nor anything else.

    Each public name is imported on first use (issue 6: import time), so a program pays only
    for what it uses.
    """
    assert _loaded_by("import opentasks") == {"opentasks", "opentasks._version"}


def test_building_a_client_loads_no_transport() -> None:
    """Building a `Client` loads neither transport; its first sync use loads the sync one only."""
    transports = {
        "opentasks._stdlib_transport",
        "opentasks._sync._transport",
        "opentasks._aiohttp",
        "opentasks._async._transport",
        "opentasks._direct",
    }
    built = _loaded_by("from opentasks import Client; Client(api_key='k')")
    assert not built & transports
    synced = _loaded_by("from opentasks import Client; Client(api_key='k').api.get_httpx_client()")
    assert synced & transports == {
        "opentasks._stdlib_transport",
        "opentasks._sync._transport",
        "opentasks._direct",
    }


def test_importing_one_enum_loads_only_its_model_module() -> None:
    """`from opentasks import TaskStatus` loads one generated model module, and no endpoint."""
    loaded = _loaded_by("from opentasks import TaskStatus")
    assert {name for name in loaded if name.startswith("opentasks_api.models.")} == {
        "opentasks_api.models.task_status"
    }
    overlay = {name for name in loaded if name.startswith("opentasks.")}
    # The table of where each public name is defined, and its package (a docstring).
    assert overlay == {
        "opentasks._version",
        "opentasks._generated",
        "opentasks._generated._exports",
    }
    assert not {name for name in loaded if name.startswith("opentasks_api.api")}


# What building a client may load from the generated package: the models the SDK's classes extend
# (with the enums their fields use), the request bodies built from `locals()` in `create`, and the
# request builder of the project's event stream. Response pages, the other request bodies, the
# error documents and the endpoint modules of the operations load on a program's first call.
_CLIENT_MAY_LOAD = {
    "opentasks_api.api.events",
    "opentasks_api.api.events.list_events",
    *(
        f"opentasks_api.models.{name}"
        for name in (
            "event",
            "event_page",
            "event_type",
            "execution",
            "execution_status",
            "field_error",
            "flag",
            "initial_task_status",
            "json_object",
            "problem",
            "session",
            "session_create",
            "session_update",
            "task",
            "task_create",
            "task_status",
            "task_update",
            "test",
            "test_status",
            "validation_problem",
        )
    ),
}


def test_building_a_client_loads_no_endpoint_module_of_an_operation() -> None:
    """A new `Client` has loaded none of the operations' endpoint modules, nor their pages.

    Each overlay method imports the generated endpoint function (and the models only its request
    or response needs) when it is first called.
    """
    loaded = _loaded_by("from opentasks import Client; Client(api_key='ot_' + 'x' * 43)")
    generated = {
        name for name in loaded if name.startswith(("opentasks_api.api.", "opentasks_api.models."))
    }
    assert generated <= _CLIENT_MAY_LOAD, sorted(generated - _CLIENT_MAY_LOAD)
    assert not {"opentasks_server", "opentasks_schema", "pydantic"} & loaded


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    """Each name of `__all__` loads on first use; `dir()` and `import *` see them all."""
    code = """
import json, opentasks
listed = set(dir(opentasks))
values = {name: type(getattr(opentasks, name)).__name__ for name in opentasks.__all__}
namespace = {}
exec("from opentasks import *", namespace)
print(json.dumps({"listed": sorted(listed), "values": values, "star": sorted(namespace)}))
"""
    result = _fresh(code)
    assert isinstance(result, dict)
    assert set(opentasks.__all__) <= set(result["listed"])
    assert sorted(result["values"]) == sorted(opentasks.__all__)
    assert set(result["star"]) - {"__builtins__"} == set(opentasks.__all__)


def test_an_unknown_name_raises_attribute_error() -> None:
    """A name the package does not have raises `AttributeError`, as on any module."""
    code = """
import json, opentasks
try:
    opentasks.Tsk
except AttributeError as error:
    print(json.dumps(str(error)))
"""
    assert _fresh(code) == "module 'opentasks' has no attribute 'Tsk'"


def test_lazy_table_agrees_with_the_type_checking_imports() -> None:
    """The table `__getattr__` loads from names the modules the type checkers are shown.

    Type checkers read the `if typing.TYPE_CHECKING:` imports of `opentasks/__init__.py`; the
    interpreter reads `opentasks._generated._exports`. Both must name the same module for each
    name of `__all__`.
    """
    source = Path(inspect.getfile(opentasks)).read_text(encoding="utf-8")
    shown: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "typing.TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                package = "opentasks." if statement.level else ""
                module = package + (statement.module or "")
                shown.update((alias.name, module) for alias in statement.names)
    assert shown == SOURCES
    assert set(shown) == set(opentasks.__all__) - {"__version__"}


def test_generated_models_load_lazily_and_all_resolve() -> None:
    """`opentasks_api.models` imports a model's module on first use; every model resolves."""
    code = """
import json, sys, types
import opentasks_api.models as models
before = sorted(name for name in sys.modules if name.startswith("opentasks_api.models."))
from opentasks_api.models import Task
one = sorted(name for name in sys.modules if name.startswith("opentasks_api.models."))
values = {name: getattr(models, name) for name in models.__all__}
aliases = sorted(name for name, value in values.items() if isinstance(value, types.GenericAlias))
where = {name: value.__module__ for name, value in values.items() if name not in aliases}
print(json.dumps({"before": before, "one": one, "where": where, "aliases": aliases, "dir": dir(models)}))
"""
    result = _fresh(code)
    assert isinstance(result, dict)
    assert result["before"] == []
    # Task's own module and the models its fields are typed with (the two enums, the workflow
    # steps), and theirs in turn: each model imports the ones it refers to once, when it loads.
    assert result["one"] == [
        "opentasks_api.models.chat_message",
        "opentasks_api.models.chat_role",
        "opentasks_api.models.error_step",
        "opentasks_api.models.evaluate_expressions",
        "opentasks_api.models.evaluate_step",
        "opentasks_api.models.flag",
        "opentasks_api.models.if_else_step",
        "opentasks_api.models.json_object",
        "opentasks_api.models.prompt_step",
        "opentasks_api.models.task",
        "opentasks_api.models.task_status",
        "opentasks_api.models.tool_call_step",
        "opentasks_api.models.unknown_step",
        "opentasks_api.models.yield_arguments",
        "opentasks_api.models.yield_step",
    ]
    # A free-form JSON object schema is an alias of `dict[str, Any]`, not a class.
    assert result["aliases"] == ["JsonObject"]
    assert set(result["where"]) | {"JsonObject"} == set(opentasks_api.models.__all__)
    for name, module in result["where"].items():
        assert module.startswith("opentasks_api.models."), name
    assert set(opentasks_api.models.__all__) <= set(result["dir"])
