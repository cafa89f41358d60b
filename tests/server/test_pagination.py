"""Keyset pagination: pages of `limit`, `has_more`, cursors, filters, bad cursors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.server.helpers import assert_problem, create_task


async def _walk(http: httpx.AsyncClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        query = {**params, **({"after": after} if after else {})}
        response = await http.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        if not page["has_more"]:
            assert page["next_cursor"] is None
            return pages
        after = page["next_cursor"]
        assert after


async def test_tasks_over_several_pages_with_filters(http: httpx.AsyncClient) -> None:
    """Filtered tasks come back oldest first over more than two pages, none missed or repeated."""
    ses = (await http.post("/v1/sessions", json={})).json()
    wanted = []
    for index in range(23):
        agent = "agent-a" if index % 3 else "agent-b"
        task = await create_task(http, agent_id=agent, session_id=ses["id"] if index % 2 else None)
        if agent == "agent-a":
            wanted.append(task["id"])
    pages = await _walk(http, "/v1/tasks", {"agent_id": "agent-a", "limit": 4})
    assert len(pages) > 2
    assert all(len(page["data"]) <= 4 for page in pages)
    got = [task["id"] for page in pages for task in page["data"]]
    assert got == wanted
    both = await _walk(
        http, "/v1/tasks", {"agent_id": "agent-a", "session_id": ses["id"], "limit": 2}
    )
    got_both = [(t["session_id"], t["agent_id"]) for page in both for t in page["data"]]
    # Agent a is every index not divisible by 3; the session is on odd indexes: 7 of 23.
    assert got_both == [(ses["id"], "agent-a")] * 7
    via_session = await _walk(http, f"/v1/sessions/{ses['id']}/tasks", {"limit": 3})
    assert len(via_session) > 2
    in_session = [t["id"] for page in via_session for t in page["data"]]
    assert in_session == await _ids(http, {"session_id": ses["id"]})
    assert len(in_session) == 11


async def _ids(http: httpx.AsyncClient, params: dict[str, Any]) -> list[str]:
    return [
        t["id"]
        for page in await _walk(http, "/v1/tasks", {**params, "limit": 100})
        for t in page["data"]
    ]


async def test_status_filter(http: httpx.AsyncClient) -> None:
    """The status filter returns only tasks in that status."""
    running = await create_task(http)
    await http.post(f"/v1/tasks/{running['id']}/status", json={"status": "executing"})
    await create_task(http)
    assert await _ids(http, {"status": "executing"}) == [running["id"]]


async def test_other_lists_paginate(http: httpx.AsyncClient) -> None:
    """Sessions, test runs, executions and comparisons paginate the same way."""
    for _ in range(5):
        await http.post("/v1/sessions", json={"user_id": "u"})
        await http.post("/v1/tests", json={})
    task = await create_task(http)
    test = (await http.post("/v1/tests", json={})).json()
    for _ in range(5):
        await http.post(f"/v1/tasks/{task['id']}/executions", json={})
        await http.post(
            "/v1/comparisons",
            json={
                "context_input": "q",
                "old_output": "a",
                "new_output": "b",
                "test_id": test["id"],
            },
        )
    for path, params, total in (
        ("/v1/sessions", {"user_id": "u"}, 5),
        ("/v1/tests", {"status": "started"}, 6),
        (f"/v1/tasks/{task['id']}/executions", {}, 5),
        (f"/v1/tests/{test['id']}/comparisons", {}, 5),
    ):
        pages = await _walk(http, path, {**params, "limit": 2})
        ids = [item["id"] for page in pages for item in page["data"]]
        assert len(pages) == 3, path
        assert len(ids) == len(set(ids)) == total, path
        assert ids == sorted(ids), path


@pytest.mark.parametrize(
    "cursor",
    [
        "not-an-id!!",
        "DROP TABLE",
        "dGFza18wMUpEMDAwMDAwMDAwMDAwMDAwMDAwMDAwMA",  # an id in base64: no cursor
        "task_01JD000000000000000000000",  # 25 characters after the prefix
        "Task_01JD0000000000000000000000",
        "x" * 512,
    ],
)
async def test_bad_cursor_is_422(http: httpx.AsyncClient, cursor: str) -> None:
    """A cursor without an id's shape is a 422 problem pointing at `after`."""
    body = assert_problem(
        await http.get("/v1/tasks", params={"after": cursor}), 422, "validation-error"
    )
    assert body["errors"][0]["loc"] == ["query", "after"]


async def test_any_well_formed_cursor_is_a_position(http: httpx.AsyncClient) -> None:
    """A cursor of an id's shape is accepted whether or not the id exists: it names a position.

    Before every id, the whole list; past every id, an empty page; between two, what follows.
    """
    ids = [(await create_task(http))["id"] for _ in range(3)]
    for cursor, expected in (
        ("task_00000000000000000000000000", ids),
        ("task_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", []),
        (ids[0], ids[1:]),
        ("ses_01JD0000000000000000000000", ids),  # another kind's id is a position too
    ):
        page = (await http.get("/v1/tasks", params={"after": cursor})).json()
        assert [task["id"] for task in page["data"]] == expected, cursor
    newest_first = await http.get("/v1/tasks", params={"after": ids[2], "order": "desc"})
    assert [task["id"] for task in newest_first.json()["data"]] == ids[1::-1]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten"])
async def test_bad_limit_is_422(http: httpx.AsyncClient, limit: str) -> None:
    """`limit` must be an integer from 1 to 100."""
    body = assert_problem(await http.get("/v1/tasks", params={"limit": limit}), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


async def test_default_page_size_is_20(http: httpx.AsyncClient) -> None:
    """Without `limit` a page holds 20 items."""
    for _ in range(21):
        await http.post("/v1/tests", json={})
    page = (await http.get("/v1/tests")).json()
    assert len(page["data"]) == 20
    assert page["has_more"] is True


@pytest.mark.parametrize("path", ["/v1/tasks", "/v1/sessions/{session_id}/tasks"])
async def test_tasks_newest_first_over_several_pages(http: httpx.AsyncClient, path: str) -> None:
    """With `order=desc` tasks come newest first, the cursor continuing downwards, none twice."""
    ses = (await http.post("/v1/sessions", json={})).json()
    created = [(await create_task(http, session_id=ses["id"]))["id"] for _ in range(7)]
    url = path.format(session_id=ses["id"])
    pages = await _walk(http, url, {"order": "desc", "limit": 3})
    assert [len(page["data"]) for page in pages] == [3, 3, 1]
    assert [task["id"] for page in pages for task in page["data"]] == created[::-1]
    ascending = await _walk(http, url, {"order": "asc", "limit": 3})
    assert [task["id"] for page in ascending for task in page["data"]] == created


async def test_an_unknown_order_is_refused(http: httpx.AsyncClient) -> None:
    """An order other than asc and desc is a 422 naming the parameter."""
    body = assert_problem(await http.get("/v1/tasks", params={"order": "newest"}), 422)
    assert body["errors"][0]["loc"] == ["query", "order"]
