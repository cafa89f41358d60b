"""The `opentasks` command line: demo, tasks list|get|watch, and the server's commands."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
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
    assert re.search(r"The task board: http://127\.0\.0\.1:\d+/board", out)
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
    err = capsys.readouterr().err
    assert err == (
        "opentasks: no API key: pass --api-key KEY or set OPENTASKS_API_KEY "
        "(`opentasks keys create --project NAME` makes one on a local server)\n"
    )


MISTAKES = [
    (["tasks", "list", "--status", "bogus"], "invalid choice: 'bogus'"),
    (["tasks", "list", "--limit", "0"], "--limit: must be at least 1"),
    (["tasks", "list", "--limit", "many"], "--limit: expected a whole number"),
    (["tasks", "get", ""], "task_id: must not be empty"),
    (["tasks", "get"], "required: task_id"),
    (["tasks"], "required: ACTION"),
    (["tasks", "list", "--base-url", "localhost:8000"], "base_url must be an http:// or https://"),
    (["tasks", "list", "--base-url", ""], "--base-url: must not be empty"),
    (["tasks", "list", "--api-key", ""], "--api-key: must not be empty"),
    (["serve", "--port", "70000"], "--port: must be a TCP port"),
    (["serve", "--workers", "0"], "--workers: must be at least 1"),
    (["keys", "create"], "required: --project"),
    (["nonsense"], "invalid choice: 'nonsense'"),
]


@pytest.mark.parametrize(("argv", "message"), MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_a_mistake_is_one_line_and_exit_status_2(
    env: None, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong argument is reported in one line that names it, with exit status 2."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert message in captured.err
    assert captured.err.startswith("opentasks")


def test_connection_options_work_after_the_action(
    server: LocalServer, api_key: str, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--api-key` and `--base-url` are accepted before and after the action."""
    task = client.tasks.create(agent_id="cli-agent", prompt="placed anywhere")
    options = ["--api-key", api_key, "--base-url", server.base_url]
    assert main(["tasks", "list", *options]) == 0
    assert task.id in capsys.readouterr().out
    assert main(["tasks", *options, "get", task.id]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == task.id
    assert main(["tasks", "--api-key", api_key, "get", task.id, "--base-url", server.base_url]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == task.id


def test_limit_caps_the_listing(
    env: None, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--limit N` prints N tasks."""
    for _ in range(3):
        client.tasks.create(agent_id="limited")
    assert main(["tasks", "list", "--agent-id", "limited", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_an_unknown_task_and_an_unreachable_server_are_one_line(
    env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answers the user cannot fix by retyping are one line too, with exit status 1."""
    for command in ("get", "watch"):
        assert main(["tasks", command, "task_01JD0000000000000000000000"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert "404" in err
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for argv in (["list"], ["watch", "task_01JD0000000000000000000000"]):
        assert main(["tasks", *argv, "--base-url", nowhere]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert "Could not reach the server" in err
        assert "opentasks serve" in err


@pytest.mark.slow
def test_serve_passes_the_limits_it_is_given(tmp_path: Path) -> None:
    """`opentasks serve --rate-limit 2` serves with that limit: the third call is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = ["serve", "--port", str(port), "--rate-limit", "2", "--db", str(tmp_path / "x.db")]
    # Leaving the block closes the pipe and waits for the process, terminated in `finally`.
    with subprocess.Popen(
        [sys.executable, "-m", "opentasks", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            lines = iter(process.stdout.readline, "")
            key = next(line for line in lines if "OPENTASKS_API_KEY=" in line).split("=", 1)[1]
            headers = {"Authorization": f"Bearer {key.strip()}"}
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    with contextlib.suppress(httpx.TransportError):
                        if http.get("/healthz").status_code == 200:
                            break
                    time.sleep(0.05)
                statuses = [http.get("/v1/tasks", headers=headers).status_code for _ in range(3)]
        finally:
            process.terminate()
    assert statuses == [200, 200, 429]


def test_keys_create_warns_when_it_makes_a_new_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside the server's folder, `keys create` names the database it made and warns."""
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "opentasks.db"
    assert main(["keys", "create", "--project", "cli"]) == 0
    first = capsys.readouterr()
    assert "warning: there was no database" in first.err
    assert str(database) in first.err
    assert str(database) in first.out
    assert main(["keys", "create", "--project", "cli"]) == 0
    again = capsys.readouterr()
    assert again.err == ""
    assert str(database) in again.out


def test_keys_create_reports_an_unusable_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database that cannot be opened is one line and exit status 1, not a traceback."""
    for db in (str(tmp_path / "missing" / "x.db"), "bogus://x"):
        assert main(["keys", "create", "--project", "cli", "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert "cannot use the database" in err


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
