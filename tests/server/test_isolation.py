"""Project isolation: another project's ids are 404s and its lists never show them."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from fastapi import FastAPI

from tests.server.helpers import assert_problem, client_for, create_task


async def test_other_project_sees_nothing(
    app: FastAPI, http: httpx.AsyncClient, make_key: Callable[[str], str]
) -> None:
    """Every resource of one project is invisible to a key of another project."""
    ses = (await http.post("/v1/sessions", json={"agent_id": "a"})).json()
    task = await create_task(http, session_id=ses["id"])
    exe = (await http.post(f"/v1/tasks/{task['id']}/executions", json={})).json()
    test = (await http.post("/v1/tests", json={})).json()
    cmp_ = await http.post(
        "/v1/comparisons",
        json={"context_input": "q", "old_output": "a", "new_output": "b", "test_id": test["id"]},
    )
    assert cmp_.status_code == 201

    async with client_for(app, make_key("other")) as other:
        for path in (
            f"/v1/tasks/{task['id']}",
            f"/v1/sessions/{ses['id']}",
            f"/v1/sessions/{ses['id']}/tasks",
            f"/v1/executions/{exe['id']}",
            f"/v1/tasks/{task['id']}/executions",
            f"/v1/tests/{test['id']}",
            f"/v1/tests/{test['id']}/comparisons",
        ):
            assert_problem(await other.get(path), 404, "not-found")
        for method, path, body in (
            ("PATCH", f"/v1/tasks/{task['id']}", {"name": "x"}),
            ("POST", f"/v1/tasks/{task['id']}/status", {"status": "executing"}),
            ("POST", f"/v1/tasks/{task['id']}/stop", {}),
            ("POST", f"/v1/tasks/{task['id']}/flag", {"flag": "success"}),
            ("POST", f"/v1/tasks/{task['id']}/executions", {}),
            ("POST", f"/v1/executions/{exe['id']}/status", {"status": "starting"}),
            ("PATCH", f"/v1/sessions/{ses['id']}", {"notes": "x"}),
            ("DELETE", f"/v1/sessions/{ses['id']}", None),
            ("PATCH", f"/v1/tests/{test['id']}", {"status": "completed"}),
            # Linking to another project's session or test run is a 404 too.
            ("POST", "/v1/tasks", {"agent_id": "a", "session_id": ses["id"]}),
            ("POST", "/v1/tasks", {"agent_id": "a", "test_id": test["id"]}),
            (
                "POST",
                "/v1/comparisons",
                {"context_input": "q", "old_output": "a", "new_output": "b", "test_id": test["id"]},
            ),
        ):
            assert_problem(await other.request(method, path, json=body), 404, "not-found")
        for path in ("/v1/tasks", "/v1/sessions", "/v1/tests", "/v1/events"):
            page = (await other.get(path)).json()
            assert page["data"] == [], path
            assert page["has_more"] is False

    # Nothing the other key tried changed anything here.
    again = (await http.get(f"/v1/tasks/{task['id']}")).json()
    assert again == task
    assert (await http.get(f"/v1/sessions/{ses['id']}")).status_code == 200
