"""The `opentasks` command line.

- `opentasks serve` and `opentasks keys create` run the reference server's commands (the
  `server` extra), imported only when used;
- `opentasks demo` runs the quickstart against an embedded server;
- `opentasks tasks list|get|watch` talk to a server through the SDK (`OPENTASKS_API_KEY`,
  `OPENTASKS_BASE_URL`, or `--api-key` / `--base-url`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from ._client import Client
from ._demo import run_demo
from ._exceptions import OpenTasksError
from ._version import __version__

__all__ = ["build_parser", "main"]

_SERVER_EXTRA = 'pip install "opentasks[server]"'
_SERVER_HINT = f"this command runs the reference server: {_SERVER_EXTRA}"


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `opentasks` command.

    Returns:
        The parser, with every option and subcommand the CLI knows.
    """
    parser = argparse.ArgumentParser(
        prog="opentasks",
        description="Run and track the work of AI agents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the reference server")
    serve.add_argument("--db", help="database URL or SQLite path (default ./opentasks.db)")
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL)")
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages of this origin call the API from a browser (repeatable; default none)",
    )

    keys = commands.add_parser("keys", help="manage API keys")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    create = key_commands.add_parser("create", help="create an API key for a project")
    create.add_argument("--project", required=True, help="the project (created if missing)")
    create.add_argument("--db", help="database URL or SQLite path (default ./opentasks.db)")

    commands.add_parser("demo", help="run the quickstart against an embedded server")

    tasks = commands.add_parser("tasks", help="list, show and watch tasks")
    tasks.add_argument("--api-key", help="the API key (default: $OPENTASKS_API_KEY)")
    tasks.add_argument("--base-url", help="the server (default: $OPENTASKS_BASE_URL)")
    task_commands = tasks.add_subparsers(dest="tasks_command", metavar="ACTION", required=True)
    listing = task_commands.add_parser("list", help="list tasks, oldest first")
    listing.add_argument("--agent-id")
    listing.add_argument("--session-id")
    listing.add_argument("--status")
    listing.add_argument("--flag", choices=["success", "failure"])
    listing.add_argument("--limit", type=int, default=50, help="at most this many tasks")
    get = task_commands.add_parser("get", help="show one task as JSON")
    get.add_argument("task_id")
    watch = task_commands.add_parser("watch", help="stream a task's events live")
    watch.add_argument("task_id")
    watch.add_argument("--follow", action="store_true", help="keep watching after it finishes")
    watch.add_argument("--after", help="start after this event id")
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


def _serve(args: argparse.Namespace) -> int:
    try:
        from opentasks_server import cli  # the server extra is optional: imported when used
    except ImportError as error:
        return _server_missing(error)
    if args.command == "serve":
        return cli.serve(
            db=args.db,
            host=args.host,
            port=args.port,
            workers=args.workers,
            cors_origins=args.cors_origin,
        )
    return cli.keys_create(project=args.project, db=args.db)


def _demo() -> int:
    try:
        return run_demo(sys.stdout)
    except ImportError as error:
        return _server_missing(error)


def _tasks(args: argparse.Namespace, out: TextIO) -> int:
    with Client(api_key=args.api_key, base_url=args.base_url) as client:
        if args.tasks_command == "list":
            tasks = client.tasks.list(
                agent_id=args.agent_id,
                session_id=args.session_id,
                status=args.status,
                flag=args.flag,
                page_size=min(max(args.limit, 1), 100),
            )
            for count, task in enumerate(tasks, start=1):
                prompt = (task.prompt or "")[:60]
                print(f"{task.id}  {task.status!s:<10} {task.agent_id:<16} {prompt}", file=out)
                if count >= args.limit:
                    break
            return 0
        if args.tasks_command == "get":
            task = client.tasks.get(args.task_id)
            print(json.dumps(task.to_dict(), indent=2), file=out)
            return 0
        with client.tasks.events(args.task_id, follow=args.follow, after=args.after) as stream:
            for event in stream:
                data = json.dumps(event.data.to_dict(), default=str)
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
    args = parser.parse_args(argv)
    try:
        if args.command in ("serve", "keys"):
            return _serve(args)
        if args.command == "demo":
            return _demo()
        if args.command == "tasks":
            return _tasks(args, sys.stdout)
    except OpenTasksError as error:
        print(f"opentasks: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    parser.print_help()
    return 0
