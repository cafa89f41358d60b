"""What a benchmark module hands back: measurements, target checks and notes, as plain data.

A `Section` is one comparison of the issue (per-call overhead, async fan-out, ...). The harness
turns sections into `results.md` and `results.json` (see `report.py`); nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from benchmarks.stats import Summary, Target, ratio, summarize

__all__ = ["Check", "Measurement", "Section", "Unavailable", "Verdict"]

Verdict = Literal["met", "missed", "not measured"]


class Unavailable(Exception):  # noqa: N818 - it names a state, not an error condition
    """A contender cannot run here (the SDK call does not exist yet, a package is missing).

    The benchmark reports it as "not available" with this reason instead of a figure.
    """


@dataclass
class Measurement:
    """One contender's figures.

    Attributes:
        name: A short key (`sdk`, `httpx`, ...), used in the JSON file and in ratios.
        label: What is measured, as printed (`client.tasks.get(id)`).
        unit: The unit of the samples (`µs/call`, `req/s`, ...).
        samples: The measured samples, one per round, warm-ups left out.
        unavailable: Why there are no samples, if there are none.
        extra: Further figures of the contender (CPU time per call, percentiles, ...).
    """

    name: str
    label: str
    unit: str
    samples: list[float] = field(default_factory=list)
    unavailable: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> Summary | None:
        """The samples' median, minimum and maximum, or `None` without samples."""
        return summarize(self.samples) if self.samples else None


@dataclass
class Check:
    """A target of the issue and whether this run met it.

    Attributes:
        what: The comparison, as printed (`client.tasks.get / raw httpx`).
        target: The bound from the issue.
        value: The measured ratio or figure; `None` when it could not be measured.
        note: Why it was not measured, or what qualifies the figure.
    """

    what: str
    target: Target
    value: float | None
    note: str = ""

    @property
    def verdict(self) -> Verdict:
        """`met`, `missed`, or `not measured` when there is no value."""
        if self.value is None:
            return "not measured"
        return "met" if self.target.met_by(self.value) else "missed"


@dataclass
class Section:
    """The result of one benchmark module.

    Attributes:
        key: A short key (`overhead`, `fanout`, ...).
        title: The heading.
        description: How it was measured, in a sentence or two.
        params: The sizes it ran with.
        measurements: Each contender's figures, grouped by the first word of `name` if needed.
        checks: The targets it is judged against.
        notes: Findings worth printing under the table (profiles, causes of misses).
        error: Set when the whole module failed; the rest is then partial.
    """

    key: str
    title: str
    description: str
    params: dict[str, Any] = field(default_factory=dict)
    measurements: list[Measurement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def get(self, name: str) -> Measurement:
        """Return the measurement called `name`.

        Args:
            name: The measurement's key.

        Returns:
            The measurement.

        Raises:
            KeyError: If there is none of that name.
        """
        for measurement in self.measurements:
            if measurement.name == name:
                return measurement
        raise KeyError(name)

    def ratio_check(
        self, what: str, target: Target, numerator: str, denominator: str, note: str = ""
    ) -> Check:
        """Add a check on the ratio of two measurements' medians.

        Args:
            what: The comparison, as printed.
            target: The bound.
            numerator: The measurement on top (e.g. the SDK's).
            denominator: The one below (e.g. raw httpx's).
            note: A qualifier printed with the figure.

        Returns:
            The check, also appended to `checks`.
        """
        top, bottom = self.get(numerator), self.get(denominator)
        top_summary, bottom_summary = top.summary, bottom.summary
        if top_summary is None or bottom_summary is None:
            missing = top if top_summary is None else bottom
            reason = missing.unavailable or "no samples"
            check = Check(what, target, None, f"{missing.label} not available: {reason}")
        else:
            check = Check(what, target, ratio(top_summary, bottom_summary), note)
        self.checks.append(check)
        return check
