"""Comparison evaluators: who decides which of two outputs is better.

An evaluator is any object with a `name` and an `evaluate` method (sync or async) returning a
`ComparisonResult`; pass one to `create_app(evaluator=...)`. The comparison records
`evaluator:<name>` as its source. The built-in `NormalizedEquality` answers `same_quality` when
the outputs are equal after normalising case and whitespace, and `undetermined` otherwise.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from opentasks_schema import ComparisonResult

__all__ = ["ComparisonInput", "Evaluator", "NormalizedEquality", "run_evaluator"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ComparisonInput:
    """What an evaluator compares.

    Attributes:
        context_input: The input both outputs answer.
        old_output: The output of the old version.
        new_output: The output of the new version.
        instructions: What the judge should look for, if given.
    """

    context_input: str
    old_output: str
    new_output: str
    instructions: str | None = None


@runtime_checkable
class Evaluator(Protocol):
    """Decides a comparison's result."""

    @property
    def name(self) -> str:
        """The evaluator's name; the comparison's source is `evaluator:<name>`."""
        ...

    def evaluate(
        self, comparison: ComparisonInput
    ) -> ComparisonResult | Awaitable[ComparisonResult]:
        """Decide which output is better.

        Args:
            comparison: The outputs and their input.

        Returns:
            The result, or an awaitable of it.
        """
        ...


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


class NormalizedEquality:
    """The built-in evaluator: equal after normalising case and whitespace, or undetermined."""

    name = "normalized_equality"

    def evaluate(self, comparison: ComparisonInput) -> ComparisonResult:
        """Compare the outputs after case folding and collapsing whitespace.

        Args:
            comparison: The outputs and their input.

        Returns:
            `same_quality` when the normalised outputs are equal, `undetermined` otherwise.
        """
        if _normalise(comparison.old_output) == _normalise(comparison.new_output):
            return ComparisonResult.SAME_QUALITY
        return ComparisonResult.UNDETERMINED


async def run_evaluator(evaluator: Evaluator, comparison: ComparisonInput) -> tuple[str, str]:
    """Run an evaluator; a failing evaluator gives the result `error` instead of a 500.

    Args:
        evaluator: The evaluator.
        comparison: The outputs and their input.

    Returns:
        The result and the source, `evaluator:<name>`.
    """
    source = f"evaluator:{evaluator.name}"
    try:
        outcome = evaluator.evaluate(comparison)
        result = await outcome if inspect.isawaitable(outcome) else outcome
        return ComparisonResult(result).value, source
    except Exception:  # noqa: BLE001 - a user's evaluator may fail in any way; record it
        _log.exception("evaluator %s failed", evaluator.name)
        return ComparisonResult.ERROR.value, source
