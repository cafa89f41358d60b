"""The harness's statistics: the interleaved schedule, summaries, percentiles and target checks.

Everything here is pure (no I/O, no clocks of its own), so it is tested on its own in
`tests/bench/`. The timing loops of the benchmark modules feed it samples.

Why interleave: a machine's speed drifts during a run (CPU boost, other processes, the server's
caches and database growing). Running all of A, then all of B, lets that drift land on one side
of a comparison. Rounds of A, B, C, A, B, C, ... spread it over every contender alike, and the
median of the rounds ignores the odd disturbed one.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "TIMES",
    "Slot",
    "Summary",
    "Target",
    "acollect",
    "collect",
    "interleave",
    "percentile",
    "ratio",
    "summarize",
]


@dataclass(frozen=True, slots=True)
class Summary:
    """The median, minimum and maximum of a set of samples.

    Attributes:
        median: The middle sample (the mean of the two middle ones for an even count).
        minimum: The smallest sample.
        maximum: The largest sample.
        count: How many samples there were.
    """

    median: float
    minimum: float
    maximum: float
    count: int


def summarize(samples: Sequence[float]) -> Summary:
    """Summarise samples by their median, minimum and maximum.

    Args:
        samples: At least one sample.

    Returns:
        The summary.

    Raises:
        ValueError: If there are no samples.
    """
    if not samples:
        msg = "cannot summarise zero samples"
        raise ValueError(msg)
    ordered = sorted(samples)
    middle = len(ordered) // 2
    odd = len(ordered) % 2
    median = ordered[middle] if odd else (ordered[middle - 1] + ordered[middle]) / 2
    return Summary(median=median, minimum=ordered[0], maximum=ordered[-1], count=len(ordered))


def percentile(samples: Sequence[float], pct: float) -> float:
    """Return a percentile of the samples, interpolating linearly between neighbours.

    This is the "linear" method of numpy and of `statistics.quantiles(method="inclusive")`:
    the 0th percentile is the minimum, the 100th the maximum, the 50th the median.

    Args:
        samples: At least one sample.
        pct: The percentile, from 0 to 100.

    Returns:
        The percentile.

    Raises:
        ValueError: If there are no samples or `pct` is outside 0..100.
    """
    if not samples:
        msg = "cannot take a percentile of zero samples"
        raise ValueError(msg)
    if not 0 <= pct <= 100:
        msg = f"percentile must be within 0..100, not {pct}"
        raise ValueError(msg)
    ordered = sorted(samples)
    position = (len(ordered) - 1) * pct / 100
    low = math.floor(position)
    high = math.ceil(position)
    fraction = position - low
    return ordered[low] + (ordered[high] - ordered[low]) * fraction


def ratio(numerator: Summary, denominator: Summary) -> float:
    """Return the ratio of two summaries' medians.

    Args:
        numerator: E.g. the SDK's time per call.
        denominator: E.g. raw httpx's time per call.

    Returns:
        `numerator.median / denominator.median` (infinity if the denominator is zero).
    """
    if denominator.median == 0:
        return math.inf
    return numerator.median / denominator.median


@dataclass(frozen=True, slots=True)
class Slot:
    """One run of one contender in the schedule.

    Attributes:
        round: The round's number; warm-up rounds come first and are numbered from 0 too.
        name: The contender.
        warmup: Whether the round is a warm-up, whose sample is thrown away.
    """

    round: int
    name: str
    warmup: bool


def interleave(names: Sequence[str], rounds: int, warmup: int = 0) -> list[Slot]:
    """Build the schedule A, B, C, A, B, C, ...: warm-up rounds first, then measured rounds.

    Args:
        names: The contenders, in the order each round runs them.
        rounds: How many measured rounds.
        warmup: How many warm-up rounds before them.

    Returns:
        The slots, in the order to run them.

    Raises:
        ValueError: If a count is negative or a name repeats.
    """
    if rounds < 0 or warmup < 0:
        msg = "round counts cannot be negative"
        raise ValueError(msg)
    if len(set(names)) != len(names):
        msg = f"contender names must be unique: {list(names)}"
        raise ValueError(msg)
    schedule = [Slot(round=r, name=name, warmup=True) for r in range(warmup) for name in names]
    schedule += [Slot(round=r, name=name, warmup=False) for r in range(rounds) for name in names]
    return schedule


def collect(schedule: Sequence[Slot], run: Callable[[str], float]) -> dict[str, list[float]]:
    """Run the schedule and keep each contender's measured samples, in round order.

    Args:
        schedule: From `interleave`.
        run: Runs one round of a contender and returns its sample.

    Returns:
        The samples of each contender, warm-ups left out.
    """
    samples: dict[str, list[float]] = {slot.name: [] for slot in schedule}
    for slot in schedule:
        value = run(slot.name)
        if not slot.warmup:
            samples[slot.name].append(value)
    return samples


async def acollect(
    schedule: Sequence[Slot], run: Callable[[str], Awaitable[float]]
) -> dict[str, list[float]]:
    """Run the schedule with a coroutine per round; otherwise the same as `collect`.

    Args:
        schedule: From `interleave`.
        run: Runs one round of a contender and returns its sample.

    Returns:
        The samples of each contender, warm-ups left out.
    """
    samples: dict[str, list[float]] = {slot.name: [] for slot in schedule}
    for slot in schedule:
        value = await run(slot.name)
        if not slot.warmup:
            samples[slot.name].append(value)
    return samples


Comparator = Literal["<=", ">=", "<"]
TIMES = "\N{MULTIPLICATION SIGN}"
"""The unit of a ratio, as printed (`1.05` followed by it)."""


@dataclass(frozen=True, slots=True)
class Target:
    """A target from the performance issue: a bound on a ratio or on an absolute figure.

    Attributes:
        comparator: How the measured value must compare with the threshold.
        threshold: The bound.
        unit: Printed after the threshold (`TIMES` for ratios, `ms`, `MB`).
    """

    comparator: Comparator
    threshold: float
    unit: str = TIMES

    @property
    def label(self) -> str:
        """The target as printed, e.g. `≤ 1.05` and the multiplication sign."""
        sign = {"<=": "≤", ">=": "≥", "<": "<"}[self.comparator]
        space = "" if self.unit == TIMES else " "
        return f"{sign} {self.threshold:g}{space}{self.unit}"

    def met_by(self, value: float) -> bool:
        """Tell whether a measured value meets the target.

        Args:
            value: The measured ratio or figure.

        Returns:
            Whether it is within the bound.
        """
        if math.isnan(value):
            return False
        if self.comparator == "<=":
            return value <= self.threshold
        if self.comparator == ">=":
            return value >= self.threshold
        return value < self.threshold
