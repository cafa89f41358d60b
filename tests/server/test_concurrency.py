"""Optimistic concurrency: versions, ETags, and `If-Match` answered with 412 when stale."""

from __future__ import annotations

import httpx
import pytest

from tests.server.helpers import assert_problem, create_task


async def test_patch_with_stale_if_match_is_412(http: httpx.AsyncClient) -> None:
    """A PATCH based on an old version fails and changes nothing."""
    task = await create_task(http)
    path = f"/v1/tasks/{task['id']}"
    ok = await http.patch(path, json={"output": "one"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 200
    assert ok.headers["etag"] == '"2"'
    stale = await http.patch(path, json={"output": "two"}, headers={"If-Match": '"1"'})
    body = assert_problem(stale, 412, "precondition-failed")
    assert '"2"' in body["detail"]
    current = await http.get(path)
    assert current.json()["output"] == "one"
    assert current.headers["etag"] == '"2"'


async def test_status_with_stale_if_match_is_412(http: httpx.AsyncClient) -> None:
    """A status change based on an old version fails and does not move the task."""
    task = await create_task(http)
    await http.patch(f"/v1/tasks/{task['id']}", json={"name": "x"})
    stale = await http.post(
        f"/v1/tasks/{task['id']}/status", json={"status": "executing"}, headers={"If-Match": '"1"'}
    )
    assert_problem(stale, 412, "precondition-failed")
    assert (await http.get(f"/v1/tasks/{task['id']}")).json()["status"] == "pending"


@pytest.mark.parametrize("if_match", ['"2"', 'W/"2"', "2", "*", '"7", "2"'])
async def test_if_match_forms(http: httpx.AsyncClient, if_match: str) -> None:
    """`If-Match` accepts a strong tag, a weak tag, a bare number, `*` and a list."""
    task = await create_task(http)
    await http.patch(f"/v1/tasks/{task['id']}", json={"name": "x"})
    response = await http.post(
        f"/v1/tasks/{task['id']}/status",
        json={"status": "executing"},
        headers={"If-Match": if_match},
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"3"'


async def test_every_mutable_resource_honours_if_match(http: httpx.AsyncClient) -> None:
    """Sessions, test runs, executions, flags and stops check `If-Match` too."""
    ses = (await http.post("/v1/sessions", json={})).json()
    test = (await http.post("/v1/tests", json={})).json()
    task = await create_task(http)
    exe = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    stale = {"If-Match": '"9"'}
    for method, path, body in (
        ("PATCH", f"/v1/sessions/{ses['id']}", {"notes": "n"}),
        ("DELETE", f"/v1/sessions/{ses['id']}", None),
        ("PATCH", f"/v1/tests/{test['id']}", {"status": "completed"}),
        ("POST", f"/v1/executions/{exe['id']}/status", {"status": "starting"}),
        ("POST", f"/v1/tasks/{task['id']}/flag", {"flag": "success"}),
        ("POST", f"/v1/tasks/{task['id']}/stop", None),
    ):
        assert_problem(await http.request(method, path, json=body, headers=stale), 412)
    assert (await http.get(f"/v1/sessions/{ses['id']}")).headers["etag"] == '"1"'
    assert (await http.get(f"/v1/executions/{exe['id']}")).json()["status"] == "queued"


async def test_versions_increase_on_each_change(http: httpx.AsyncClient) -> None:
    """Every change bumps the version; an empty PATCH changes nothing."""
    ses = (await http.post("/v1/sessions", json={"user_id": "u"})).json()
    path = f"/v1/sessions/{ses['id']}"
    same = await http.patch(path, json={"user_id": "u"})
    assert same.json()["version"] == 1
    changed = await http.patch(path, json={"user_id": None, "metadata": {"a": 1}})
    assert changed.json()["version"] == 2
    assert changed.json()["user_id"] is None
    assert changed.json()["metadata"] == {"a": 1}
    assert changed.headers["etag"] == '"2"'
