"""The contract test: schemathesis drives every operation of openapi.yaml against the real server.

The server runs under uvicorn on a loopback port with a fresh database (a SQLite file, and a
PostgreSQL database when `OPENTASKS_TEST_POSTGRES_URL` is set: the module runs on each); the
contract is the repository's `openapi.yaml`, which the server also serves byte for byte (checked
below). For each operation schemathesis sends valid and invalid requests (positive and negative
data) and checks every response: no 5xx, and status code, content type, headers and body all as
the contract says. A stateful run then follows the contract's `links` (create a task, then read,
update, stop, flag, execute it, ...).

The events GETs answer a JSON page or, with `Accept: text/event-stream`, an endless stream that
a schema check cannot read; the test always asks them for JSON. Streams are covered by
tests/server/test_events.py.

The budget keeps the whole module to a few minutes: `CONTRACT_EXAMPLES` examples per operation
(default 25) and `CONTRACT_STATEFUL_EXAMPLES` stateful scenarios (default 20).
"""

from __future__ import annotations

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
from schemathesis.core.media_types import YAML_MEDIA_TYPES
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tests._databases import TestDatabases
from tests._live_server import run_server

CONTRACT = Path(__file__).resolve().parents[2] / "openapi.yaml"
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "25"))
STATEFUL_EXAMPLES = int(os.environ.get("CONTRACT_STATEFUL_EXAMPLES", "20"))
# Operations whose 200 may be a Server-Sent Events stream; they are asked for a JSON page.
STREAMING = frozenset({"list_task_events", "list_events"})

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


@pytest.fixture(scope="module")
def contract_server(
    tmp_path_factory: pytest.TempPathFactory, module_databases: TestDatabases
) -> Iterator[tuple[str, str]]:
    """The server on a fresh database, and a key of its project."""
    url = module_databases.new(tmp_path_factory.mktemp("contract"), "contract")
    key = create_api_key(url)
    with run_server(create_app(url, heartbeat_interval=1.0)) as live:
        yield live.base_url, key


def contract_schema() -> OpenApiSchema:
    """The repository's contract, loaded with the test budget."""
    loaded = schemathesis.openapi.from_path(CONTRACT)
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
    )
    return loaded


def prepare(case: Case[Any], server: tuple[str, str]) -> dict[str, Any]:
    """Fit a case for the live server; return the keyword arguments of its call.

    The key goes in `Authorization`, the events GETs are asked for a JSON page, and a valid
    `Idempotency-Key` is made unique: schemathesis draws keys from a small pool, and one key sent
    again with another body is rightly a 422 that says nothing about the operation under test.
    """
    base_url, key = server
    headers = {"Authorization": f"Bearer {key}"}
    if case.operation.definition.raw.get("operationId") in STREAMING:
        headers["Accept"] = "application/json"
    drawn = case.headers.get("Idempotency-Key") if case.headers else None
    if case.headers and isinstance(drawn, str) and 1 <= len(drawn) <= 255:
        case.headers["Idempotency-Key"] = f"contract-{uuid.uuid4()}"
    return {"base_url": base_url, "headers": headers}


# What a 422 may say about a request the schema allows: rules the contract states in prose,
# which no JSON Schema can express (the value must name a real thing, or a reserved word).
SEMANTIC_ERRORS = frozenset(
    {
        "invalid_cursor",  # an `after` this server did not make
        "reserved_event_type",  # a worker event typed like the server's own
        "execution_not_of_task",  # an event for an execution of another task
        "nul_character",  # text with U+0000, which the contract's rules refuse
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
def test_every_operation_conforms(case: Case[Any], contract_server: tuple[str, str]) -> None:
    """Answers valid and invalid requests without 5xx and as the contract says."""
    case.call_and_validate(
        **prepare(case, contract_server),
        excluded_checks=EXCLUDED_CHECKS,
        additional_checks=ADDITIONAL_CHECKS,
    )


def test_linked_operations_conform(contract_server: tuple[str, str]) -> None:
    """Follows the contract's links through chains of calls, each answer conforming."""

    class Workflow(contract_schema().as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return prepare(case, contract_server)

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
            SETTINGS, max_examples=STATEFUL_EXAMPLES, stateful_step_count=8
        )
    )


def test_served_contract_is_the_repository_contract(contract_server: tuple[str, str]) -> None:
    """Serves openapi.yaml byte for byte, so the checks above test the real contract."""
    base_url, _ = contract_server
    served = httpx.get(f"{base_url}/openapi.yaml", timeout=10)
    assert served.status_code == 200
    assert served.text == CONTRACT.read_text(encoding="utf-8")
