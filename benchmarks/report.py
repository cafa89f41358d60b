"""Render sections as `results.md` (for people) and `results.json` (every raw figure)."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

from benchmarks.config import Config
from benchmarks.results import Check, Measurement, Section
from benchmarks.stats import TIMES

__all__ = ["fmt", "render"]

_VERDICT = {"met": "✅ met", "missed": "❌ missed", "not measured": "⚠️ not measured"}


def fmt(value: float, unit: str = "") -> str:
    """Format a figure with about three significant digits and its unit.

    Args:
        value: The figure.
        unit: Its unit; `TIMES` (a ratio) is written without a space.

    Returns:
        E.g. `412 µs/call`, `1,234 req/s`, `0.0412 ms`.
    """
    if math.isinf(value) or math.isnan(value):
        text = str(value)
    elif value == 0:
        text = "0"
    elif abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == TIMES else f"{text} {unit}"


def _measurement_row(measurement: Measurement, section: Section) -> str:
    summary = measurement.summary
    if summary is None:
        reason = measurement.unavailable or "no samples"
        return f"| {measurement.label} | not available: {reason} | | | | | |"
    ratio = ""
    versus = measurement.extra.get("vs")
    if isinstance(versus, str) and versus != measurement.name:
        other = next((m for m in section.measurements if m.name == versus), None)
        other_summary = other.summary if other is not None else None
        if other is not None and other_summary is not None and other_summary.median:
            ratio = f"{fmt(summary.median / other_summary.median, TIMES)} {other.label}"
    more = ", ".join(
        f"{key.replace('_', ' ')} {fmt(value) if isinstance(value, float | int) else value}"
        for key, value in measurement.extra.items()
        if key != "vs"
    )
    unit = measurement.unit
    return (
        f"| {measurement.label} | {fmt(summary.median, unit)} | {fmt(summary.minimum, unit)} "
        f"| {fmt(summary.maximum, unit)} | {summary.count} | {ratio} | {more} |"
    )


def _check_row(number: str, check: Check) -> str:
    measured = "—" if check.value is None else fmt(check.value, check.target.unit)
    note = f" — {check.note}" if check.note else ""
    return (
        f"| {number} | {check.what} | {check.target.label} | {measured} "
        f"| {_VERDICT[check.verdict]}{note} |"
    )


def _section_markdown(section: Section) -> list[str]:
    lines = [f"## {section.title}", ""]
    if section.error:
        lines += [f"**This benchmark failed:** `{section.error}`", ""]
    if section.description:
        lines += [section.description, ""]
    params = ", ".join(f"{key} {value}" for key, value in section.params.items())
    if params:
        lines += [f"Sizes: {params}.", ""]
    if section.measurements:
        lines += [
            "| contender | median | min | max | rounds | ratio (medians) | more |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [_measurement_row(m, section) for m in section.measurements]
        lines.append("")
    if section.checks:
        lines += [
            "| # | target of the issue | target | measured | verdict |",
            "|---|---|---|---|---|",
        ]
        lines += [_check_row(str(i), c) for i, c in enumerate(section.checks, 1)]
        lines.append("")
    for note in section.notes:
        lines += [note, ""]
    return lines


def _header(machine: dict[str, Any], config: Config) -> list[str]:
    packages = machine["packages"]
    installed = ", ".join(f"{name} {version}" for name, version in packages.items() if version)
    absent = ", ".join(name for name, version in packages.items() if not version)
    return [
        "# opentasks benchmarks",
        "",
        "Written by `nox -s bench` (`python -m benchmarks`); do not edit by hand. Every figure "
        "below was measured in the one run described here; the raw samples are in "
        "`results.json`. Contenders of a comparison ran side by side in interleaved rounds "
        "(A, B, C, A, B, C, …) after warm-up; figures are medians over the rounds, with the "
        "minimum and maximum round. Ratios divide medians.",
        "",
        f"- **Date:** {machine['date']}",
        f"- **Machine:** {machine['cpu_model']}, {machine['cpu_count']} cores, {machine['os']}",
        f"- **Python:** {machine['python']}",
        f"- **Load average (1, 5, 15 min):** {machine.get('load_average_at_start')} at the "
        f"start, {machine.get('load_average')} at the end (the run's own load included)",
        f"- **Revision:** {machine['git_revision']}",
        f"- **Installed:** {installed}",
        f"- **Not installed:** {absent or 'none'}",
        f"- **Run took:** {machine.get('total_seconds', '?')} s",
        "- **Setup:** client and server on loopback (127.0.0.1); each server in its own process "
        "(uvicorn with its default HTTP and event-loop implementations); the reference server "
        "on a fresh SQLite file; the client being measured in the harness process or in "
        "fresh child processes where noted.",
        f"- **Sizes:** {_config_text(config)}. `python -m benchmarks --full` runs the issue's "
        "sizes; every knob is listed by `python -m benchmarks --help`.",
        "",
    ]


def _config_text(config: Config) -> str:
    skipped = {"output_dir", "only", "database_url", "postgres_url"}
    return ", ".join(
        f"{item.name}={getattr(config, item.name)}"
        for item in dataclasses.fields(config)
        if item.name not in skipped
    )


def _summary_table(sections: list[Section]) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| # | target of the issue | target | measured | verdict |",
        "|---|---|---|---|---|",
    ]
    for section in sections:
        number = section.title.split(".", 1)[0]
        if section.error and not section.checks:
            lines.append(f"| {number} | {section.title} | | — | ⚠️ failed: {section.error} |")
        for index, check in enumerate(section.checks, 1):
            lines.append(_check_row(f"{number}.{index}", check))
    counts = dict.fromkeys(_VERDICT, 0)
    for section in sections:
        for check in section.checks:
            counts[check.verdict] += 1
    lines += [
        "",
        f"{counts['met']} met, {counts['missed']} missed, {counts['not measured']} not measured.",
        "",
    ]
    return lines


def _jsonable(value: Any) -> Any:  # noqa: ANN401 - any of the result dataclasses
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Measurement):
            result["summary"] = _jsonable(value.summary)
        if isinstance(value, Check):
            result["verdict"] = value.verdict
            result["target"]["label"] = value.target.label
        return result
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def render(
    sections: list[Section], machine: dict[str, Any], config: Config, analysis: str = ""
) -> tuple[str, str]:
    """Render the results.

    Args:
        sections: What the benchmark modules returned.
        machine: From `machine.describe`.
        config: The knobs the run used.
        analysis: Hand-written Markdown on the causes of the misses (`analysis.md`), appended
            as it is.

    Returns:
        The Markdown of `results.md` and the JSON text of `results.json`.
    """
    lines = _header(machine, config) + _summary_table(sections)
    for section in sections:
        lines += _section_markdown(section)
    if analysis.strip():
        lines += [analysis.strip(), ""]
    markdown = "\n".join(lines).rstrip() + "\n"
    data = {
        "machine": machine,
        "config": _jsonable(config),
        "sections": _jsonable(sections),
    }
    return markdown, json.dumps(data, indent=1, ensure_ascii=False) + "\n"
