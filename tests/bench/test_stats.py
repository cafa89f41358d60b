"""The benchmark harness's pure statistics: summaries, percentiles, the schedule, targets.

No timing runs here: these check the arithmetic and the order of rounds, never how fast
anything is.
"""

from __future__ import annotations

import asyncio
import math

import pytest

from benchmarks.results import Check
from benchmarks.stats import (
    TIMES,
    Slot,
    Summary,
    Target,
    acollect,
    collect,
    interleave,
    percentile,
    ratio,
    summarize,
)


def test_summarize_odd_count_takes_the_middle_sample() -> None:
    """The median of an odd count is the middle sample, whatever the input order."""
    assert summarize([5.0, 1.0, 3.0]) == Summary(median=3.0, minimum=1.0, maximum=5.0, count=3)


def test_summarize_even_count_averages_the_two_middle_samples() -> None:
    """The median of an even count is the mean of the two middle samples."""
    assert summarize([4.0, 1.0, 2.0, 10.0]) == Summary(
        median=3.0, minimum=1.0, maximum=10.0, count=4
    )


def test_summarize_one_sample() -> None:
    """One sample is its own median, minimum and maximum."""
    assert summarize([7.5]) == Summary(median=7.5, minimum=7.5, maximum=7.5, count=1)


def test_summarize_rejects_no_samples() -> None:
    """There is no median of nothing."""
    with pytest.raises(ValueError, match="zero samples"):
        summarize([])


def test_percentile_interpolates_linearly() -> None:
    """Percentiles follow numpy's linear method."""
    samples = [1.0, 2.0, 3.0, 4.0]
    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 100) == 4.0
    assert percentile(samples, 50) == 2.5
    assert percentile(samples, 99) == pytest.approx(3.97)
    assert percentile(list(reversed(samples)), 25) == pytest.approx(1.75)


def test_percentile_rejects_bad_input() -> None:
    """An empty sample set or a percentile outside 0..100 is an error."""
    with pytest.raises(ValueError, match="zero samples"):
        percentile([], 50)
    with pytest.raises(ValueError, match=r"within 0\.\.100"):
        percentile([1.0], 101)


def test_ratio_divides_medians() -> None:
    """A ratio compares the medians, not the means or the extremes."""
    top = summarize([1.0, 2.0, 100.0])
    bottom = summarize([4.0, 4.0, 4.0])
    assert ratio(top, bottom) == 0.5
    assert math.isinf(ratio(top, summarize([0.0])))


def test_interleave_runs_warmups_first_then_alternates() -> None:
    """The schedule is A, B, C per round: warm-up rounds first, each contender once a round."""
    schedule = interleave(["a", "b", "c"], rounds=2, warmup=1)
    assert [(slot.name, slot.warmup) for slot in schedule] == [
        ("a", True),
        ("b", True),
        ("c", True),
        ("a", False),
        ("b", False),
        ("c", False),
        ("a", False),
        ("b", False),
        ("c", False),
    ]
    assert [slot.round for slot in schedule if not slot.warmup] == [0, 0, 0, 1, 1, 1]


def test_interleave_rejects_duplicate_names_and_negative_counts() -> None:
    """Each contender appears once a round, and counts cannot be negative."""
    with pytest.raises(ValueError, match="unique"):
        interleave(["a", "a"], rounds=1)
    with pytest.raises(ValueError, match="negative"):
        interleave(["a"], rounds=-1)
    assert interleave(["a"], rounds=0) == []


def test_collect_keeps_measured_samples_in_round_order() -> None:
    """Warm-up samples are thrown away; the rest keep the order they were taken in."""
    calls: list[str] = []
    values = iter(range(100))

    def run(name: str) -> float:
        calls.append(name)
        return float(next(values))

    samples = collect(interleave(["a", "b"], rounds=2, warmup=1), run)
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert samples == {"a": [2.0, 4.0], "b": [3.0, 5.0]}


def test_acollect_matches_collect() -> None:
    """The coroutine version runs the same schedule the same way."""
    schedule = [Slot(0, "x", warmup=True), Slot(0, "x", warmup=False), Slot(1, "x", False)]
    values = iter([9.0, 1.0, 2.0])

    async def run(_name: str) -> float:
        return next(values)

    assert asyncio.run(acollect(schedule, run)) == {"x": [1.0, 2.0]}


def test_targets_compare_and_label() -> None:
    """Targets print as in the issue and treat their bound as inclusive where it says so."""
    at_most = Target("<=", 1.05)
    at_least = Target(">=", 5)
    below = Target("<", 20, "MB")
    assert (at_most.label, at_least.label, below.label) == (
        f"≤ 1.05{TIMES}",
        f"≥ 5{TIMES}",
        "< 20 MB",
    )
    assert at_most.met_by(1.05)
    assert not at_most.met_by(1.0501)
    assert at_least.met_by(5)
    assert not at_least.met_by(4.99)
    assert not below.met_by(20)
    assert not at_most.met_by(math.nan)


def test_check_verdicts() -> None:
    """A check without a value is "not measured", never met."""
    target = Target("<=", 1.2)
    assert Check("deep page", target, 1.1).verdict == "met"
    assert Check("deep page", target, 1.3).verdict == "missed"
    assert Check("deep page", target, None, "no server").verdict == "not measured"
