"""The `opentasks` command line.

- `opentasks serve` and `opentasks keys create` run the reference server's commands (the
  `server` extra), imported only when used;
- `opentasks demo` runs the quickstart against an embedded server;
- `opentasks tasks list|get|watch` talk to a server through the SDK (`OPENTASKS_API_KEY`,
  `OPENTASKS_BASE_URL`, or `--api-key` / `--base-url`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from ._arguments import MAX_PAGE_SIZE
from ._client import ENV_API_KEY, Client
from ._demo import run_demo
from ._exceptions import APIConnectionError, OpenTasksError
from ._version import __version__

__all__ = ["build_parser", "main"]

_SERVER_EXTRA = 'pip install "opentasks[server]"'
_SERVER_HINT = f"this command runs the reference server: {_SERVER_EXTRA}"
_START_HINT = "start one with `opentasks serve`, or point $OPENTASKS_BASE_URL or --base-url at it"
_MAX_PORT = 65535


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a mistake in one line, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print the mistake and where to read the usage, then exit with status 2."""
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        msg = f"expected a whole number, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < 1:
        msg = f"must be at least 1, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _port(text: str) -> int:
    value = _at_least_one(text)
    if value > _MAX_PORT:
        msg = f"must be a TCP port, 1 to {_MAX_PORT}, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        msg = f"expected a number of seconds, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not 0 <= value < float("inf"):
        msg = f"must be 0 or more seconds, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _not_empty(text: str) -> str:
    if not text.strip():
        msg = "must not be empty"
        raise argparse.ArgumentTypeError(msg)
    return text


def _connection_options() -> _Parser:
    """`--api-key` and `--base-url`, accepted before or after the action.

    `SUPPRESS` keeps an option given before the action from being reset by the action's
    parser, which knows the same options.
    """
    options = _Parser(add_help=False)
    options.add_argument(
        "--api-key",
        type=_not_empty,
        default=argparse.SUPPRESS,
        help="the API key (default: $OPENTASKS_API_KEY)",
    )
    options.add_argument(
        "--base-url",
        type=_not_empty,  # the client checks the URL itself (a `ValueError`, exit status 2)
        default=argparse.SUPPRESS,
        help="the server (default: $OPENTASKS_BASE_URL, else http://127.0.0.1:8000)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `opentasks` command.

    Returns:
        The parser, with every option and subcommand the CLI knows.
    """
    from opentasks_api.models import Flag, TaskStatus

    parser = _Parser(prog="opentasks", description="Run and track the work of AI agents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the reference server")
    serve.add_argument("--db", help="database URL or SQLite path (default ./opentasks.db)")
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers", type=_at_least_one, default=1, help="server processes (PostgreSQL)"
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        dest="cors_origins",
        metavar="ORIGIN",
        help="let pages of this origin call the API from a browser (repeatable; default none)",
    )
    # The server's limits; defaults and reasons in docs/reliability.md. One not given is left
    # out of the arguments (`SUPPRESS`), so the server's own default applies.
    for option, kind, metavar, about in (
        ("--rate-limit", _at_least_one, "N", "requests a minute per key (off)"),
        ("--max-streams-per-key", _at_least_one, "N", "open event streams (100)"),
        ("--header-timeout", _seconds, "S", "seconds to send a request head (10)"),
        ("--keep-alive-timeout", _at_least_one, "S", "idle seconds kept (5)"),
        ("--max-connections", _at_least_one, "N", "open connections before 503s (1000)"),
    ):
        serve.add_argument(
            option, type=kind, metavar=metavar, help=about, default=argparse.SUPPRESS
        )

    keys = commands.add_parser("keys", help="manage API keys")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    create = key_commands.add_parser("create", help="create an API key for a project")
    create.add_argument(
        "--project", required=True, type=_not_empty, help="the project (created if missing)"
    )
    create.add_argument("--db", help="database URL or SQLite path (default ./opentasks.db)")

    commands.add_parser("demo", help="run the quickstart against an embedded server")

    connection = _connection_options()
    tasks = commands.add_parser("tasks", help="list, show and watch tasks", parents=[connection])
    task_commands = tasks.add_subparsers(dest="tasks_command", metavar="ACTION", required=True)
    listing = task_commands.add_parser(
        "list", help="list tasks, oldest first", parents=[connection]
    )
    listing.add_argument("--agent-id", type=_not_empty)
    listing.add_argument("--session-id", type=_not_empty)
    listing.add_argument("--status", choices=sorted(status.value for status in TaskStatus))
    listing.add_argument("--flag", choices=sorted(flag.value for flag in Flag))
    listing.add_argument(
        "--limit", type=_at_least_one, default=50, help="at most this many tasks (default 50)"
    )
    get = task_commands.add_parser("get", help="show one task as JSON", parents=[connection])
    get.add_argument("task_id", type=_not_empty)
    watch = task_commands.add_parser(
        "watch", help="stream a task's events live", parents=[connection]
    )
    watch.add_argument("task_id", type=_not_empty)
    watch.add_argument("--follow", action="store_true", help="keep watching after it finishes")
    watch.add_argument("--after", type=_not_empty, help="start after this event id")
    return parser


def _server_missing(error: ImportError) -> int:
    """Say once which extra installs the server, whichever layer noticed it was missing."""
    cause: BaseException = error
    while isinstance(cause.__cause__, ImportError):
        cause = cause.__cause__
    detail = str(cause)
    line = detail if _SERVER_EXTRA in detail else f"{_SERVER_HINT} ({detail})"
    print(f"opentasks: {line}", file=sys.stderr)
    return 2


def _server_command(args: argparse.Namespace) -> int:
    """Run `serve`, `keys create` or `demo`, the commands that need the `server` extra."""
    try:
        if args.command == "demo":
            return run_demo(sys.stdout)
        from opentasks_server import cli  # the server extra is optional: imported when used
    except ImportError as error:
        return _server_missing(error)
    # Each option of the two commands' parsers is a keyword argument of the server's function.
    options = {
        name: value for name, value in vars(args).items() if name not in {"command", "keys_command"}
    }
    return cli.serve(**options) if args.command == "serve" else cli.keys_create(**options)


def _tasks(args: argparse.Namespace, out: TextIO) -> int:
    api_key: str | None = getattr(args, "api_key", None)
    base_url: str | None = getattr(args, "base_url", None)
    if api_key is None and not os.environ.get(ENV_API_KEY, "").strip():
        msg = (
            f"no API key: pass --api-key KEY or set {ENV_API_KEY} "
            "(`opentasks keys create --project NAME` makes one on a local server)"
        )
        raise OpenTasksError(msg)
    with Client(api_key=api_key, base_url=base_url) as client:
        if args.tasks_command == "list":
            tasks = client.tasks.list(
                agent_id=args.agent_id,
                session_id=args.session_id,
                status=args.status,
                flag=args.flag,
                page_size=min(args.limit, MAX_PAGE_SIZE),
            )
            for task in itertools.islice(tasks, args.limit):
                prompt = (task.prompt or "")[:60]
                print(f"{task.id}  {task.status!s:<10} {task.agent_id:<16} {prompt}", file=out)
            return 0
        if args.tasks_command == "get":
            task = client.tasks.get(args.task_id)
            print(json.dumps(task.to_dict(), indent=2), file=out)
            return 0
        # One plain request first: an unknown task or an unreachable server is reported at
        # once, not after the stream has spent its reconnect budget.
        client.tasks.get(args.task_id)
        with client.tasks.events(args.task_id, follow=args.follow, after=args.after) as stream:
            for event in stream:
                data = json.dumps(event.data, default=str)
                print(f"{event.created_at:%H:%M:%S} {event.id} {event.type!s:<22} {data}", file=out)
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `opentasks` command.

    Args:
        argv: The arguments, without the program name; `None` reads them from `sys.argv`.

    Returns:
        The process exit status.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a mistake already reported
        return done.code if isinstance(done.code, int) else 0
    try:
        if args.command in ("serve", "keys", "demo"):
            return _server_command(args)
        if args.command == "tasks":
            return _tasks(args, sys.stdout)
    except APIConnectionError as error:
        print(f"opentasks: {error}. Is the server running? ({_START_HINT})", file=sys.stderr)
        return 1
    except OpenTasksError as error:
        print(f"opentasks: {error}", file=sys.stderr)
        return 1
    except ValueError as error:  # an argument the SDK refuses, named in the message
        print(f"opentasks: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`opentasks tasks list | head`): not an error. Point stdout at
        # devnull so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    parser.print_help()
    return 0
