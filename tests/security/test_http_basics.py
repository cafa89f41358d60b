"""HTTP as clients and tools expect it: auth challenges, schemes, `HEAD`, strict parameters."""

from __future__ import annotations

import pytest
from opentasks import Client

from tests.security.conftest import Deployment

PROBLEM = "application/problem+json"


def test_401_carries_a_bearer_challenge(deployment: Deployment) -> None:
    """A 401 names the scheme to use; a refused key adds `error="invalid_token"`."""
    with deployment.http(None) as http:
        missing = http.get("/v1/tasks")
        wrong = http.get("/v1/tasks", headers={"Authorization": "Bearer ot_wrong"})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="opentasks"'
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == 'Bearer realm="opentasks", error="invalid_token"'


@pytest.mark.parametrize(
    ("authorization", "says"),
    [
        ("Basic dXNlcjpwYXNz", "'Basic' scheme"),
        ("Token ot_abc", "'Token' scheme"),
        ("Bearer", "carries no key"),
    ],
)
def test_a_wrong_scheme_is_named(deployment: Deployment, authorization: str, says: str) -> None:
    """A header with another scheme, or no key after `Bearer`, says so rather than "no key"."""
    with deployment.http(None) as http:
        response = http.get("/v1/tasks", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert says in response.json()["detail"]
    assert "No API key was sent" not in response.json()["detail"]


@pytest.mark.parametrize(
    "authorization",
    ["Bearer {key}", "bearer {key}", "BEARER {key}", "Bearer   {key}", "Bearer\t{key}"],
)
def test_every_spelling_of_bearer_works(deployment: Deployment, authorization: str) -> None:
    """The scheme is matched without case, and any spaces or tabs may separate it from the key."""
    with deployment.http(None) as http:
        value = authorization.format(key=deployment.alpha.key)
        response = http.get("/v1/tasks", headers={"Authorization": value})
    assert response.status_code == 200, response.text


def test_head_answers_like_get_without_a_body(deployment: Deployment) -> None:
    """`HEAD` on `GET` routes answers GET's status and headers, and no body, instead of 405."""
    task_id = deployment.alpha.ids["task_id"]
    with deployment.http(deployment.alpha.key) as http:
        for path in ("/v1/tasks", f"/v1/tasks/{task_id}", "/v1/events", "/healthz"):
            get = http.get(path)
            head = http.head(path)
            assert head.status_code == 200, (path, head.text)
            assert head.content == b""
            assert head.headers["content-type"] == get.headers["content-type"]
            assert head.headers["content-length"] == get.headers["content-length"]
        # A stream's HEAD answers its headers and ends rather than streaming.
        stream = http.head(
            f"/v1/tasks/{task_id}/events", headers={"Accept": "text/event-stream"}, timeout=10
        )
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        missing = http.head("/v1/tasks/task_01JD0000000000000000000000")
        assert missing.status_code == 404
        assert missing.content == b""
    with deployment.http(None) as http:
        assert http.head("/v1/tasks").status_code == 401


def test_post_only_routes_still_answer_405_to_head(deployment: Deployment) -> None:
    """`HEAD` is added to `GET` routes only: a POST-only route answers 405 with `Allow`."""
    with deployment.http(deployment.alpha.key) as http:
        response = http.head("/v1/comparisons")
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]


def test_a_bad_after_is_422_even_with_last_event_id(deployment: Deployment) -> None:
    """Both cursors are checked: a malformed `after` is not hidden by a good `Last-Event-ID`."""
    task_id = deployment.alpha.ids["task_id"]
    with deployment.http(deployment.alpha.key) as http:
        for accept in ("application/json", "text/event-stream"):
            response = http.get(
                f"/v1/tasks/{task_id}/events",
                params={"after": "not-an-event"},
                headers={"Last-Event-ID": "evt_000000000001", "Accept": accept},
            )
            assert response.status_code == 422, response.text
            assert response.json()["errors"][0]["loc"] == ["query", "after"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b'{"agent_id": "a"}'),
        ("application/x-www-form-urlencoded", b"agent_id=a"),
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        ),
        ("application/xml", b"<task/>"),
    ],
)
def test_a_body_that_is_not_json_is_415(
    deployment: Deployment, content_type: str, body: bytes
) -> None:
    """A body of another media type answers 415 (not 422), and creates nothing."""
    with deployment.http(deployment.alpha.key) as http:
        response = http.post("/v1/tasks", content=body, headers={"Content-Type": content_type})
        assert response.status_code == 415, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["type"].endswith("/unsupported-media-type")
        assert "application/json" in response.json()["detail"]
        # JSON under its own name and as `+json` is taken.
        for ok in (
            "application/json",
            "application/json; charset=utf-8",
            "application/merge-patch+json",
        ):
            created = http.post(
                "/v1/tasks", content=b'{"agent_id": "a"}', headers={"Content-Type": ok}
            )
            assert created.status_code == 201, (ok, created.text)


@pytest.mark.parametrize("limit", ["+5", " 10", "10 ", "5.0", "0x10", "1_0", "\uff11\uff10"])
def test_limit_takes_only_plain_digits(deployment: Deployment, limit: str) -> None:
    """`limit` is digits only: signs, spaces, decimals and other numerals answer 422."""
    with deployment.http(deployment.alpha.key) as http:
        response = http.get("/v1/tasks", params={"limit": limit})
        assert response.status_code == 422, (limit, response.text)
        assert response.json()["errors"][0]["loc"] == ["query", "limit"]
        assert http.get("/v1/tasks", params={"limit": "5"}).status_code == 200


def test_a_resume_at_or_past_a_finished_tasks_end_is_204(deployment: Deployment) -> None:
    """Resuming a finished task's stream at its terminal event answers 204, which ends EventSource.

    The SDK reads the 204 as the end of the stream too: resuming after the end yields nothing.
    """
    with deployment.http(deployment.alpha.key) as http:
        created = http.post("/v1/tasks", json={"agent_id": "a", "status": "completed"})
        assert created.status_code == 201
        task_id = created.json()["id"]
        page = http.get(f"/v1/tasks/{task_id}/events").json()
        (terminal,) = [event["id"] for event in page["data"]]
        stream = {"Accept": "text/event-stream"}
        path = f"/v1/tasks/{task_id}/events"
        for extra, params in (
            ({"Last-Event-ID": terminal}, {}),
            ({}, {"after": terminal}),
            ({"Last-Event-ID": "evt_999999999999"}, {}),
        ):
            response = http.get(path, headers={**stream, **extra}, params=params)
            assert response.status_code == 204, (extra, params, response.text)
            assert response.content == b""
        # From the start the stream sends the events and ends; the page is unchanged.
        response = http.get(path, headers=stream)
        assert response.status_code == 200
        assert f"id: {terminal}" in response.text
        paged = http.get(path, params={"after": terminal})
        assert paged.status_code == 200
        assert paged.json()["data"] == []
    with Client(api_key=deployment.alpha.key, base_url=deployment.server.base_url) as client:
        task = client.tasks.get(task_id)
        assert list(task.events(after=terminal)) == []
        assert [event.id for event in task.events()] == [terminal]
