"""The task board in a real browser: login, live statuses and events, resumption, isolation."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import pytest
from opentasks_server import create_app
from opentasks_server.db.engine import Database
from opentasks_server.db.models import BoardSessionRow, EventRow, TaskRow
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import func, select, update

from tests._fault_proxy import HTTPFaultProxy
from tests._live_server import run_server
from tests.browser.conftest import Board, log_in

T = TypeVar("T")


def create_task(api: httpx.Client, **fields: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON fields
    """Create a task through the API and return it."""
    response = api.post("/v1/tasks", json={"agent_id": "agent123", **fields})
    assert response.status_code == 201, response.text
    task: dict[str, Any] = response.json()
    return task


def set_status(api: httpx.Client, task_id: str, status: str) -> None:
    """Move a task to a status through the API."""
    response = api.post(f"/v1/tasks/{task_id}/status", json={"status": status})
    assert response.status_code == 200, response.text


def publish(api: httpx.Client, task_id: str, kind: str, data: dict[str, Any]) -> str:
    """Publish a worker's event on a task's stream; return its id."""
    response = api.post(f"/v1/tasks/{task_id}/events", json={"type": kind, "data": data})
    assert response.status_code == 201, response.text
    event_id: str = response.json()["id"]
    return event_id


def task_event_ids(api: httpx.Client, task_id: str) -> list[str]:
    """Every event id of a task, from the API."""
    response = api.get(f"/v1/tasks/{task_id}/events", params={"limit": 100})
    assert response.status_code == 200, response.text
    assert not response.json()["has_more"]
    return [event["id"] for event in response.json()["data"]]


def shown_event_ids(page: Page) -> list[str]:
    """The event ids the task page lists, in order."""
    ids: list[str] = page.eval_on_selector_all(
        "#events li", "items => items.map(item => item.dataset.eventId)"
    )
    return ids


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end in a thread of its own.

    Playwright's sync API keeps an event loop running in the test's thread.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def stored(board: Board) -> tuple[int, int, int]:
    """Count the rows of the tasks, events and board_sessions tables."""

    async def count() -> tuple[int, int, int]:
        database = Database(board.database_url)
        try:
            async with database.read() as session:
                tables = (TaskRow, EventRow, BoardSessionRow)
                counts = [
                    int(await session.scalar(select(func.count()).select_from(t)) or 0)
                    for t in tables
                ]
                return counts[0], counts[1], counts[2]
        finally:
            await database.dispose()

    return run_async(count())


def expire_logins(board: Board) -> None:
    """Make every board login of the server expired."""

    async def expire() -> None:
        database = Database(board.database_url)
        try:
            async with database.write() as session:
                past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
                await session.execute(update(BoardSessionRow).values(expires_at=past))
        finally:
            await database.dispose()

    run_async(expire())


def test_board_without_login_redirects_to_the_login_page(page: Page, board: Board) -> None:
    """A board page without a login sends the browser to the login form; the API answers 401."""
    page.goto(board.base_url + "/")
    page.wait_for_url("**/board/login?next=/board")
    expect(page.locator("#reason")).to_be_hidden()
    page.goto(board.base_url + "/board/tasks/task_x")
    assert page.url.endswith("/board/login?next=/board/tasks/task_x")
    answer = page.evaluate(
        "async () => { const r = await fetch('/v1/tasks');"
        " return [r.status, r.headers.get('content-type')]; }"
    )
    assert answer == [401, "application/problem+json"]


def test_login_with_a_wrong_key_says_why_and_stays(page: Page, board: Board) -> None:
    """A wrong key is refused on the form with the server's reason; no login is stored."""
    before = stored(board)
    page.goto(board.base_url + "/board/login")
    page.fill("#key", "ot_wrong")
    page.click("button[type=submit]")
    expect(page.locator("#error")).to_contain_text("not valid")
    assert "/board/login" in page.url
    assert stored(board) == before


def test_the_key_goes_in_no_url_and_no_script_readable_cookie(
    page: Page, context: BrowserContext, board: Board
) -> None:
    """Logging in sends the key in a header only; the cookie it gets is HttpOnly and Strict."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    log_in(page, board)
    assert urls
    assert not [url for url in urls if board.key in url]
    cookies = context.cookies()
    assert [c["name"] for c in cookies] == ["opentasks_session"]
    assert cookies[0]["httpOnly"] is True
    assert cookies[0]["sameSite"] == "Strict"
    assert board.key not in cookies[0]["value"]
    assert page.evaluate("document.cookie") == ""


def test_task_list_updates_live_and_filters(page: Page, board: Board, screenshots: Path) -> None:
    """A status change and a new task show up without a reload; the filters narrow the list."""
    with board.api() as api:
        first = create_task(api, name="Sales analysis", prompt="Analyze the sales data")
        create_task(api, agent_id="agent-b", name="Translate")
        log_in(page, board)
        expect(page.locator("#tasks tbody tr")).to_have_count(2)
        expect(page.locator("#live")).to_have_text("live")
        set_status(api, first["id"], "executing")
        row = page.locator(f'#tasks tr[data-task-id="{first["id"]}"] [data-field=status]')
        expect(row).to_have_text("executing")
        third = create_task(api, name="Summarise the call")
        # The newest task goes on top of the first page.
        expect(page.locator("#tasks tbody tr").first).to_have_attribute("data-task-id", third["id"])
        page.screenshot(path=screenshots / "board-tasks.png", animations="disabled")

        page.select_option("#filter-status", "executing")
        page.wait_for_url(re.compile(r"status=executing"))
        expect(page.locator("#tasks tbody tr")).to_have_count(1)
        page.goto(board.base_url + "/board")
        expect(page.locator("#tasks tbody tr")).to_have_count(3)
        page.keyboard.press("/")
        page.keyboard.type("agent-b")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"agent_id=agent-b"))
        expect(page.locator("#tasks tbody tr")).to_have_count(1)
        expect(page.locator("#tasks tbody")).to_contain_text("Translate")


def test_task_list_pages_with_the_cursor(page: Page, board: Board) -> None:
    """Newest first; more tasks than a page holds are reached with Next page, none twice."""
    with board.api() as api:
        ids = [create_task(api, name=f"task {n}")["id"] for n in range(30)]
    log_in(page, board)
    expect(page.locator("#tasks tbody tr")).to_have_count(25)
    first = page.eval_on_selector_all("#tasks tbody tr", "rows => rows.map(r => r.dataset.taskId)")
    page.click("#next-page")
    expect(page.locator("#tasks tbody tr")).to_have_count(5)
    second = page.eval_on_selector_all("#tasks tbody tr", "rows => rows.map(r => r.dataset.taskId)")
    assert first + second == ids[::-1]
    expect(page.locator("#next-page")).to_be_disabled()


def test_task_page_streams_live_and_resumes_after_a_reload(
    page: Page, board: Board, screenshots: Path
) -> None:
    """Status changes and chunks arrive live; after a reload mid-stream no event is lost or twice."""
    with board.api() as api:
        task = create_task(
            api,
            name="Sales analysis",
            prompt="Analyze the sales data",
            main=[
                {"kind": "tool_call", "tool": "web_search", "arguments": {"query": "sales"}},
                {"kind": "prompt", "prompt": "Summarise the figures."},
            ],
        )
        log_in(page, board, path=f"/board/tasks/{task['id']}")
        expect(page.locator("#live")).to_have_text("live")
        expect(page.locator("#task-status")).to_have_text("pending")

        set_status(api, task["id"], "executing")
        expect(page.locator("#task-status")).to_have_text("executing")
        publish(api, task["id"], "chunk", {"text": "Revenue "})
        publish(api, task["id"], "tool_call_request", {"tool": "calculator", "arguments": {}})
        publish(api, task["id"], "chunk", {"text": "is up "})
        expect(page.locator("#live-output")).to_have_text("Revenue is up ")
        expect(page.locator("#events")).to_contain_text("calculator(")

        page.reload()
        # Events published while the page reloads and after it are all shown once.
        for n in range(5):
            publish(api, task["id"], "chunk", {"text": f"{n} "})
        expect(page.locator("#live")).to_have_text("live")
        publish(api, task["id"], "chunk", {"text": "12%"})
        set_status(api, task["id"], "completed")
        expect(page.locator("#task-status")).to_have_text("completed")
        expect(page.locator("#live-output")).to_have_text("Revenue is up 0 1 2 3 4 12%")
        expected = task_event_ids(api, task["id"])
        expect(page.locator("#events li")).to_have_count(len(expected))
        assert shown_event_ids(page) == expected
        page.screenshot(path=screenshots / "board-task.png", full_page=True, animations="disabled")


def test_a_dropped_stream_resumes_with_last_event_id(page: Page, board: Board) -> None:
    """A stream cut mid-way resumes with Last-Event-ID: every missed event arrives, once.

    The server the page streams from stops; the page reconnects, through the same proxy, to
    another server on the same database.
    """
    serving: dict[str, int | None] = {}
    with HTTPFaultProxy(lambda: serving["port"] or 0) as proxy, contextlib.ExitStack() as stack:
        first = stack.enter_context(run_server(create_app(board.database_url)))
        serving["port"] = urlsplit(first.base_url).port
        via_proxy = Board(proxy.base_url, board.database_url, board.key, board.other_key)
        with httpx.Client(
            base_url=first.base_url, headers={"Authorization": f"Bearer {board.key}"}
        ) as api:
            task = create_task(api, name="flaky network")
            log_in(page, via_proxy, path=f"/board/tasks/{task['id']}")
            expect(page.locator("#live")).to_have_text("live")
            publish(api, task["id"], "chunk", {"text": "a"})
            expect(page.locator("#live-output")).to_have_text("a")

        with run_server(create_app(board.database_url)) as second:
            serving["port"] = urlsplit(second.base_url).port
            with httpx.Client(
                base_url=second.base_url, headers={"Authorization": f"Bearer {board.key}"}
            ) as api:
                # The first server never hears of these (SQLite fans out within one process):
                # the page gets them only by resuming from the last event it handled.
                publish(api, task["id"], "chunk", {"text": "b"})
                publish(api, task["id"], "chunk", {"text": "c"})
                stack.close()  # the first server stops, ending the page's stream
                expect(page.locator("#live-output")).to_have_text("abc", timeout=20_000)
                assert shown_event_ids(page) == task_event_ids(api, task["id"])
                resumed = [r for r in proxy.requests if r.target == "/v1/events"]
                assert len(resumed) >= 2
                assert resumed[-1].headers.get("last-event-id", "").startswith("evt_")


def test_a_login_of_one_project_sees_nothing_of_another(page: Page, board: Board) -> None:
    """Logged in to project `default`, project `other`'s task is not found, page or API."""
    with board.api(board.other_key) as theirs:
        hidden = create_task(theirs, name="their secret")
    log_in(page, board)
    expect(page.locator("#tasks")).to_contain_text("No tasks.")
    page.goto(f"{board.base_url}/board/tasks/{hidden['id']}")
    expect(page.locator("h1")).to_have_text("Not found")
    expect(page.locator("main")).not_to_contain_text("their secret")
    status = page.evaluate(f"async () => (await fetch('/v1/tasks/{hidden['id']}')).status")
    assert status == 404


def test_expired_and_forged_logins_get_a_clear_page_and_touch_nothing(
    page: Page, context: BrowserContext, board: Board
) -> None:
    """An expired login and a forged cookie lead to the login page saying so; nothing changes."""
    log_in(page, board)
    # Leave the live board first: its own requests would meet the expired login too and
    # navigate to the login page at the same time as the `goto` below, which then aborts.
    page.goto("about:blank")
    expire_logins(board)
    before = stored(board)
    page.goto(board.base_url + "/board")
    page.wait_for_url("**/board/login**reason=expired")
    expect(page.locator("#reason")).to_contain_text("expired")
    context.clear_cookies()
    context.add_cookies([{"name": "opentasks_session", "value": "forged", "url": board.base_url}])
    page.goto(board.base_url + "/board")
    page.wait_for_url("**/board/login**reason=invalid")
    expect(page.locator("#reason")).to_contain_text("not valid")
    answer = page.evaluate(
        "async () => { const r = await fetch('/v1/tasks', {method: 'POST',"
        " headers: {'Content-Type': 'application/json'}, body: '{\"agent_id\": \"x\"}'});"
        " return [r.status, (await r.json()).type]; }"
    )
    assert answer == [401, "https://opentasks.dev/problems/unauthorized"]
    assert stored(board) == before


def test_a_cookie_write_without_the_csrf_token_is_refused(page: Page, board: Board) -> None:
    """From the page, a write without X-CSRF-Token is a 403 and stores nothing; with it, 201."""
    log_in(page, board)
    before = stored(board)
    refused = page.evaluate(
        "async () => (await fetch('/v1/tasks', {method: 'POST',"
        " headers: {'Content-Type': 'application/json'}, body: '{\"agent_id\": \"x\"}'})).status"
    )
    assert refused == 403
    assert stored(board) == before
    created = page.evaluate(
        "async () => { const me = await (await fetch('/v1/auth/session')).json();"
        " return (await fetch('/v1/tasks', {method: 'POST', headers: {'Content-Type':"
        " 'application/json', 'X-CSRF-Token': me.csrf_token}, body: '{\"agent_id\": \"x\"}'})).status; }"
    )
    assert created == 201


def test_flag_and_stop_from_the_task_page(page: Page, board: Board) -> None:
    """The task page's buttons flag and stop the task (with the CSRF token), shown live."""
    with board.api() as api:
        task = create_task(api, name="to stop")
        set_status(api, task["id"], "executing")
        log_in(page, board, path=f"/board/tasks/{task['id']}")
        expect(page.locator("#live")).to_have_text("live")
        page.click("#flag-failure")
        expect(page.locator("#task-flag")).to_have_text("failure")
        page.click("#stop")
        expect(page.locator("#task-status")).to_have_text("stopped")
        expect(page.locator("#stop")).to_be_disabled()
        stored_task = api.get(f"/v1/tasks/{task['id']}").json()
    assert stored_task["flag"] == "failure"
    assert stored_task["flag_source"] == "board"
    assert stored_task["status"] == "stopped"
    assert stored_task["status_reason"] == "Stopped from the board."


def test_logout_ends_the_login(page: Page, context: BrowserContext, board: Board) -> None:
    """The Log out button ends the login on the server; the board asks for the key again."""
    log_in(page, board)
    cookie = context.cookies()[0]
    page.click("#logout")
    page.wait_for_url("**/board/login")
    assert context.cookies() == []
    context.add_cookies([cookie])
    page.goto(board.base_url + "/board")
    page.wait_for_url("**/board/login**reason=invalid")


def test_a_login_expiring_on_an_open_page_leads_to_the_login_form(page: Page, board: Board) -> None:
    """When the login expires while a page is open, its next read sends it to the login form."""
    with board.api() as api:
        task = create_task(api, name="long watch")
        log_in(page, board, path=f"/board/tasks/{task['id']}")
        expect(page.locator("#live")).to_have_text("live")
        expire_logins(board)
        set_status(api, task["id"], "executing")  # the page reads the task again, and is refused
        page.wait_for_url("**/board/login**reason=expired")
        expect(page.locator("#reason")).to_contain_text("expired")


def test_sessions_and_test_runs_pages(page: Page, board: Board, screenshots: Path) -> None:
    """Sessions list their tasks; a test run shows its comparisons and their tally, live."""
    with board.api() as api:
        session = api.post("/v1/sessions", json={"agent_id": "agent123", "user_id": "user42"})
        session_id = session.json()["id"]
        create_task(
            api, session_id=session_id, prompt="What is 2 + 2?", output="4", status="completed"
        )
        create_task(api, session_id=session_id, prompt="And 3 + 3?")
        test_id = api.post("/v1/tests", json={"summary": {"suite": "demo"}}).json()["id"]
        for old, new in (("4", " 4 "), ("4", "Four")):
            body = {"context_input": "What is 2 + 2?", "old_output": old, "new_output": new}
            assert api.post("/v1/comparisons", json={**body, "test_id": test_id}).status_code == 201

        log_in(page, board, path="/board/sessions")
        expect(page.locator("#sessions tbody tr")).to_have_count(1)
        page.click(f"text={session_id}")
        expect(page.locator("#tasks tbody tr")).to_have_count(2)
        page.screenshot(
            path=screenshots / "board-session.png", full_page=True, animations="disabled"
        )

        page.goto(board.base_url + "/board/tests")
        expect(page.locator("#tests tbody tr")).to_have_count(1)
        page.click(f"text={test_id}")
        expect(page.locator("#comparisons tbody tr")).to_have_count(2)
        expect(page.locator("#tally")).to_contain_text("same_quality 1")
        expect(page.locator("#live")).to_have_text("live")
        body = {"context_input": "q", "old_output": "a", "new_output": "a", "test_id": test_id}
        assert api.post("/v1/comparisons", json=body).status_code == 201
        expect(page.locator("#comparisons tbody tr")).to_have_count(3)
        expect(page.locator("#tally")).to_contain_text("same_quality 2")
        page.screenshot(
            path=screenshots / "board-test-run.png", full_page=True, animations="disabled"
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_follow_the_color_scheme(
    page: Page, board: Board, screenshots: Path, scheme: str
) -> None:
    """The board is drawn light or dark as the system asks."""
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    log_in(page, board)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(17, 19, 23)")
    if scheme == "dark":
        with board.api() as api:
            create_task(api, name="Sales analysis")
        expect(page.locator("#tasks tbody tr")).to_have_count(1)
        page.screenshot(path=screenshots / "board-tasks-dark.png", animations="disabled")


def test_keyboard_reaches_the_board(page: Page, board: Board) -> None:
    """Tab reaches the skip link first, then the navigation; focus is visible to the user."""
    log_in(page, board)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
