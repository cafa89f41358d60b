"""The `opentasks` command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ._version import __version__


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `opentasks` command.

    Args:
        argv: The arguments, without the program name; `None` reads them from `sys.argv`.

    Returns:
        The process exit status.
    """
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0
