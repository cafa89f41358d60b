"""The public API used the way users write it; type-checked with `mypy --strict`, never run.

A change to the SDK that breaks these lines for a type checker breaks users' code too.
"""

from __future__ import annotations

import datetime

import httpx
import opentasks
from opentasks import (
    APIStatusError,
    AsyncPager,
    Backoff,
    Client,
    Comparison,
    ConflictError,
    Event,
    EventType,
    Execution,
    Flag,
    Page,
    PreconditionFailedError,
    PromptStep,
    RawResponse,
    RetryEvent,
    RetryTransport,
    Session,
    SyncPager,
    Task,
    TaskStatus,
    Test,
)
from opentasks.testing import LocalServer, serve


def on_retry(event: RetryEvent) -> None:
    """A retry hook, as users write one."""
    attempt: int = event.attempt
    delay: float = event.delay
    status: int | None = event.status_code
    print(attempt, delay, status)


def quickstart() -> None:
    """The sync quickstart, and the rest of the sync surface."""
    client = Client(
        api_key="ot_x",
        base_url="http://127.0.0.1:8000",
        timeout=httpx.Timeout(30, connect=5),
        max_retries=3,
        backoff=Backoff(initial=0.2, maximum=5),
        on_retry=on_retry,
        default_headers={"X-Team": "sales"},
        transport=RetryTransport(httpx.HTTPTransport()),
    )
    task: Task = client.tasks.create(
        agent_id="agent123",
        prompt="Analyze the sales data",
        file_urls=["https://example.com/data.csv"],
        metadata={"team": "sales"},
        main=[PromptStep(kind="prompt", prompt="hi"), {"kind": "error", "error": "no"}],
        timeout=10,
    )
    pager: SyncPager[Task] = client.tasks.list(agent_id="agent123", status=TaskStatus.PENDING)
    for listed in pager:
        task_id: str = listed.id
        status: TaskStatus | str = listed.status
        print(task_id, status)
    for page in pager.pages():
        typed_page: Page[Task] = page
        more: bool = typed_page.has_more
        print(more, page.next_cursor)
    task.set_status("executing")
    task.set_status(TaskStatus.PAUSED, reason="waiting")
    task.output = "Revenue up 12%"
    task.notes = None
    task.metadata = {"team": "sales", "quarter": 3}
    team: str | None = task.metadata.get("team")
    fields: dict[str, object] = task.data
    print(team, fields)
    version: int = task.save().version
    created: datetime.datetime = task.created_at
    finished: datetime.datetime | None = task.finished_at
    # A flag added to the API after this client was built arrives as a plain string.
    flag: Flag | str | None = task.set_flag("success", notes="right").flag
    print(version, created, finished, flag, task.etag, task.is_terminal)
    with task.events(follow=False, idle_timeout=30) as stream:
        for event in stream:
            kind: EventType | str = event.type
            print(kind, event.id, event.data["text"], event.task_id)
    published: Event = task.publish("chunk", {"text": "Revenue "})
    execution: Execution = task.executions.start({"region": "emea"})
    execution.set_status("running").set_status("succeeded", output={"answer": 42})
    same: Execution = client.executions.get(execution.id)
    print(published.id, same.status)
    try:
        task.refresh().stop(reason="enough")
    except ConflictError as error:
        print(error.status_code, error.request_id, error.detail, error.problem)
    except PreconditionFailedError:
        pass
    except APIStatusError as error:
        print(error.response.status_code)
    flagged: Task = client.flag(task.id, "failure", source="owner", notes="wrong")
    test: Test = client.create_test(summary={"suite": "regression"})
    comparison: Comparison = client.compare("q", "old", "new", test_id=test.id)
    ended: Test = client.update_test(test.id, "completed")
    print(flagged.flag, comparison.comparison_result, ended.terminated_at)
    session: Session = client.sessions.create(agent_id="agent123", user_id="user42")
    session.notes = "refund"
    session.save()
    for in_session in session.tasks():
        print(in_session.id)
    session.delete()
    with client.events(types=["task_finished"]) as project:
        for finished_event in project:
            print(finished_event.task_id)
            break
    # Mistakes a type checker must catch (the ignores fail as unused if they stop being errors).
    client.tasks.create(agent_id="a", promt="typo")  # type: ignore[call-arg]
    task.outptu = "typo"  # type: ignore[attr-defined]
    task.version = "3"  # type: ignore[assignment]
    patient: Client = client.with_options(max_retries=5)
    patient.close()
    client.close()


async def async_quickstart() -> None:
    """The async quickstart."""
    async with Client() as client:
        task = await client.tasks.acreate(agent_id="agent123")
        await task.aset_status("executing")
        task.output = "done"
        await task.asave()
        await task.aset_status(TaskStatus.COMPLETED)
        async for event in task.aevents():
            print(event.type)
        pager: AsyncPager[Task] = client.tasks.alist(agent_id="agent123")
        async for listed in pager:
            print(listed.id)
        execution = await task.executions.astart({"x": 1})
        await execution.aset_status("cancelled")
        test = await client.acreate_test()
        await client.acompare("q", "a", "b", test_id=test.id)
        await client.aupdate_test(test.id, "canceled")
        await client.aflag(task.id, Flag.SUCCESS)
        async with client.aevents() as stream:
            async for event in stream:
                print(event.id)
                break


def raw_responses(client: Client) -> None:
    """Raw responses keep the wrapped call's arguments and parsed type."""
    raw: RawResponse[Task] = client.tasks.with_raw_response.get("task_1", timeout=5)
    status: int = raw.status_code
    request_id: str | None = raw.request_id
    etag: str | None = raw.headers.get("etag")
    task: Task = raw.parse()
    deleted: RawResponse[None] = client.sessions.with_raw_response.delete("ses_1")
    print(status, request_id, etag, task.id, deleted.parsed)


async def async_raw_responses(client: Client) -> None:
    """The async raw twins are awaited and typed the same way."""
    raw: RawResponse[Session] = await client.sessions.with_raw_response.aget("ses_1")
    print(raw.parsed.id, raw.http_request.url)


async def mistakes_type_checkers_catch(client: Client) -> None:
    """Mistakes a type checker reports; each ignore fails the check once the mistake type-checks."""
    await client.tasks.alist()  # type: ignore[misc]  # a pager is iterated, not awaited


def testing() -> None:
    """A local server for tests."""
    with serve() as server:
        local: LocalServer = server
        client: Client = local.client(max_retries=0)
        print(local.base_url, local.api_key, client, opentasks.__version__)
