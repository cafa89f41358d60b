"""A success answer that does not parse raises `APIResponseValidationError`, never a `KeyError`.

A real server of another version could leave out a property this client requires; the reference
server never does, so `httpx.MockTransport` plays that server here. tests/evolution runs a
client generated from a newer spec against the reference server itself.
"""

from __future__ import annotations

import httpx
import pytest
from opentasks import APIError, APIResponseValidationError, Client

from tests.sdk.samples import TASK_ID, task_json

KEY = "ot_" + "v" * 43


def answering(body: object, *, status: int = 200) -> httpx.MockTransport:
    """A transport that answers every request with `body` as JSON."""
    return httpx.MockTransport(
        lambda _request: httpx.Response(status, json=body, headers={"X-Request-Id": "req_7"})
    )


def test_a_missing_required_property_is_a_response_validation_error() -> None:
    """A task without `name` names the request, the property and the request id."""
    body = task_json()
    del body["name"]
    client = Client(api_key=KEY, base_url="http://api.test", transport=answering(body))
    with client, pytest.raises(APIResponseValidationError) as caught:
        client.tasks.get(TASK_ID)
    error = caught.value
    assert isinstance(error, APIError)
    assert isinstance(error.__cause__, KeyError)
    assert str(error) == (
        f"The 200 answer to GET /v1/tasks/{TASK_ID} does not match the schema this client was "
        "built from: missing property 'name' [request_id=req_7]"
    )
    assert error.status_code == 200
    assert error.body == body
    assert error.request_id == "req_7"
    assert error.response.status_code == 200


def test_a_value_of_another_type_is_a_response_validation_error() -> None:
    """A list page whose `data` is not a list raises the same error, from the pager."""
    body = {"data": 7, "has_more": False, "next_cursor": None}
    client = Client(api_key=KEY, base_url="http://api.test", transport=answering(body))
    with client, pytest.raises(APIResponseValidationError, match=r"GET /v1/tasks does not match"):
        list(client.tasks.list())


def test_a_body_that_is_not_json_is_a_response_validation_error() -> None:
    """A 200 with an HTML body (a captive portal, a proxy) is not a `JSONDecodeError`."""
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, text="<html>hi</html>"))
    client = Client(api_key=KEY, base_url="http://api.test", transport=transport)
    with client, pytest.raises(APIResponseValidationError) as caught:
        client.tasks.get(TASK_ID)
    assert caught.value.body == "<html>hi</html>"


async def test_the_async_client_raises_it_too() -> None:
    """The async methods go through the same call wrapper."""
    body = task_json()
    del body["version"]
    client = Client(api_key=KEY, base_url="http://api.test", async_transport=answering(body))
    async with client:
        with pytest.raises(APIResponseValidationError, match=r"missing property 'version'"):
            await client.tasks.aget(TASK_ID)


def test_an_error_status_is_still_a_status_error() -> None:
    """Only success answers are validated; a 404 stays a `NotFoundError`."""
    problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no"}
    transport = answering(problem, status=404)
    client = Client(api_key=KEY, base_url="http://api.test", transport=transport)
    with client, pytest.raises(APIError) as caught:
        client.tasks.get(TASK_ID)
    assert not isinstance(caught.value, APIResponseValidationError)
    assert caught.value.__class__.__name__ == "NotFoundError"
