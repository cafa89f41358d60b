"""What the contract tests did, per database backend: requests, statuses, scenarios, links.

A passing schemathesis run says nothing about its size, and a stateful run that never followed a
link passes as well as one that did. The tests count here what they send and get; the conftest
prints the counts after the run and, when `OPENTASKS_CONTRACT_REPORT` names a file, writes them
there as JSON (the `contract` nox session does), so a budget can be checked and reported.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FIGURES", "BackendFigures", "figures_for", "summary_lines", "write_report"]


@dataclass
class BackendFigures:
    """The counts of one backend's run of the contract module.

    Attributes:
        requests: Requests sent by the per-operation test, by operation (`POST /v1/tasks`).
        statuses: Status codes of every response, both tests together.
        scenarios: Stateful scenarios (chains of calls) run.
        steps: Calls made by the stateful scenarios.
        linked_steps: Calls whose inputs came from an earlier response through a link.
        links: Those calls by link (`POST /v1/tasks -> [201] GetTask -> GET /v1/tasks/{task_id}`):
            the contract's own links and those schemathesis infers from its schemas.
        declared_links: The links the contract declares, named the same way.
        seconds: Wall-clock time from the server's start to its stop.
    """

    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    scenarios: int = 0
    steps: int = 0
    linked_steps: int = 0
    links: Counter[str] = field(default_factory=Counter)
    declared_links: frozenset[str] = frozenset()
    seconds: float = 0.0
    _started: float = field(default=0.0, repr=False)

    def start(self) -> None:
        """Mark the start of the backend's run."""
        self._started = time.monotonic()

    def stop(self) -> None:
        """Mark its end."""
        self.seconds += time.monotonic() - self._started

    @property
    def declared_followed(self) -> int:
        """How many of the contract's own links were followed at least once."""
        return len(self.declared_links & self.links.keys())

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def as_json(self) -> dict[str, Any]:
        """The figures as plain JSON values."""
        return {
            "requests": sum(self.requests.values()),
            "operations": len(self.requests),
            "requests_by_operation": dict(sorted(self.requests.items())),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "server_errors": self.server_errors,
            "stateful_scenarios": self.scenarios,
            "stateful_steps": self.steps,
            "stateful_linked_steps": self.linked_steps,
            "links_followed": dict(sorted(self.links.items())),
            "declared_links": len(self.declared_links),
            "declared_links_followed": self.declared_followed,
            "declared_links_not_followed": sorted(self.declared_links - self.links.keys()),
            "seconds": round(self.seconds, 1),
        }


FIGURES: dict[str, BackendFigures] = {}
"""The figures of this pytest run, by backend."""


def figures_for(backend: str) -> BackendFigures:
    """Return the figures of a backend, made empty on first use.

    Args:
        backend: `"sqlite"` or `"postgresql"`.

    Returns:
        Its figures.
    """
    return FIGURES.setdefault(backend, BackendFigures())


def summary_lines() -> list[str]:
    """One line per backend that ran, for the end of pytest's output."""
    lines = []
    for backend, figures in sorted(FIGURES.items()):
        lines.append(
            f"{backend}: {sum(figures.requests.values())} requests over "
            f"{len(figures.requests)} operations, {figures.scenarios} stateful scenarios of "
            f"{figures.steps} calls ({figures.linked_steps} through links: "
            f"{figures.declared_followed} of the {len(figures.declared_links)} declared, "
            f"{len(figures.links.keys() - figures.declared_links)} inferred), "
            f"{figures.server_errors} responses 5xx, {figures.seconds:.0f} s"
        )
    return lines


def write_report(path: Path) -> None:
    """Write the figures of every backend as JSON.

    Args:
        path: The file; its folder is created if needed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {backend: figures.as_json() for backend, figures in sorted(FIGURES.items())}
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
