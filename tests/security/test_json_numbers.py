"""`NaN`, `Infinity` and numbers too large for a double are refused, never stored as `null`."""

from __future__ import annotations

import pytest

from tests.security.conftest import Deployment


def post_raw(
    deployment: Deployment, path: str, body: str, method: str = "POST"
) -> dict[str, object]:
    """Send a JSON body as text (so it may hold what `json.dumps` would not write)."""
    with deployment.http(deployment.alpha.key) as http:
        response = http.request(
            method, path, content=body.encode(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 422, response.text
    problem: dict[str, object] = response.json()
    return problem


def task_count(deployment: Deployment) -> int:
    """How many tasks project alpha holds."""
    count = 0
    with deployment.http(deployment.alpha.key) as http:
        params: dict[str, object] = {"limit": 100}
        while True:
            page = http.get("/v1/tasks", params=params).json()
            count += len(page["data"])
            if not page["has_more"]:
                return count
            params["after"] = page["next_cursor"]


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("NaN", ["body", "metadata", "score"]),
        ("Infinity", ["body", "metadata", "score"]),
        ("-Infinity", ["body", "metadata", "score"]),
        ("1e400", ["body", "metadata", "score"]),
        ("-1.5E+999", ["body", "metadata", "score"]),
        ("1" + "0" * 400 + ".0", ["body", "metadata", "score"]),
    ],
)
def test_a_non_finite_number_is_422_naming_the_field(
    deployment: Deployment, value: str, where: list[str]
) -> None:
    """A create holding one answers 422 with the field's path, and creates nothing."""
    before = task_count(deployment)
    problem = post_raw(
        deployment, "/v1/tasks", '{"agent_id": "a", "metadata": {"score": ' + value + "}}"
    )
    errors = problem["errors"]
    assert isinstance(errors, list)
    assert errors == [
        {
            "loc": where,
            "message": "Not a finite number: JSON has no NaN or Infinity, and a number must fit "
            "a 64-bit float",
            "type": "non_finite_number",
        }
    ]
    assert "metadata.score" in str(problem["detail"])
    assert task_count(deployment) == before


def test_every_body_and_every_place_is_checked(deployment: Deployment) -> None:
    """Arrays, nested objects, updates and published events are checked too."""
    task_id = deployment.alpha.ids["task_id"]
    problem = post_raw(
        deployment, "/v1/tasks", '{"agent_id": "a", "data": {"xs": [1, 2, NaN, {"y": Infinity}]}}'
    )
    errors = problem["errors"]
    assert isinstance(errors, list)
    assert [error["loc"] for error in errors] == [
        ["body", "data", "xs", 2],
        ["body", "data", "xs", 3, "y"],
    ]
    post_raw(deployment, f"/v1/tasks/{task_id}", '{"metadata": {"v": NaN}}', method="PATCH")
    post_raw(deployment, f"/v1/tasks/{task_id}/events", '{"type": "chunk", "data": {"v": 1e999}}')
    with deployment.http(deployment.alpha.key) as http:
        task = http.get(f"/v1/tasks/{task_id}").json()
    assert "v" not in (task.get("metadata") or {})


def test_large_finite_numbers_and_the_words_in_strings_are_kept(deployment: Deployment) -> None:
    """`1e300`, and "NaN" or "Infinity" as text, are ordinary values and stored as sent."""
    body = '{"agent_id": "a", "metadata": {"big": 1e300, "word": "NaN", "inf": "Infinity"}}'
    with deployment.http(deployment.alpha.key) as http:
        response = http.post(
            "/v1/tasks", content=body.encode(), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 201, response.text
        assert response.json()["metadata"] == {"big": 1e300, "word": "NaN", "inf": "Infinity"}
