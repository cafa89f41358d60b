"""Fixtures of the contract tests (the database backends of tests/_databases.py), and their figures.

After the run, the counts of `_figures.py` are printed with pytest's summary and, when
`OPENTASKS_CONTRACT_REPORT` names a file, written there as JSON.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests._databases import backend, module_databases, postgres_databases
from tests.contract._figures import FIGURES, summary_lines, write_report

__all__ = ["backend", "module_databases", "postgres_databases"]

REPORT_ENV = "OPENTASKS_CONTRACT_REPORT"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how much the contract tests sent, so a budget's size shows beside its pass."""
    if not FIGURES:
        return
    terminalreporter.section("contract figures")
    for line in summary_lines():
        terminalreporter.write_line(line)
    report = os.environ.get(REPORT_ENV)
    if report:
        write_report(Path(report))
        terminalreporter.write_line(f"written to {report}")
