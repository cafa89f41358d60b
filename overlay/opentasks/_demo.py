"""`opentasks demo`: the quickstart, run through the SDK against an embedded reference server.

It shows each seed style once: an xpander-style task driven through its status lifecycle while
its events stream live, phospho-style logging, flags, a test run with comparisons, and a
julep-style task with workflow steps and an execution. It prints what happens as it happens.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TextIO

from ._client import Client
from ._sse import Event
from ._task import Task
from .testing import serve

__all__ = ["run_demo"]

AGENT = "agent123"


def _describe(event: Event) -> str:
    data = event.data
    if event.type == "task_created":  # the whole task: show only what matters here
        return f"status={data.get('status')} prompt={data.get('prompt')!r}"
    return ", ".join(f"{key}={value!r}" for key, value in data.items())


def _worker(task: Task, say: Callable[[str], None], pause: float) -> None:
    """Play the agent: work on the task and publish its progress, as a worker would."""
    time.sleep(pause)
    task.set_status("executing")
    for chunk in ("Revenue ", "is up ", "12% "):
        task.publish("chunk", {"text": chunk})
        time.sleep(pause)
    task.publish("tool_call_request", {"tool": "calculator", "arguments": {"expr": "112/100"}})
    task.output = "Revenue up 12%"
    task.save()
    say(f"  [worker] saved the output (version {task.version}, ETag {task.etag})")
    task.set_status("completed", reason="done")


def _xpander_style(client: Client, say: Callable[[str], None], pause: float) -> Task:
    say("1. Create a task and list the agent's tasks")
    task = client.tasks.create(
        agent_id=AGENT,
        name="Sales analysis",
        prompt="Analyze the sales data",
        file_urls=["https://example.com/data.csv"],
    )
    say(f"   created {task.id} ({task.status})")
    for listed in client.tasks.list(agent_id=AGENT):
        say(f"   listed  {listed.id} {listed.status} {listed.prompt!r}")

    say("2. A worker thread runs the task; its events stream here live")
    worker = threading.Thread(target=_worker, args=(task, say, pause), daemon=True)
    worker.start()
    with task.events() as stream:
        for event in stream:
            say(f"   event {event.id} {event.type}: {_describe(event)}")
    worker.join()
    task.refresh()
    say(f"   the stream ended at the terminal event; task is {task.status}: {task.output!r}")

    say("3. Flag the outcome")
    task.set_flag("success", source="user", notes="The figure is right.")
    say(f"   flag={task.flag} by {task.flag_source}")
    return task


def _phospho_style(client: Client, say: Callable[[str], None]) -> None:
    say("4. Log a finished interaction in one call, in a session (phospho style)")
    session = client.sessions.create(agent_id=AGENT, user_id="user42")
    logged = client.tasks.create(
        agent_id=AGENT,
        session_id=session.id,
        prompt="What is 2 + 2?",
        output="4",
        status="completed",
    )
    say(f"   logged {logged.id} as {logged.status} in {session.id}")
    client.flag(logged.id, "success", source="owner")
    say(f"   the session holds {sum(1 for _ in session.tasks())} task(s)")

    say("5. Compare two outputs inside a test run")
    test = client.create_test(summary={"suite": "demo"})
    same = client.compare("What is 2 + 2?", "4", " 4 ", test_id=test.id)
    other = client.compare("What is 2 + 2?", "4", "Four", test_id=test.id)
    say(f"   '4' vs ' 4 '  -> {same.comparison_result} ({same.source})")
    say(f"   '4' vs 'Four' -> {other.comparison_result} ({other.source})")
    test = client.update_test(test.id, "completed")
    say(f"   test run {test.id} is {test.status}")


def _julep_style(client: Client, say: Callable[[str], None]) -> None:
    say("6. A task with workflow steps, run as an execution (julep style)")
    task = client.tasks.create(
        agent_id=AGENT,
        name="summarise",
        tools_available=["web_search"],
        main=[
            {"kind": "tool_call", "tool": "web_search", "arguments": {"query": "{{inputs.topic}}"}},
            {"kind": "prompt", "prompt": "Summarise {{outputs[0]}} in one sentence."},
        ],
    )
    say(f"   created {task.id} with {len(task.main)} steps")
    execution = task.executions.start({"topic": "quarterly revenue"})
    say(f"   execution {execution.id} is {execution.status}")
    for status in ("starting", "running"):
        execution.set_status(status)
        say(f"   execution -> {execution.status}; task -> {task.refresh().status}")
    execution.set_status("succeeded", output={"summary": "Revenue grew 12%."})
    say(f"   execution -> {execution.status} with {execution.output}")
    say(f"   task -> {task.refresh().status}")


def run_demo(out: TextIO, *, pause: float = 0.2) -> int:
    """Run the quickstart against an embedded server and print what happens.

    Args:
        out: Where to print.
        pause: Seconds the worker waits between steps, so the stream is seen live.

    Returns:
        The exit status (0).
    """

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    say("Starting an embedded opentasks server on a temporary SQLite file ...")
    with serve(heartbeat_interval=1.0) as server:
        say(f"Serving {server.base_url}")
        say(f"The task board: {server.base_url}/board (open it while the demo runs)\n")
        with server.client() as client:
            _xpander_style(client, say, pause)
            _phospho_style(client, say)
            _julep_style(client, say)
    say("\nDone: the server stopped and its temporary database was removed.")
    say("To watch your own agents' tasks live, run `opentasks serve` and open its /board.")
    return 0
