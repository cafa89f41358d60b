"""Every operation of openapi.yaml: a key is required, and a key sees only its own project.

The operations are read from the contract itself, so an operation added to it is covered
without touching this file (and the test fails until it knows a valid body for a new POST).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from opentasks_server import create_api_key

from tests.security.conftest import Deployment, populate

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())
METHODS = ("get", "post", "put", "patch", "delete")
PROBLEM = "application/problem+json"

# A valid body for every operation that takes one, so that an answer is never a validation
# error in disguise: a 401 or 404 is the key's doing.
BODIES: dict[str, dict[str, Any]] = {
    "create_session": {"agent_id": "intruder"},
    "update_session": {"notes": "changed by another project"},
    "create_task": {"agent_id": "intruder"},
    "update_task": {"output": "changed by another project"},
    "set_task_status": {"status": "executing"},
    "stop_task": {"reason": "stopped by another project"},
    "flag_task": {"flag": "failure"},
    "publish_task_event": {"type": "chunk", "data": {"text": "injected"}},
    "start_execution": {"arguments": {}},
    "set_execution_status": {"status": "starting"},
    "create_test": {},
    "update_test": {"status": "completed"},
    "create_comparison": {"context_input": "q", "old_output": "a", "new_output": "b"},
}


class Operation:
    """One operation of the contract."""

    def __init__(self, path: str, method: str, spec: dict[str, Any]) -> None:
        self.path = path
        self.method = method.upper()
        self.id: str = spec["operationId"]
        self.secured = bool(spec.get("security", SPEC.get("security", [])))
        self.has_body = "requestBody" in spec
        self.path_params = re.findall(r"{(\w+)}", path)
        # A list is what takes a page size; `GET /v1/auth/session` has no id yet is no list.
        self.paginated = any(
            parameter.get("$ref") == "#/components/parameters/Limit"
            for parameter in spec.get("parameters", [])
        )

    def url(self, ids: dict[str, str]) -> str:
        """The operation's path with its parameters filled from `ids`."""
        return re.sub(r"{(\w+)}", lambda match: ids[match.group(1)], self.path)

    def body(self) -> dict[str, Any] | None:
        """A valid body, or `None` for an operation without one."""
        if not self.has_body:
            return None
        assert self.id in BODIES, f"add a valid body for the new operation {self.id!r}"
        return BODIES[self.id]

    def send(self, http: httpx.Client, ids: dict[str, str], **kwargs: Any) -> httpx.Response:  # noqa: ANN401 - passed to httpx
        """Send the operation with a valid body (if any) to the resources named by `ids`."""
        return http.request(self.method, self.url(ids), json=self.body(), **kwargs)


OPERATIONS = [
    Operation(path, method, spec)
    for path, item in SPEC["paths"].items()
    for method, spec in item.items()
    if method in METHODS
]
SECURED = [pytest.param(op, id=op.id) for op in OPERATIONS if op.secured]
BY_ID = [pytest.param(op, id=op.id) for op in OPERATIONS if op.secured and op.path_params]
LISTS = [
    pytest.param(op, id=op.id)
    for op in OPERATIONS
    if op.secured and op.method == "GET" and not op.path_params and op.paginated
]


def assert_problem(response: httpx.Response, status: int, slug: str) -> None:
    """Check a problem answer of a status and kind, carrying its request id."""
    assert response.status_code == status, (
        response.request.method,
        response.request.url,
        response.text,
    )
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"https://opentasks.dev/problems/{slug}"
    assert body["request_id"] == response.headers["x-request-id"]


def test_the_contract_has_the_operations_this_file_expects(figures: dict[str, Any]) -> None:
    """Every /v1 operation requires a key; only the service operations are open."""
    figures.update(
        operations=len(OPERATIONS),
        needing_a_key=len(SECURED),
        id_bearing=len(BY_ID),
        lists=len(LISTS),
        key_variants_refused_per_operation=6,
    )
    open_ops = sorted(op.id for op in OPERATIONS if not op.secured)
    assert open_ops == ["get_health", "get_openapi_document", "get_readiness"]
    assert all(op.path.startswith("/v1/") for op in OPERATIONS if op.secured)
    assert len(SECURED) >= 26
    assert sorted(BODIES) == sorted(op.id for op in OPERATIONS if op.has_body)


@pytest.mark.parametrize("operation", SECURED)
def test_every_operation_refuses_a_missing_or_wrong_key_with_401(
    deployment: Deployment, operation: Operation
) -> None:
    """No key, a wrong key, another scheme or a bad `X-API-Key` → 401, for existing ids too."""
    ids = deployment.alpha.ids
    wrong = "ot_" + secrets.token_urlsafe(32)
    attempts: list[dict[str, str]] = [
        {},
        {"Authorization": f"Bearer {wrong}"},
        {"Authorization": "Bearer"},
        {"Authorization": f"Basic {deployment.alpha.key}"},
        {"X-API-Key": wrong},
        {"Authorization": f"Bearer {deployment.alpha.key[:-1]}"},
    ]
    if operation.id in {"list_task_events", "list_events"}:
        attempts += [
            {"Accept": "text/event-stream"},
            {"Accept": "text/event-stream", "X-API-Key": wrong},
        ]
    with deployment.http(None) as http:
        for headers in attempts:
            assert_problem(operation.send(http, ids, headers=headers), 401, "unauthorized")
        # Anonymous callers learn nothing about the body either: the key is checked first.
        if operation.has_body:
            response = http.request(operation.method, operation.url(ids), json={"bogus": [1]})
            assert_problem(response, 401, "unauthorized")


@pytest.mark.parametrize("operation", BY_ID)
def test_every_id_of_another_project_is_404(deployment: Deployment, operation: Operation) -> None:
    """Beta's key on alpha's ids → 404 not-found, and alpha's resources stay as they were."""
    alpha, beta = deployment.alpha, deployment.beta
    with deployment.http(alpha.key) as owner, deployment.http(beta.key) as intruder:
        before = snapshot(owner, alpha.ids)
        assert_problem(operation.send(intruder, alpha.ids), 404, "not-found")
        # The same operation on new resources of beta's own is not refused: the 404 comes from
        # the project, not from the request.
        own = operation.send(intruder, populate(deployment.server, beta.key))
        assert own.status_code != 404, own.text
        assert snapshot(owner, alpha.ids) == before


def snapshot(http: httpx.Client, ids: dict[str, str]) -> list[Any]:
    """What a project's resources look like, versions and event log included."""
    paths = [
        f"/v1/sessions/{ids['session_id']}",
        f"/v1/tasks/{ids['task_id']}",
        f"/v1/executions/{ids['execution_id']}",
        f"/v1/tests/{ids['test_id']}",
        f"/v1/tasks/{ids['task_id']}/events?limit=100",
    ]
    answers = []
    for path in paths:
        response = http.get(path)
        assert response.status_code == 200, response.text
        answers.append(response.json())
    return answers


@pytest.mark.parametrize("operation", LISTS)
def test_lists_show_a_project_none_of_another_projects_data(
    deployment: Deployment, operation: Operation
) -> None:
    """A new project's lists are empty, also filtered by another project's ids."""
    gamma = create_api_key(deployment.database_url, "gamma")
    alpha_ids = deployment.alpha.ids
    filters: list[dict[str, str]] = [{}]
    if operation.id == "list_tasks":
        filters += [{"session_id": alpha_ids["session_id"]}, {"test_id": alpha_ids["test_id"]}]
    with deployment.http(gamma) as http:
        for params in filters:
            response = http.get(operation.path, params=params)
            assert response.status_code == 200, response.text
            assert response.json()["data"] == []


def test_another_projects_ids_in_a_body_are_refused(deployment: Deployment) -> None:
    """Beta cannot link its own resources to alpha's session, test run or execution."""
    alpha, beta = deployment.alpha.ids, deployment.beta.ids
    attempts = [
        ("POST", "/v1/tasks", {"agent_id": "x", "session_id": alpha["session_id"]}),
        ("POST", "/v1/tasks", {"agent_id": "x", "test_id": alpha["test_id"]}),
        ("PATCH", f"/v1/tasks/{beta['task_id']}", {"session_id": alpha["session_id"]}),
        ("PATCH", f"/v1/tasks/{beta['task_id']}", {"test_id": alpha["test_id"]}),
        (
            "POST",
            "/v1/comparisons",
            {
                "context_input": "q",
                "old_output": "a",
                "new_output": "b",
                "test_id": alpha["test_id"],
            },
        ),
        (
            "POST",
            f"/v1/tasks/{beta['task_id']}/events",
            {"type": "chunk", "execution_id": alpha["execution_id"]},
        ),
    ]
    with deployment.http(deployment.beta.key) as http:
        for method, path, body in attempts:
            response = http.request(method, path, json=body)
            assert response.status_code in {404, 422}, (method, path, response.text)
            assert response.headers["content-type"].startswith(PROBLEM)


def test_a_project_stream_never_carries_another_projects_events(deployment: Deployment) -> None:
    """Beta's live project stream stays silent (heartbeats only) while alpha records events."""
    alpha = deployment.alpha
    lines: list[str] = []
    headers = {"Accept": "text/event-stream"}
    with (
        deployment.http(deployment.beta.key) as intruder,
        deployment.http(alpha.key) as owner,
        intruder.stream(
            "GET", "/v1/events", headers=headers, params={"after": "evt_999999999999"}
        ) as stream,
    ):
        assert stream.status_code == 200
        for number in range(3):
            published = owner.post(
                f"/v1/tasks/{alpha.ids['task_id']}/events",
                json={"type": "chunk", "data": {"n": number}},
            )
            assert published.status_code == 201
        deadline = time.monotonic() + 2.5  # two heartbeats at the server's 1 s interval
        for line in stream.iter_lines():
            lines.append(line)
            if time.monotonic() > deadline:
                break
    assert ": ping" in lines
    assert not [line for line in lines if line.startswith(("event:", "data:", "id:"))]
