"""Error mapping: problem documents become the error tree, with detail and request id.

Statuses the reference server answers are covered end to end in the e2e tests; here
`httpx.MockTransport` plays what a server cannot produce: a proxy's HTML page, a body that
is not a problem document, a connection that never answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from opentasks import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    Client,
    ConflictError,
    EventStreamError,
    InternalServerError,
    NotFoundError,
    OpenTasksError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    UnprocessableEntityError,
)
from opentasks._exceptions import error_from_response

KEY = "ot_" + "k" * 43
TASK_ID = "task_01JD0000000000000000000000"


def problem(status: int, **extra: object) -> dict[str, object]:
    """A problem document of a status."""
    return {
        "type": "https://opentasks.dev/problems/x",
        "title": "Something",
        "status": status,
        "detail": f"detail of {status}",
        "request_id": "req_123",
        **extra,
    }


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (412, PreconditionFailedError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_maps_to_its_class(status: int, cls: type[APIStatusError]) -> None:
    """Each status gets its own class, with the problem's fields on it."""
    response = httpx.Response(
        status, json=problem(status), headers={"content-type": "application/problem+json"}
    )
    error = error_from_response(response)
    assert type(error) is cls
    assert error.status_code == status
    assert error.request_id == "req_123"
    assert error.detail == f"detail of {status}"
    assert error.type == "https://opentasks.dev/problems/x"
    assert f"detail of {status}" in str(error)
    assert "req_123" in str(error)


def test_the_tree_is_as_drawn() -> None:
    """The classes nest as the module docstring draws them."""
    assert issubclass(APIError, OpenTasksError)
    assert issubclass(APIStatusError, APIError)
    assert issubclass(PreconditionFailedError, APIStatusError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(EventStreamError, OpenTasksError)
    assert not issubclass(EventStreamError, APIError)


def test_validation_errors_are_listed() -> None:
    """A 422's per-field errors are on the error and in its message."""
    body = problem(
        422, errors=[{"loc": ["body", "agent_id"], "message": "Field required", "type": "missing"}]
    )
    error = error_from_response(httpx.Response(422, json=body))
    assert [e.message for e in error.errors] == ["Field required"]
    assert "body.agent_id: Field required" in str(error)


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> Client:
    """A client whose every request `handler` answers, with retries off."""
    return Client(
        api_key=KEY,
        base_url="http://api.test",
        max_retries=0,
        transport=httpx.MockTransport(handler),
    )


def test_an_answer_that_is_not_an_event_stream_fails_at_once() -> None:
    """A 200 that is not an event stream (a proxy's login page) is not fixed by reconnecting."""
    requests: list[httpx.Request] = []

    def login_page(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, html="<html>Please log in</html>")

    with pytest.raises(EventStreamError, match="did not answer with an event stream"):
        list(client_answering(login_page).tasks.events(TASK_ID))
    assert len(requests) == 1


async def test_an_answer_that_is_not_an_event_stream_fails_at_once_async() -> None:
    """The same for the async stream."""
    requests: list[httpx.Request] = []

    def login_page(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, html="<html>Please log in</html>")

    client = Client(
        api_key=KEY,
        base_url="http://api.test",
        max_retries=0,
        async_transport=httpx.MockTransport(login_page),
    )
    with pytest.raises(EventStreamError, match="did not answer with an event stream"):
        async for _ in client.tasks.aevents(TASK_ID):
            pass
    await client.aclose()
    assert len(requests) == 1


def test_an_html_error_page_still_raises_cleanly() -> None:
    """A proxy's HTML 502 page becomes an InternalServerError quoting the page."""
    client = client_answering(lambda _: httpx.Response(502, text="<html>Bad Gateway</html>"))
    with pytest.raises(InternalServerError) as caught:
        client.tasks.get(TASK_ID)
    assert caught.value.problem is None
    assert "Bad Gateway" in str(caught.value)


def test_a_documented_error_with_a_foreign_body_is_not_a_crash() -> None:
    """A 404 whose body is not a problem document (another server) is a NotFoundError."""
    client = client_answering(lambda _: httpx.Response(404, json={"detail": "Not Found"}))
    with pytest.raises(NotFoundError) as caught:
        client.tasks.get(TASK_ID)
    assert caught.value.body == {"detail": "Not Found"}


def test_the_request_id_header_is_used_without_a_problem_body() -> None:
    """The X-Request-Id header names the request even when the body does not."""
    client = client_answering(
        lambda _: httpx.Response(500, text="oops", headers={"X-Request-Id": "req_hdr"})
    )
    with pytest.raises(InternalServerError) as caught:
        client.tasks.get(TASK_ID)
    assert caught.value.request_id == "req_hdr"
    assert "req_hdr" in str(caught.value)


def test_error_messages_never_contain_the_key() -> None:
    """Even a server that echoes the key back does not get it into the message."""

    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            401, json=problem(401, detail=f"bad key {request.headers['authorization']}")
        )

    client = client_answering(echo)
    with pytest.raises(AuthenticationError) as caught:
        client.tasks.get(TASK_ID)
    assert KEY not in str(caught.value)
    assert KEY not in repr(caught.value)


def test_connection_failures_are_api_connection_errors() -> None:
    """A refused connection (after the retries) is an APIConnectionError."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(APIConnectionError) as caught:
        client_answering(refuse).tasks.get(TASK_ID)
    assert not isinstance(caught.value, APITimeoutError)
    assert "/v1/tasks/" in str(caught.value)


def test_timeouts_are_api_timeout_errors() -> None:
    """A request that times out is an APITimeoutError."""

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(APITimeoutError):
        client_answering(slow).tasks.get(TASK_ID)


async def test_async_calls_map_errors_the_same_way() -> None:
    """The async twin raises the same classes."""

    async def handle(_: httpx.Request) -> httpx.Response:
        return httpx.Response(409, json=problem(409))

    async with Client(
        api_key=KEY, base_url="http://api.test", async_transport=httpx.MockTransport(handle)
    ) as client:
        with pytest.raises(ConflictError):
            await client.tasks.aset_status(TASK_ID, "executing")


def test_low_level_calls_keep_the_generated_contract() -> None:
    """Generated functions called directly return problems as values, as documented."""
    from opentasks_api.api.tasks import get_task
    from opentasks_api.models import Problem

    client = client_answering(lambda _: httpx.Response(404, json=problem(404)))
    response = get_task.sync_detailed(TASK_ID, client=client.api)
    assert response.status_code == 404
    assert isinstance(response.parsed, Problem)
    assert json.loads(response.content)["request_id"] == "req_123"
