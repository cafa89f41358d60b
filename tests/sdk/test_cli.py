"""The `opentasks` command line: demo, tasks list|get|watch, and the server's commands."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from opentasks import Client
from opentasks._cli import main
from opentasks.testing import LocalServer


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, server: LocalServer, api_key: str) -> None:
    """Point the CLI at the test server through the environment, as a user would."""
    monkeypatch.setenv("OPENTASKS_API_KEY", api_key)
    monkeypatch.setenv("OPENTASKS_BASE_URL", server.base_url)


@pytest.mark.slow
def test_demo_runs_as_a_fresh_process() -> None:
    """`python -m opentasks demo` runs the quickstart on an embedded server and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "opentasks", "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "task_finished" in out
    assert "chunk: text='Revenue '" in out
    assert "same_quality" in out
    assert "execution -> succeeded" in out
    assert "Traceback" not in result.stderr


def test_tasks_list_and_get(env: None, client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    """`tasks list` prints one line per task; `tasks get` prints the task as JSON."""
    task = client.tasks.create(agent_id="cli-agent", prompt="hello from the cli")
    assert main(["tasks", "list", "--agent-id", "cli-agent"]) == 0
    listing = capsys.readouterr().out
    assert task.id in listing
    assert "hello from the cli" in listing
    assert main(["tasks", "get", task.id]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == task.id


def test_tasks_watch_streams_until_the_task_finishes(
    env: None, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tasks watch` prints a task's events live and returns when it finishes."""
    task = client.tasks.create(agent_id="a")

    def finish() -> None:
        task.set_status("executing")
        task.publish("chunk", {"text": "hi"})
        task.set_status("completed")

    timer = threading.Timer(0.3, finish)
    timer.start()
    assert main(["tasks", "watch", task.id]) == 0
    timer.join()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines] == [
        "task_created",
        "task_status_changed",
        "chunk",
        "task_finished",
    ]


def test_errors_are_reported_not_raised(
    env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing task or a missing key prints one line and exits 1."""
    assert main(["tasks", "get", "task_01JD0000000000000000000000"]) == 1
    assert "404" in capsys.readouterr().err
    monkeypatch.delenv("OPENTASKS_API_KEY")
    assert main(["tasks", "list"]) == 1
    assert "OPENTASKS_API_KEY" in capsys.readouterr().err


def test_keys_create_runs_the_server_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`keys create` calls the server's command, which prints a new key."""
    db = f"sqlite+aiosqlite:///{tmp_path / 'keys.db'}"
    assert main(["keys", "create", "--project", "cli", "--db", db]) == 0
    assert "ot_" in capsys.readouterr().out


def test_server_commands_explain_the_missing_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the server extra, `serve` says which extra to install."""
    monkeypatch.setitem(sys.modules, "opentasks_server", None)
    assert main(["serve"]) == 2
    assert 'pip install "opentasks[server]"' in capsys.readouterr().err


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_the_missing_extra_is_named_once(command: str) -> None:
    """Without the server's packages, one line names them and the extra to install."""
    code = (
        "import sys; sys.modules['fastapi'] = None; "  # as if fastapi were not installed
        f"from opentasks._cli import main; sys.exit(main([{command!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.count('pip install "opentasks[server]"') == 1, result.stderr
    assert "fastapi" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command, the help is shown."""
    assert main([]) == 0
    assert "demo" in capsys.readouterr().out
