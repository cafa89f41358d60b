"""HTTP as clients and tools expect it: auth challenges, schemes, `HEAD`, strict parameters."""

from __future__ import annotations

import pytest

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
