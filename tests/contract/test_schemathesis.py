"""The contract test: schemathesis drives every operation of openapi.yaml against the real server.

The server runs under uvicorn on a loopback port with a fresh database (a SQLite file, and a
PostgreSQL database when `OPENTASKS_TEST_POSTGRES_URL` is set: the module runs on each); the
contract is the repository's `openapi.yaml`, which the server also serves byte for byte (checked
below). For each operation schemathesis sends valid and invalid requests (positive and negative
data) and checks every response: no 5xx, and status code, content type, headers and body all as
the contract says. A stateful run then follows the contract's `links` (create a task, then read,
update, stop, flag, execute it, ...); it must follow links, not only start chains, to pass.
Each scenario runs in a project of its own (see `test_linked_operations_conform`).

The events GETs answer a JSON page or, with `Accept: text/event-stream`, an endless stream that
a schema check cannot read; the test always asks them for JSON. Streams are covered by
tests/server/test_events.py.

The budget keeps the whole module to about a minute per backend, as CI runs it in the `tests`
session; `python -m nox -s contract` runs it larger. The knobs:
`OPENTASKS_CONTRACT_EXAMPLES` examples per operation (default 25),
`OPENTASKS_CONTRACT_STATEFUL_EXAMPLES` stateful scenarios (default 20) and
`OPENTASKS_CONTRACT_STEPS` calls per scenario at most (default 8). What was sent is counted
(`_figures.py`) and printed after the run.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from opentasks_server import create_api_key, create_app
from schemathesis import (
    Case,
    CheckContext,
    CheckFunction,
    DeserializationContext,
    GenerationMode,
    Response,
)
from schemathesis.config import SchemathesisConfig
from schemathesis.core.media_types import YAML_MEDIA_TYPES
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests._databases import TestDatabases
from tests._live_server import run_server
from tests.contract._figures import BackendFigures, figures_for

CONTRACT = Path(__file__).resolve().parents[2] / "openapi.yaml"
EXAMPLES = int(os.environ.get("OPENTASKS_CONTRACT_EXAMPLES", "25"))
STATEFUL_EXAMPLES = int(os.environ.get("OPENTASKS_CONTRACT_STATEFUL_EXAMPLES", "20"))
STEPS = int(os.environ.get("OPENTASKS_CONTRACT_STEPS", "8"))
# Operations whose 200 may be a Server-Sent Events stream; they are asked for a JSON page.
STREAMING = frozenset({"list_task_events", "list_events"})
# Headers the HTTP client sets to frame and route the message, never parameters of an operation:
# negative cases may draw them as extra headers (`Content-Length: oK` on a GET, found at a
# budget of 500 stateful scenarios), which makes a malformed HTTP message, not a wrong request.
FRAMING = frozenset(
    {"content-length", "transfer-encoding", "host", "connection", "expect", "upgrade", "te"}
)

SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    # Every example is an HTTP round trip to a real database: no per-example deadline.
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    # The same examples on every run, so CI is reproducible; the failure database stays off
    # so a checkout is not littered with `.hypothesis/`.
    derandomize=True,
    database=None,
    print_blob=True,
)

pytestmark = pytest.mark.slow


@dataclasses.dataclass(frozen=True)
class ContractServer:
    """The server under test.

    Attributes:
        base_url: Its URL.
        key: A key of its project.
        figures: The counts of this backend's run.
        database_url: Its database, where keys of other projects can be made.
    """

    base_url: str
    key: str
    figures: BackendFigures
    database_url: str


@pytest.fixture(scope="module")
def contract_server(
    tmp_path_factory: pytest.TempPathFactory, module_databases: TestDatabases
) -> Iterator[ContractServer]:
    """The server on a fresh database, and a key of its project."""
    url = module_databases.new(tmp_path_factory.mktemp("contract"), "contract")
    key = create_api_key(url)
    figures = figures_for(module_databases.backend)
    figures.start()
    try:
        with run_server(create_app(url, heartbeat_interval=1.0)) as live:
            yield ContractServer(live.base_url, key, figures, url)
    finally:
        figures.stop()


# The statuses that count as rejecting invalid data: schemathesis' defaults, and 413. An invalid
# body can be invalid by being too large (a `maxLength` broken by megabytes), and the contract
# answers a body over the server's limit with 413 before reading it, as it declares.
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": [*REJECTIONS, "5xx"]}}}
)


def contract_schema() -> OpenApiSchema:
    """The repository's contract, loaded with the test budget."""
    loaded = schemathesis.openapi.from_path(CONTRACT, config=CONFIG)
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
    )
    return loaded


def declared_links(loaded: OpenApiSchema) -> frozenset[str]:
    """Name each link of the contract as schemathesis names the transitions it follows."""
    paths: dict[str, dict[str, Any]] = loaded.raw_schema["paths"]
    operations = {
        operation["operationId"]: (f"{method.upper()} {path}", operation)
        for path, item in paths.items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    return frozenset(
        f"{source} -> [{status}] {name} -> {operations[link['operationId']][0]}"
        for source, operation in operations.values()
        for status, response in operation.get("responses", {}).items()
        for name, link in response.get("links", {}).items()
    )


def prepare(case: Case[Any], server: ContractServer) -> dict[str, Any]:
    """Fit a case for the live server; return the keyword arguments of its call.

    The key goes in `Authorization` and the events GETs are asked for a JSON page. Drawn
    `Idempotency-Key`s are sent as drawn: one sent again with another request is a 409, which
    the checks take as the conflict it is. Headers that frame the HTTP message (`FRAMING`) are dropped if drawn: with them the request
    is no longer HTTP, and uvicorn's plain-text 400 answers it before the API sees it.
    """
    if case.headers:
        for name in [name for name in case.headers if name.lower() in FRAMING]:
            del case.headers[name]
    headers = {"Authorization": f"Bearer {server.key}"}
    if case.operation.definition.raw.get("operationId") in STREAMING:
        headers["Accept"] = "application/json"
    return {"base_url": server.base_url, "headers": headers}


# What a 422 may say about a request the schema allows: rules the contract states in prose,
# which its JSON Schema does not express (a reserved word).
SEMANTIC_ERRORS = frozenset(
    {
        "reserved_event_type",  # a worker event typed like the server's own
    }
)


def _violates_contract(case: Case[Any], loc: list[Any]) -> bool:
    """Tell whether the request parameter an error points at was sent invalid after all.

    schemathesis' coverage phase may label a case positive although a header in it breaks the
    parameter's `pattern` (it sends `Last-Event-ID: 0`); a 422 naming that header is right.
    """
    if len(loc) < 2 or loc[0] not in {"header", "query", "path"}:
        return False
    operation = case.operation
    parameters, sent = {
        "header": (operation.headers, case.headers),
        "query": (operation.query, case.query),
        "path": (operation.path_parameters, case.path_parameters),
    }[loc[0]]
    name = str(loc[1]).lower()
    values = {key.lower(): value for key, value in (sent or {}).items()}
    for parameter in parameters:
        if parameter.name.lower() == name and name in values:
            return not parameter.is_valid(values[name])
    return False


@schemathesis.check
def only_semantic_rejections(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Accept schema-valid requests, or reject them only for rules beyond the schema.

    Replaces schemathesis' `positive_data_acceptance`, which counts every 422 for valid data as a
    failure. Here a 422 passes when each of its `errors` is one of `SEMANTIC_ERRORS` or points at
    a parameter that was in fact sent invalid.
    """
    del ctx
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    body = response.json()
    errors = body.get("errors") or []
    accepted = [
        error.get("type") in SEMANTIC_ERRORS or _violates_contract(case, error.get("loc", []))
        for error in errors
    ]
    if not errors or not all(accepted):
        msg = f"A schema-valid request was rejected: {body}"
        raise AssertionError(msg)
    return True


@schemathesis.deserializer(*YAML_MEDIA_TYPES)
def yaml_as_text(ctx: DeserializationContext, response: Response) -> str:
    """Read a YAML body as the text it is: the contract types `/openapi.yaml` as a string."""
    del ctx
    return response.text


EXCLUDED_CHECKS: list[CheckFunction] = [positive_data_acceptance]
ADDITIONAL_CHECKS: list[CheckFunction] = [only_semantic_rejections]

schema = contract_schema()


@schema.parametrize()
@SETTINGS
def test_every_operation_conforms(case: Case[Any], contract_server: ContractServer) -> None:
    """Answers valid and invalid requests without 5xx and as the contract says."""
    kwargs = prepare(case, contract_server)
    response = case.call(**kwargs)
    # Counted before the checks, so a failing example's status is in the figures too.
    contract_server.figures.requests[case.operation.label] += 1
    contract_server.figures.statuses[response.status_code] += 1
    case.validate_response(
        response,
        headers=kwargs["headers"],
        excluded_checks=EXCLUDED_CHECKS,
        additional_checks=ADDITIONAL_CHECKS,
        transport_kwargs=kwargs,
    )


def test_linked_operations_conform(contract_server: ContractServer) -> None:
    """Follows the contract's links through chains of calls, each answer conforming.

    Each scenario starts in a new, empty project (a key of its own). Links take their values from
    responses, so what a scenario draws depends on what the server answers; in one shared
    project a list would answer differently each time as data piles up, Hypothesis would see the
    same choices draw differently on replay, and the run would stop with
    `FlakyStrategyDefinition` (as it did at a budget of 500 scenarios). In its own project a
    scenario's answers depend on its own calls only, as a replay needs.
    """
    figures = contract_server.figures
    linked_before = figures.linked_steps
    loaded = contract_schema()
    figures.declared_links = declared_links(loaded)

    class Workflow(loaded.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            figures.scenarios += 1
            key = create_api_key(contract_server.database_url, f"scenario-{uuid.uuid4().hex}")
            self.server = dataclasses.replace(contract_server, key=key)

        def step(self, input: StepInput) -> StepOutput:
            # A step whose inputs a link filled from an earlier response; schemathesis also
            # sometimes takes a link but draws the values afresh, which tests no chain.
            if input.transition is not None and input.is_applied:
                figures.linked_steps += 1
                figures.links[input.transition.id] += 1
            output: StepOutput = super().step(input)
            figures.steps += 1
            figures.statuses[output.response.status_code] += 1
            return output

        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return prepare(case, self.server)

        def validate_response(
            self,
            response: Response,
            case: Case[Any],
            additional_checks: list[CheckFunction] | None = None,
            **kwargs: Any,  # noqa: ANN401 - schemathesis' own signature
        ) -> None:
            del additional_checks
            case.validate_response(
                response,
                excluded_checks=EXCLUDED_CHECKS,
                additional_checks=ADDITIONAL_CHECKS,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    Workflow.run(
        settings=hypothesis.settings(
            SETTINGS, max_examples=STATEFUL_EXAMPLES, stateful_step_count=STEPS
        )
    )
    # Without this, a contract whose links all broke would still pass, having tested no chain.
    # (A budget of a handful of short scenarios may also fail it: it is too small to say.)
    assert figures.linked_steps > linked_before, (
        f"no step of {STATEFUL_EXAMPLES} scenarios of up to {STEPS} calls followed a link of "
        "the contract; raise OPENTASKS_CONTRACT_STATEFUL_EXAMPLES if the budget is that small"
    )


def test_served_contract_is_the_repository_contract(contract_server: ContractServer) -> None:
    """Serves openapi.yaml byte for byte, so the checks above test the real contract."""
    served = httpx.get(f"{contract_server.base_url}/openapi.yaml", timeout=10)
    assert served.status_code == 200
    assert served.text == CONTRACT.read_text(encoding="utf-8")
