"""Write the SDK's namespace methods from openapi.yaml, or check that they are up to date.

Usage::

    python generator/sdk_methods.py            # rewrite overlay/opentasks/_async/_generated/
    python generator/sdk_methods.py --check    # exit 1 if a file there is stale or hand-edited

An operation becomes a method of a namespace of the client (``client.tasks.create``) when it
carries an ``x-sdk`` extension::

    x-sdk:
      method: tasks.set_status                       # namespace.method (the async one: aset_status)
      params: [status, "*", reason, output, if_match, idempotency_key]

Everything else comes from the operation itself:

- the path parameters are the first positional arguments;
- ``params`` lists the other arguments in order, positional up to ``"*"`` and keyword-only after
  it (all keyword-only without one). A name is a property of the request body, a query
  parameter, or one of the call options ``extra_fields``, ``extra_headers``, ``extra_query``,
  ``idempotency_key`` and ``if_match``; ``**fields`` takes the whole body as keywords typed by
  the generated ``opentasks_api.fields`` (a property added to the spec is a keyword at once);
  ``{types: type}`` is the argument ``types`` sending the query parameter ``type``.
  Every method also takes ``timeout``; a list operation (one answering a ``…Page``) also takes
  ``after`` and ``page_size`` and returns a pager;
- the body is built from the given properties by ``build_body`` (which sends a value an enum
  of this SDK does not know as it is given, for the server to accept or refuse);
- the answer is turned into the overlay class of its schema (``Task._from_response``), a page
  into a pager of them, an ``Event`` into the overlay's ``Event``, any other schema is returned
  as the generated model;
- the docstring is the operation's summary and description, Args from the descriptions of the
  parameters and properties, Returns from the success response, and Raises from its documented
  error responses, named by the SDK's exception classes.

``summary`` replaces the operation's summary and description in the docstring, and
``method: Client.name`` makes a method of the client itself (``client.events``).

Each namespace's methods go into ``overlay/opentasks/_async/_generated/_<namespace>.py`` as a
class ``Async<Namespace>Operations``, which the hand-written namespace extends; the sync twin is
then written by ``generator/unasync.py`` like every other async module. The methods of the model
objects and of the client that forward to a namespace's method (``forwards``, see
``ForwardWriter``) go into ``_async/_generated/_objects.py``, and each namespace's public class
(``Tasks``), with its ``with_raw_response`` view, into ``overlay/opentasks/_generated/``.
"""

from __future__ import annotations

import argparse
import builtins
import difflib
import keyword
import runpy
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi.yaml"
TARGET = REPO / "overlay" / "opentasks" / "_async" / "_generated"
RAW_TARGET = REPO / "overlay" / "opentasks" / "_generated"
FIX_COMMAND = "python -m nox -s generate"
BANNER = (
    f"# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `{FIX_COMMAND}`"
)
KEY = "x-sdk"
METHODS = ("get", "put", "post", "delete", "patch")
REF_SCHEMA = "#/components/schemas/"
REF_PARAMETER = "#/components/parameters/"
REF_RESPONSE = "#/components/responses/"
JSON = "application/json"
EVENT_STREAM = "text/event-stream"
WIDTH = 96

# The overlay classes that bind an answer of their schema to the client (`_from_response`), and
# those that are plain subclasses of the generated model (rebased field by field).
BOUND = {
    "Task": "opentasks._task",
    "Session": "opentasks._session",
    "Execution": "opentasks._execution",
    "Test": "opentasks._test_run",
}
REBASED = {"Event": "opentasks._sse"}

# Error answers any call may get (a bad key, a rate limit, a body the server cannot read) are
# documented once, in the errors module; a method's Raises names those of its own operation.
RAISES = {
    404: "NotFoundError",
    409: "ConflictError",
    412: "PreconditionFailedError",
    422: "UnprocessableEntityError",
}

OPTIONS: Mapping[str, tuple[str, str]] = {
    "extra_fields": (
        "Mapping[str, Any] | None",
        "Fields of a newer API version that this SDK has no keyword for.",
    ),
    "extra_headers": (
        "Mapping[str, str] | None",
        "Headers to send with this call's request, over the client's.",
    ),
    "extra_query": (
        "Mapping[str, QueryValue] | None",
        "Query parameters to add to this call's request.",
    ),
    "idempotency_key": (
        "str | None",
        "Sent as `Idempotency-Key`; a random one is used when omitted.",
    ),
    "if_match": (
        "str | int | None",
        "Sent as `If-Match`: apply only if the resource is still at this version (a version "
        "number or an ETag).",
    ),
}
HEADERS = {"idempotency_key": "Idempotency-Key", "if_match": "If-Match"}
Schema = Mapping[str, Any]


class SpecError(RuntimeError):
    """An `x-sdk` extension does not fit its operation."""


@dataclass
class Param:
    """One argument of a generated method."""

    name: str
    annotation: str
    default: str | None
    doc: str
    kind: str  # path, body, query, option, page
    enum: str | None = None
    wire: str | None = None  # the generated function's keyword, when not `name` (an alias)


@dataclass
class Method:
    """One generated method, with what its body needs."""

    namespace: str
    name: str
    operation_id: str
    tag: str
    operation: Schema
    positional: list[Param] = field(default_factory=list)
    keyword: list[Param] = field(default_factory=list)
    fields: str | None = None  # the request schema, when the body is `**fields`
    body_schema: str | None = None
    returns: str | None = None  # the response schema
    items: str | None = None  # the item schema of a page
    stream: bool = False  # the answer is an event stream (`text/event-stream`)
    forwards: list[Schema] = field(default_factory=list)


# The arguments every event stream method takes after the operation's own.
STREAM_OPTIONS = {
    "idle_timeout": Param(
        "idle_timeout",
        "float | None",
        "None",
        "Seconds without a byte before reconnecting (client default if `None`).",
        "stream",
    ),
    "max_reconnects": Param(
        "max_reconnects",
        "int | None",
        "None",
        "Failed reconnects before `EventStreamError` (client default).",
        "stream",
    ),
}


def _types() -> Callable[[Mapping[str, Schema]], Any]:
    """The input types of request_fields.py, loaded by path (generator/ is not a package)."""
    return runpy.run_path(str(Path(__file__).with_name("request_fields.py")))["_Types"]


def words(text: object) -> str:
    """Collapse a description's white space."""
    return " ".join(str(text or "").split())


def sentence(text: str) -> str:
    """End a description with a full stop."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def camel_words(name: str) -> str:
    """`TaskStatus` → `task status`, for error messages."""
    out = "".join(f" {c.lower()}" if c.isupper() else c for c in name)
    return out.strip()


class Reader:
    """Reads the `x-sdk` methods of the spec."""

    def __init__(self, spec: Schema) -> None:
        self.spec = spec
        components = spec.get("components", {})
        self.schemas: Mapping[str, Schema] = components.get("schemas", {})
        self.parameters: Mapping[str, Schema] = components.get("parameters", {})
        self.responses: Mapping[str, Schema] = components.get("responses", {})
        self.types = _types()(self.schemas)

    def deref(self, item: Schema, prefix: str, table: Mapping[str, Schema]) -> Schema:
        """Follow a `$ref` into `table` (parameters, responses or schemas)."""
        ref = item.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            return table[ref.removeprefix(prefix)]
        return item

    def schema_name(self, schema: Schema) -> str | None:
        """The name of the schema a `$ref` names, if it is one."""
        ref = schema.get("$ref")
        return ref.removeprefix(REF_SCHEMA) if isinstance(ref, str) else None

    def methods(self) -> list[Method]:
        """Every operation with `x-sdk`, as a method, in the spec's order."""
        found = []
        for path, item in self.spec.get("paths", {}).items():
            shared = [
                self.deref(p, REF_PARAMETER, self.parameters) for p in item.get("parameters", [])
            ]
            for verb, operation in item.items():
                if verb not in METHODS or KEY not in operation:
                    continue
                own = [
                    self.deref(p, REF_PARAMETER, self.parameters)
                    for p in operation.get("parameters", [])
                ]
                try:
                    found.append(self.method(operation, [*shared, *own]))
                except (KeyError, ValueError) as error:
                    msg = f"{verb.upper()} {path} ({operation.get('operationId')}): {KEY}: {error}"
                    raise SpecError(msg) from error
        return found

    def method(self, operation: Schema, parameters: list[Schema]) -> Method:
        """Read one operation's `x-sdk`, with the operation's own parameters and schemas."""
        sdk: Schema = operation[KEY]
        unknown = set(sdk) - {"method", "params", "body", "forwards", "summary"}
        if unknown:
            msg = (
                f"unknown keys {sorted(unknown)}; the keys are method, params, body, forwards, "
                "summary"
            )
            raise ValueError(msg)
        namespace, _, name = str(sdk["method"]).partition(".")
        method = Method(namespace, name, operation["operationId"], operation["tags"][0], operation)
        method.forwards = list(sdk.get("forwards", []))
        by_name = {p["name"]: p for p in parameters}
        method.positional = [
            Param(p["name"], "str", None, sentence(words(p.get("description"))), "path")
            for p in parameters
            if p["in"] == "path"
        ]
        success = next(
            answer
            for status, answer in operation["responses"].items()
            if str(status).startswith("2")
        )
        content = self.deref(success, REF_RESPONSE, self.responses).get("content", {})
        method.stream = EVENT_STREAM in content
        returns = (
            None if method.stream else self.schema_name(content.get(JSON, {}).get("schema", {}))
        )
        if returns is not None and returns.endswith("Page"):
            data = self.schemas[returns]["properties"]["data"]
            method.items = self.schema_name(data["items"])
        method.returns = returns
        body = operation.get("requestBody", {}).get("content", {}).get(JSON, {}).get("schema")
        method.body_schema = self.schema_name(body) if body else None
        properties: Schema = {}
        required: Sequence[str] = []
        if method.body_schema is not None:
            schema = self.schemas[method.body_schema]
            properties = schema.get("properties", {})
            required = schema.get("required", [])
        hook = sdk.get("body")
        if hook == "fields":
            method.fields = method.body_schema
        elif hook is not None:
            msg = f"`body: {hook}`: the one value of `body` is `fields` (the body as **fields)"
            raise ValueError(msg)
        params = list(sdk.get("params", []))
        target = method.positional if "*" in params else method.keyword
        for entry in params:
            if entry == "*":
                target = method.keyword
                continue
            if isinstance(entry, Mapping):  # `{alias: name}`: the argument `alias` sends `name`
                ((alias, name),) = entry.items()
                param = self.param(name, properties, required, by_name)
                target.append(replace(param, name=alias, wire=_python_name(name)))
                continue
            target.append(self.param(entry, properties, required, by_name))
        if method.stream:
            method.keyword += [STREAM_OPTIONS["idle_timeout"], STREAM_OPTIONS["max_reconnects"]]
        if method.items is not None:
            limit = by_name["limit"]
            method.keyword += [
                Param(
                    "after",
                    "str | None",
                    "None",
                    sentence(words(by_name["after"]["description"])),
                    "page",
                ),
                Param(
                    "page_size",
                    "int",
                    "DEFAULT_PAGE_SIZE",
                    f"{sentence(words(limit['description']))[:-1]} (1 to 100).",
                    "page",
                ),
            ]
        return method

    def param(
        self, name: str, properties: Schema, required: Sequence[str], by_name: Mapping[str, Schema]
    ) -> Param:
        """Type and document one entry of `params`."""
        if name in OPTIONS:
            annotation, doc = OPTIONS[name]
            header = HEADERS.get(name)
            if header and not any(p.get("name") == header for p in by_name.values()):
                msg = f"`{name}` is not a parameter of the operation (no {header} header)"
                raise ValueError(msg)
            return Param(name, annotation, "None", doc, "option")
        if name in properties:
            schema = properties[name]
            annotation = self.types.of(schema)
            default: str | None = None
            if name not in required:
                if "default" in schema:
                    default = repr(schema["default"])
                else:
                    default = "None"
                    if "None" not in annotation.split(" | "):
                        annotation += " | None"
            doc = sentence(self.types.describe(schema))
            return Param(name, annotation, default, doc, "body")
        parameter = by_name.get(name)
        if parameter is not None and parameter["in"] == "query":
            schema = parameter.get("schema", {})
            # A parameter with a default takes it as its own (`follow: bool = False`).
            annotation = (
                self.types.of(schema) if "default" in schema else f"{self.types.of(schema)} | None"
            )
            enum = self.schema_name(schema)
            if enum is not None and "enum" not in self.schemas[enum]:
                enum = None
            return Param(
                name,
                annotation,
                repr(schema.get("default")),
                sentence(words(parameter.get("description"))),
                "query",
                enum,
            )
        msg = f"`{name}` is neither a property of the body, a query parameter nor a call option"
        raise ValueError(msg)


def _python_name(name: str) -> str:
    """The keyword the generated functions take for a parameter (openapi-python-client's rule)."""
    reserved = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}
    return f"{name}_" if name in reserved or keyword.iskeyword(name) else name


def _doc(lines: list[str]) -> str:
    body = "\n".join(f"        {line}" if line else "" for line in lines)
    return f'        """{body.lstrip()}\n        """\n'


def _entry(name: str, text: str) -> list[str]:
    return textwrap.wrap(
        f"{name}: {text}",
        WIDTH - 12,
        initial_indent="    ",
        subsequent_indent="        ",
        break_on_hyphens=False,
    )


def _returns(text: list[str]) -> list[str]:
    """The Returns section of a docstring, if there is something to return."""
    if not text:
        return []
    wrapped = textwrap.wrap(
        text[0], WIDTH - 12, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
    )
    return ["", "Returns:", *wrapped]


class Writer:
    """Writes the source of one namespace's module."""

    def __init__(self, reader: Reader, namespace: str, methods: list[Method]) -> None:
        self.reader = reader
        self.namespace = namespace
        self.methods = methods
        self.runtime: dict[str, set[str]] = {}
        self.typing: dict[str, set[str]] = {}
        self.client = "self._client"  # how a method reaches the client

    def need(self, table: dict[str, set[str]], module: str, name: str) -> None:
        """Record an import the module needs (at run time, or for type checkers only)."""
        table.setdefault(module, set()).add(name)

    def class_name(self) -> str:
        """`AsyncTasksOperations` for `tasks`."""
        return f"Async{self.namespace.title()}Operations"

    def source(self) -> str:
        """The module's source, unformatted."""
        bodies = [self.method(method) for method in self.methods]
        self.need(self.runtime, "opentasks._resource", "Namespace")
        self.need(self.typing, "opentasks._http", "TimeoutTypes")
        lines = [
            BANNER,
            f'"""The `client.{self.namespace}` operations of openapi.yaml (their `x-sdk`), in async form."""',
            "",
            "from __future__ import annotations",
            "",
            "from typing import TYPE_CHECKING",
            "",
            *self.imports(self.runtime),
            "",
            "if TYPE_CHECKING:",
            *(f"    {line}" for line in self.imports(self.typing)),
            "",
            f'__all__ = ["{self.class_name()}"]',
            "",
            "",
            f"class {self.class_name()}(Namespace):",
            f'    """The operations of `client.{self.namespace}`, as the spec describes them."""',
            "",
        ]
        if self.namespace == "tests":
            lines += ["    __test__ = False  # not a pytest test class, whatever its name", ""]
        return "\n".join(lines) + "\n" + "\n".join(bodies)

    def imports(self, table: Mapping[str, set[str]]) -> list[str]:
        """The import lines of `table`."""
        return [
            f"from {module} import {', '.join(sorted(names))}"
            for module, names in sorted(table.items())
        ]

    def annotate(self, annotation: str) -> None:
        """Record the imports an annotation needs."""
        for model in sorted(self.reader.types.models):
            if model in annotation.replace("|", " ").split():
                self.need(self.typing, "opentasks_api.models", model)
        if "Mapping[" in annotation:
            self.need(self.typing, "collections.abc", "Mapping")
        if "Sequence[" in annotation:
            self.need(self.typing, "collections.abc", "Sequence")
        if "Any" in annotation.replace("[", " ").replace("]", " ").replace(",", " ").split():
            self.need(self.typing, "typing", "Any")
        if "QueryValue" in annotation:
            self.need(self.typing, "opentasks._context", "QueryValue")
        if "datetime." in annotation:
            self.need(self.typing, "datetime", "datetime")

    def returns(self, method: Method) -> tuple[str, list[str]]:
        """The return annotation and the Returns section."""
        success = next(
            answer
            for status, answer in method.operation["responses"].items()
            if str(status).startswith("2")
        )
        description = sentence(words(success.get("description")))
        lowered = description[:1].lower() + description[1:]
        if method.stream:
            self.need(self.typing, "opentasks._async._streaming", "AsyncEventStream")
            return "AsyncEventStream", [
                "An `AsyncEventStream` of `Event` objects, connected when it is first iterated; "
                "it reconnects and resumes by itself. Close it (or use it as a context manager) "
                "to stop early."
            ]
        if method.items is not None:
            item = self.item_class(method.items)
            self.need(self.typing, "opentasks._async._pagination", "AsyncPager")
            return f"AsyncPager[{item}]", [
                f"A pager over `{item}` objects ({lowered[:-1]}), fetching each page as it is "
                "iterated; `.pages()` gives the pages themselves."
            ]
        if method.returns is None:
            return "None", []
        cls = self.item_class(method.returns)
        return cls, [f"A `{cls}`: {lowered}"]

    def item_class(self, schema: str) -> str:
        """The class an answer of `schema` becomes, recording its import."""
        if schema in BOUND:
            self.need(self.runtime, BOUND[schema], schema)
        elif schema in REBASED:
            self.need(self.runtime, REBASED[schema], schema)
        else:
            self.need(self.typing, "opentasks_api.models", schema)
        return schema

    def raises(self, method: Method, if_match: bool | None = None) -> list[str]:
        """The Raises section: the call's own mistakes, then the operation's error answers.

        A stale `If-Match` (412) is listed only where the call sends one: `if_match` tells, or
        else whether the method takes `if_match`.
        """
        if method.stream:
            return []  # a stream raises while it is iterated, not when it is made
        if if_match is None:
            if_match = any(p.name == "if_match" for p in method.keyword)
        lines: list[str] = []
        if method.fields is not None:
            lines += _entry(
                "TypeError",
                f"A keyword is not a property of `{method.fields}`, or a required one is missing.",
            )
        # Only a nested model (a workflow step, ...) can fail to parse: a value of an enum this
        # SDK does not know is sent as it is.
        nested = any(
            p.kind == "body" and " | Mapping[str, Any]" in p.annotation
            for p in [*method.positional, *method.keyword]
        )
        if method.fields is not None or nested:
            lines += _entry(
                "ValueError",
                "A field cannot be turned into the request body (e.g. a workflow step of an "
                "unknown kind).",
            )
        enums = [f"`{p.name}`" for p in method.keyword if p.enum is not None]
        if enums:
            names = f"{', '.join(enums[:-1])} or {enums[-1]}" if len(enums) > 1 else enums[0]
            lines += _entry("ValueError", f"{names} is not a value this SDK knows.")
        for status, answer in method.operation["responses"].items():
            name = RAISES.get(int(status)) if str(status).isdigit() else None
            if name is None or (int(status) == 412 and not if_match):
                continue
            answer = self.reader.deref(answer, REF_RESPONSE, self.reader.responses)
            lines += _entry(name, sentence(words(answer.get("description"))))
        return lines

    def signature(self, method: Method, returns: str) -> list[str]:
        """The `def` line of the method."""
        out = ["self", *(self.declare(p) for p in method.positional), "*"]
        out += [self.declare(p) for p in method.keyword]
        if not method.stream:
            out.append("timeout: TimeoutTypes | None = None")
        if method.fields is not None:
            fields = f"{method.fields}Fields"
            self.need(self.typing, "opentasks_api.fields", fields)
            self.need(self.typing, "typing", "Unpack")
            out.append(f"**fields: Unpack[{fields}]")
        args = "".join(f"        {item},\n" for item in out)
        prefix = "def" if method.items is not None or method.stream else "async def"
        return [f"    {prefix} a{method.name}(\n{args}    ) -> {returns}:"]

    def declare(self, param: Param) -> str:
        """One parameter of the `def` line, recording the imports it needs."""
        self.annotate(param.annotation)
        if param.default == "DEFAULT_PAGE_SIZE":
            self.need(self.runtime, "opentasks._pagination", "DEFAULT_PAGE_SIZE")
        default = "" if param.default is None else f" = {param.default}"
        return f"{param.name}: {param.annotation}{default}"

    def docstring(self, method: Method, returns: list[str]) -> str:
        """The Google-style docstring, from the spec's texts."""
        operation = method.operation
        # An `x-sdk` summary speaks of the method alone, in place of the operation's texts.
        summary = operation[KEY].get("summary")
        lines = [sentence(words(summary or operation.get("summary"))), ""]
        description = words(operation.get("description"))
        if description and not summary and description != lines[0]:
            lines += [*textwrap.wrap(description, WIDTH - 8, break_on_hyphens=False), ""]
        lines.append("Args:")
        for param in [*method.positional, *method.keyword]:
            lines += _entry(param.name, param.doc)
        timeout = "each page's request" if method.items is not None else "this call"
        if not method.stream:
            lines += _entry("timeout", f"A timeout for {timeout} instead of the client's.")
        if method.fields is not None:
            schema = self.reader.schemas[method.fields]
            text = (
                f"The properties of the `{method.fields}` body, one keyword each: "
                f"{sentence(words(schema.get('description')))[:-1].lower()}; see "
                f"`opentasks_api.fields.{method.fields}Fields`."
            )
            lines += _entry("**fields", text)
        lines += _returns(returns)
        raises = self.raises(method)
        if raises:
            lines += ["", "Raises:", *raises]
        return _doc(lines)

    def method(self, method: Method) -> str:
        """The source of one method: its signature, docstring and body."""
        returns, returns_doc = self.returns(method)
        head = self.signature(method, returns)
        doc = self.docstring(method, returns_doc)
        endpoint = f"{method.operation_id}.asyncio_detailed"
        code = [f"from opentasks_api.api.{method.tag} import {method.operation_id}"]
        call_kwargs: list[str] = []
        if method.fields is not None:
            self.need(self.runtime, "opentasks._resource", "build_body")
            self.need(self.runtime, "opentasks._resource", "request_fields")
            code.append(f"from opentasks_api.fields import {method.fields}Fields")
            code.append(f"from opentasks_api.models import {method.fields}")
            code.append("")
            extra = (
                "extra_fields" if any(p.name == "extra_fields" for p in method.keyword) else "None"
            )
            code.append(
                f'given = request_fields({method.fields}Fields, "a{method.name}", fields, {extra})'
            )
            call_kwargs.append(f"body=build_body({method.fields}, given)")
        elif method.body_schema is not None:
            body_params = [p for p in [*method.positional, *method.keyword] if p.kind == "body"]
            self.need(self.runtime, "opentasks._resource", "build_body")
            self.need(self.runtime, "opentasks._resource", "present")
            code.append(f"from opentasks_api.models import {method.body_schema}")
            given = ", ".join(f'"{p.name}": {p.name}' for p in body_params)
            call_kwargs.append(f"body=build_body({method.body_schema}, present({{{given}}}))")
        for param in [] if method.stream else method.keyword:
            if param.name == "extra_headers":
                call_kwargs.append("extra_headers=extra_headers")
            elif param.name == "extra_query":
                call_kwargs.append("extra_query=extra_query")
            elif param.name == "if_match":
                self.need(self.runtime, "opentasks._resource", "if_match_header")
                call_kwargs.append("if_match=if_match_header(if_match)")
            elif param.name == "idempotency_key":
                self.need(self.runtime, "opentasks_api.types", "UNSET")
                call_kwargs.append("idempotency_key=idempotency_key or UNSET")
            elif param.kind == "query":
                self.need(self.runtime, "opentasks_api.types", "UNSET")
                value = param.name
                if param.enum is not None:
                    self.need(self.runtime, "opentasks._statuses", "to_member")
                    code.append(f"from opentasks_api.models import {param.enum}")
                    value = f'to_member({param.enum}, {param.name}, "{camel_words(param.enum)}")'
                name = param.wire or param.name
                call_kwargs.append(f"{name}=UNSET if {param.name} is None else {value}")
        path_args = [p.name for p in method.positional if p.kind == "path"]
        if method.stream:
            given = [
                f"{p.wire or p.name}=UNSET if {p.name} is None else list({p.name})"
                if p.annotation.startswith("Sequence[")
                else f"{p.wire or p.name}={p.name}"
                for p in method.keyword
            ]
            if any("UNSET" in arg for arg in given):
                self.need(self.runtime, "opentasks_api.types", "UNSET")
            # Imported when first called: the models' module (`_objects.py`) holds the client's
            # stream method, and a program that never streams does not load the stream code.
            code = [
                code[0],
                "from opentasks._async._streaming import astream",
                "",
                f"return astream({self.client}, {method.operation_id}, {', '.join([*path_args, *given])})",
            ]
        elif method.items is not None:
            self.need(self.runtime, "opentasks._async._calls", "apaginate")
            page = method.returns
            code.append(f"from opentasks_api.models import {page}")
            self.need(self.runtime, "opentasks._resource", "load_page")
            bind = f", {self.client}, {method.items}" if method.items in BOUND else ""
            load = f"lambda response: load_page({page}, response{bind})"
            items = [
                self.client,
                "timeout",
                endpoint,
                load,
                *path_args,
                "after=after",
                "page_size=page_size",
                *call_kwargs,
            ]
            code.append("")
            code.append("return apaginate(" + ", ".join(items) + ")")
        else:
            self.need(self.runtime, "opentasks._async._calls", "arequest")
            items = [self.client, "timeout", endpoint, *path_args, *call_kwargs]
            call = "await arequest(" + ", ".join(items) + ")"
            code.append("")
            if method.returns is None:
                code.append(call)
            elif method.returns in BOUND:
                code.append(f"response = {call}")
                code.append(f"return {method.returns}._from_response({self.client}, response)")
            elif method.returns in REBASED:
                self.need(self.runtime, "opentasks._resource", "expect")
                self.need(self.runtime, "opentasks._resource", "rebase")
                code.append(f"from opentasks_api.models import {method.returns} as _Generated")
                code.append(f"response = {call}")
                code.append(f"return rebase({method.returns}, expect(response, _Generated))")
            else:
                self.need(self.runtime, "opentasks._resource", "expect")
                code.append(f"from opentasks_api.models import {method.returns} as _Answer")
                code.append(f"response = {call}")
                code.append("return expect(response, _Answer)")
        body = "".join(f"        {line}\n" if line else "\n" for line in code)
        return "\n".join(head) + "\n" + doc + body


# The classes that forward to a namespace's methods: where their state lives (for type checkers),
# and what supplies the operation's path parameter (`None`: the caller passes it).
OBJECTS: Mapping[str, tuple[str, str, str | None]] = {
    "Task": ("opentasks._task", "TaskBase", "self.id"),
    "Session": ("opentasks._session", "SessionBase", "self.id"),
    "Execution": ("opentasks._execution", "ExecutionBase", "self.id"),
    "Test": ("opentasks._test_run", "TestBase", "self.id"),
    "TaskExecutions": ("opentasks._resource", "Namespace", "self.task_id"),
    "Client": ("opentasks._client", "ClientBase", None),
}
# `method: Client.name` makes a method of the client itself, written with the forwards.
CLIENT = "Client"
FORWARD_KEYS = ("to", "params", "required", "absorb", "set", "summary")
ABSORB = {
    "keep_local": (
        "True",
        "The object takes the server's answer, keeping unsaved local edits of other fields.",
    ),
    "replace": ("False", "The object takes the server's answer, dropping unsaved local edits."),
}
SPECIAL = {
    "timeout": Param("timeout", "TimeoutTypes | None", "None", "", "option"),
    "page_size": Param("page_size", "int", "DEFAULT_PAGE_SIZE", "", "page"),
}


class ForwardWriter(Writer):
    """Writes the module of the classes whose methods forward to the namespaces' methods.

    A forward (`x-sdk: forwards:` of an operation) is a method of a model object or of the
    client that calls the namespace's method with the object's id (`task.set_status(...)` calls
    `client.tasks.set_status(task.id, ...)`) and, with `absorb`, updates the object from the
    answer and returns it. `required` names optional arguments of the namespace's method that
    the forward takes without a default (`client.update_test(test_id, status)`).
    """

    def __init__(self, reader: Reader, methods: list[Method]) -> None:
        super().__init__(reader, "", methods)

    def source(self) -> str:
        """The module's source, unformatted."""
        by_class: dict[str, list[str]] = {}
        for method in self.methods:
            if method.namespace == CLIENT:
                self.client = "self"
                by_class.setdefault(CLIENT, []).append(self.method(method))
                self.client = "self._client"
            for forward in method.forwards:
                unknown = set(forward) - set(FORWARD_KEYS)
                if unknown:
                    msg = f"{method.operation_id}: forwards: unknown keys {sorted(unknown)}"
                    raise SpecError(msg)
                owner, _, name = str(forward["to"]).partition(".")
                by_class.setdefault(owner, []).append(self.forward(method, forward, owner, name))
        self.need(self.runtime, "typing", "TYPE_CHECKING")
        classes, bases, names = [], [], []
        for owner, bodies in sorted(by_class.items()):
            module, base, _ = OBJECTS[owner]
            alias = f"_{base}"
            if base == "Namespace":
                self.need(self.runtime, module, base)
                alias = base
            else:
                self.need(self.typing, module, f"{base} as {alias}")
                bases.append(alias)
            names.append(f"Async{owner}Operations")
            head = [
                f"class Async{owner}Operations({alias}):",
                f'    """The methods of `{owner}` that call one operation each, in async form."""',
                "",
            ]
            if alias != "Namespace" and owner != "Client":
                head += ["    __slots__ = ()", ""]
            if owner == "TaskExecutions":
                head += ["    task_id: str", ""]
            classes.append("\n".join(head) + "\n" + "\n".join(bodies))
        fallback = "".join(f"    {alias} = object\n" for alias in sorted(bases))
        exported = ", ".join(f'"{name}"' for name in sorted(names))
        return (
            f"{BANNER}\n"
            '"""The methods of the SDK\'s objects that forward to a namespace (`x-sdk` forwards)."""\n\n'
            "from __future__ import annotations\n\n"
            + "\n".join(self.imports(self.runtime))
            + "\n\nif TYPE_CHECKING:\n"
            + "\n".join(f"    {line}" for line in self.imports(self.typing))
            + "\nelse:\n    # Type checkers see the state these methods use; at run time the public class\n"
            "    # brings it.\n"
            + fallback
            + f"\n__all__ = [{exported}]\n\n\n"
            + "\n\n".join(classes)
        )

    def forward(self, method: Method, forward: Schema, owner: str, name: str) -> str:
        """The source of one forwarding method."""
        _, _, bound = OBJECTS[owner]
        known = {p.name: p for p in [*method.positional, *method.keyword]}
        sets: Mapping[str, str] = forward.get("set", {})
        path = [p for p in method.positional if p.kind == "path"]
        positional: list[Param] = [] if bound and path else list(path)
        keyword: list[Param] = []
        target = positional
        for entry in forward.get("params", []):
            if entry == "*":
                target = keyword
                continue
            param = SPECIAL.get(entry) or known.get(entry)
            if param is None:
                msg = f"{method.operation_id}: forwards {forward['to']}: no parameter `{entry}`"
                raise SpecError(msg)
            if entry in forward.get("required", []):
                # An optional argument of the namespace's method that this forward requires.
                annotation = param.annotation.removesuffix(" | None")
                param = replace(param, annotation=annotation, default=None)
            target.append(param)
        absorb = forward.get("absorb")
        if absorb is not None:
            self.need(self.typing, "typing", "Self")
            returns, returns_doc = "Self", [f"This `{owner}`, updated from the answer."]
        else:
            returns, returns_doc = self.returns(method)
        for param in [*positional, *keyword]:
            self.declare(param)
        out = ["self", *(self.declare(p) for p in positional)]
        if keyword:
            out += ["*", *(self.declare(p) for p in keyword)]
        args = "".join(f"        {item},\n" for item in out)
        prefix = "def" if method.items is not None or method.stream else "async def"
        head = f"    {prefix} a{name}(\n{args}    ) -> {returns}:"
        # The docstring.
        summary = forward.get("summary") or sentence(words(method.operation.get("summary")))
        lines = [sentence(str(summary)), ""]
        if absorb is not None:
            lines += [*textwrap.wrap(ABSORB[absorb][1], WIDTH - 8), ""]
        documented = [*positional, *keyword]
        if documented:
            lines.append("Args:")
            for param in documented:
                text = param.doc
                if param.name == "timeout":
                    text = "A timeout for this call instead of the client's."
                elif param.name == "page_size" and param.kind == "page":
                    text = next(p.doc for p in method.keyword if p.name == "page_size")
                lines += _entry(param.name, text)
        lines += _returns(returns_doc)
        sends_if_match = "if_match" in sets or any(p.name == "if_match" for p in keyword)
        raises = self.raises(method, if_match=sends_if_match)
        if raises:
            lines += ["", "Raises:", *raises]
        # The call.
        call_args = [bound] if bound and path else [p.name for p in path]
        given = {p.name for p in [*positional, *keyword]} - {p.name for p in path}
        call_kwargs = [f"{n}={n}" for n in [p.name for p in [*positional, *keyword]] if n in given]
        call_kwargs += [f"{n}=self.{v}" for n, v in sets.items()]
        receiver = "self" if owner == "Client" else "self._client"
        call = (
            f"{receiver}.{method.namespace}.a{method.name}("
            + ", ".join([*call_args, *call_kwargs])
            + ")"
        )
        if method.items is not None or method.stream:
            body = [f"return {call}"]
        elif absorb is not None:
            body = [
                f"fresh = await {call}",
                f"self._absorb(fresh, keep_local={ABSORB[absorb][0]})",
                "return self",
            ]
        elif method.returns is None:
            body = [f"await {call}"]
        else:
            body = [f"return await {call}"]
        return head + "\n" + _doc(lines) + "".join(f"        {line}\n" for line in body)

    def item_class(self, schema: str) -> str:
        """The class an answer of `schema` becomes; only named for type checkers here."""
        module = BOUND.get(schema) or REBASED.get(schema) or "opentasks_api.models"
        self.need(self.typing, module, schema)
        return schema

    def declare(self, param: Param) -> str:
        """One parameter of the `def` line; its imports are for type checkers only."""
        text = super().declare(param)
        if param.default == "DEFAULT_PAGE_SIZE":
            self.need(self.runtime, "opentasks._pagination", "DEFAULT_PAGE_SIZE")
        if "TimeoutTypes" in param.annotation:
            self.need(self.typing, "opentasks._http", "TimeoutTypes")
        return text


def module_sources(spec: Schema) -> dict[Path, str]:
    """Return every generated module, by path, unformatted."""
    reader = Reader(spec)
    by_namespace: dict[str, list[Method]] = {}
    for method in reader.methods():
        if method.namespace != CLIENT:
            by_namespace.setdefault(method.namespace, []).append(method)
    files = {
        TARGET / "__init__.py": (
            f"{BANNER}\n"
            '"""The namespaces\' methods that openapi.yaml describes (`x-sdk`), in async form."""\n'
        )
    }
    for namespace, methods in sorted(by_namespace.items()):
        files[TARGET / f"_{namespace}.py"] = Writer(reader, namespace, methods).source()
    files[TARGET / "_objects.py"] = ForwardWriter(reader, reader.methods()).source()
    files[RAW_TARGET / "__init__.py"] = (
        f'{BANNER}\n"""The namespaces\' public classes, combining their generated sync and async methods."""\n'
    )
    for namespace, methods in sorted(by_namespace.items()):
        files[RAW_TARGET / f"_{namespace}.py"] = namespace_source(namespace, methods, reader)
    files[RAW_TARGET / "_client.py"] = client_source(sorted(by_namespace))
    return files


def client_source(namespaces: list[str]) -> str:
    """Return the module of `ClientNamespaces`: one lazily built property per namespace."""
    imports = [f"    from opentasks._generated._{n} import {n.title()}" for n in namespaces]
    lines = [
        BANNER,
        '"""The namespaces of `Client` (`client.tasks`, ...), one per namespace of the `x-sdk` methods."""',
        "",
        "from __future__ import annotations",
        "",
        "import functools",
        "from typing import TYPE_CHECKING, cast",
        "",
        "if TYPE_CHECKING:",
        "    from opentasks._client import ClientBase",
        *imports,
        "",
        '__all__ = ["ClientNamespaces"]',
        "",
        "",
        "class ClientNamespaces:",
        '    """The namespaces of `Client`.',
        "",
        "    Each namespace (and the models it works with) loads on its first use: a program that only",
        "    logs tasks never imports the code of the others.",
        '    """',
    ]
    for namespace in namespaces:
        public = namespace.title()
        lines += [
            "",
            "    @functools.cached_property",
            f"    def {namespace}(self) -> {public}:",
            f'        """The {namespace} operations, sync and async (see `{public}`)."""',
            f"        from opentasks._generated._{namespace} import {public}",
            "",
            f'        return {public}(cast("ClientBase", self))',
        ]
    return "\n".join(lines) + "\n"


def namespace_source(namespace: str, methods: list[Method], reader: Reader) -> str:
    """Return the module of a namespace's public class and of its `with_raw_response` view.

    The public class combines the generated sync and async methods. The raw view wraps every
    method but the pagers and the event streams.
    """
    public = namespace.title()
    async_module = f"opentasks._async._generated._{namespace}"
    async_class = f"Async{public}Operations"
    sync_module = f"opentasks._sync._generated._{namespace}"
    sync_class = f"Sync{public}Operations"
    tag = methods[0].tag
    about = next(t for t in reader.spec.get("tags", []) if t["name"] == tag)["description"]
    first = methods[0].name
    getter = next((m for m in methods if m.name == "get"), methods[0])
    ident = getter.positional[0].name if getter.positional else ""
    example = f"client.{namespace}.with_raw_response.{getter.name}({ident})"
    test_flag = ["", "    __test__ = False  # not a pytest test class, whatever its name"]
    test_flag = test_flag if namespace == "tests" else []
    lines = [
        BANNER,
        f'"""`client.{namespace}`: its operations, sync and async, and their raw-response view."""',
        "",
        "from __future__ import annotations",
        "",
        "import functools",
        "",
        f"from {async_module} import {async_class}",
        "from opentasks._async._raw import araw",
        "from opentasks._sync._raw import raw",
        f"from {sync_module} import {sync_class}",
        "",
        f'__all__ = ["{public}", "{public}WithRawResponse"]',
        "",
        "",
        f"class {public}({sync_class}, {async_class}):",
        f'    """`client.{namespace}`: {sentence(words(about))[:-1].lower()}.',
        "",
        "    Every operation has a sync method and an `a`-prefixed coroutine "
        f"(`{first}` / `a{first}`).",
        "",
        "    Args:",
        "        client: The client they talk through.",
        '    """',
        *test_flag,
        "",
        "    @functools.cached_property",
        f"    def with_raw_response(self) -> {public}WithRawResponse:",
        '        """The same operations, each returning a `RawResponse` (the answer and the object).',
        "",
        f"        For example `{example}`; the async operations keep their",
        "        names (`aget`, …).",
        '        """',
        f"        return {public}WithRawResponse(self)",
        "",
        "",
        f"class {public}WithRawResponse:",
        f'    """`client.{namespace}.with_raw_response`: its operations, each returning a '
        "`RawResponse`.",
        "",
        "    Args:",
        f"        {namespace}: The namespace whose operations are wrapped.",
        '    """',
        *test_flag,
        "",
        f"    def __init__(self, {namespace}: {public}) -> None:",
    ]
    for method in methods:
        if method.items is None and not method.stream:
            lines.append(f"        self.{method.name} = raw({namespace}.{method.name})")
            lines.append(f"        self.a{method.name} = araw({namespace}.a{method.name})")
    return "\n".join(lines) + "\n"


def expected_files() -> dict[Path, str]:
    """Return every generated module, formatted as committed."""
    import yaml

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    # Formatted as unasync.py formats the sync code (the same ruff and settings); its error is a
    # RuntimeError.
    unasync = runpy.run_path(str(Path(__file__).with_name("unasync.py")))
    ruff = unasync["ruff"]
    out = {}
    for path, text in module_sources(spec).items():
        text = ruff(["check", "--fix-only", "--exit-zero", "--select", "I"], text, path)
        out[path] = ruff(["format"], text, path)
    exports = runpy.run_path(str(Path(__file__).with_name("sdk_exports.py")))
    out.update(exports["exported"](exports["INIT"].read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    """Generate or check the namespace methods; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    try:
        files = expected_files()
    except (SpecError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    present = {path for folder in (TARGET, RAW_TARGET) for path in folder.glob("*.py")}
    if not args.check:
        for path in present - set(files):
            path.unlink()
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        return 0
    problems = [
        f"{p.relative_to(REPO)} is not generated from openapi.yaml"
        for p in sorted(present - set(files))
    ]
    for path, text in files.items():
        name = path.relative_to(REPO).as_posix()
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif path.read_text(encoding="utf-8") != text:
            diff = difflib.unified_diff(
                path.read_text(encoding="utf-8").splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"{name} (committed)",
                f"{name} (from openapi.yaml)",
                n=1,
            )
            problems.append(
                f"{name} differs from what openapi.yaml gives:\n{''.join(list(diff)[:40])}"
            )
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(
            "The namespaces' methods are generated from openapi.yaml (`x-sdk`), and `__all__` of "
            "overlay/opentasks/__init__.py and its `_generated/_exports.py` from its TYPE_CHECKING "
            "imports; none is edited by hand: change the spec, the imports or generator/ and run "
            f"`{FIX_COMMAND}`.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
