"""Comparisons: the built-in evaluator, caller-supplied results, and a pluggable evaluator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from opentasks_schema import ComparisonResult
from opentasks_server import ComparisonInput, create_app

from tests.server.helpers import all_events, assert_problem, client_for


@pytest.mark.parametrize(
    ("old", "new", "result"),
    [
        ("4", " 4 ", "same_quality"),
        ("Hello   World", "hello world", "same_quality"),
        ("Line one\nline TWO", "line one line two", "same_quality"),
        ("4", "Four", "undetermined"),
        ("", "x", "undetermined"),
    ],
)
async def test_builtin_evaluator(http: httpx.AsyncClient, old: str, new: str, result: str) -> None:
    """Equal after normalising case and whitespace is same_quality, otherwise undetermined."""
    response = await http.post(
        "/v1/comparisons",
        json={"context_input": "What is 2 + 2?", "old_output": old, "new_output": new},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["comparison_result"] == result
    assert body["source"] == "evaluator:normalized_equality"
    assert body["test_id"] is None
    assert body["instructions"] is None


async def test_caller_result_is_kept_with_its_source(http: httpx.AsyncClient) -> None:
    """A result from the caller's judge is kept; its source defaults to `user`."""
    judged = await http.post(
        "/v1/comparisons",
        json={
            "context_input": "q",
            "old_output": "a",
            "new_output": "a",
            "comparison_result": "new_better",
            "source": "gpt-judge",
        },
    )
    assert (judged.json()["comparison_result"], judged.json()["source"]) == (
        "new_better",
        "gpt-judge",
    )
    default = await http.post(
        "/v1/comparisons",
        json={
            "context_input": "q",
            "old_output": "a",
            "new_output": "b",
            "comparison_result": "both_bad",
        },
    )
    assert default.json()["source"] == "user"
    events = [e for e in await all_events(http) if e["type"] == "comparison_created"]
    assert [e["data"]["id"] for e in events] == [judged.json()["id"], default.json()["id"]]


async def test_bad_result_and_unknown_test_are_rejected(http: httpx.AsyncClient) -> None:
    """An unknown result value is a 422 and an unknown test run a 404; nothing is stored."""
    base = {"context_input": "q", "old_output": "a", "new_output": "b"}
    assert_problem(
        await http.post("/v1/comparisons", json={**base, "comparison_result": "meh"}), 422
    )
    assert_problem(await http.post("/v1/comparisons", json={**base, "test_id": "test_nope"}), 404)
    assert_problem(await http.post("/v1/comparisons", json={"context_input": "q"}), 422)
    assert [e for e in await all_events(http) if e["type"] == "comparison_created"] == []


class LengthJudge:
    """Prefers the longer output (a test evaluator)."""

    name = "length"

    async def evaluate(self, comparison: ComparisonInput) -> ComparisonResult:
        """Compare by length."""
        if len(comparison.new_output) > len(comparison.old_output):
            return ComparisonResult.NEW_BETTER
        return ComparisonResult.OLD_BETTER


class BrokenJudge:
    """Always fails (a test evaluator)."""

    name = "broken"

    def evaluate(self, comparison: ComparisonInput) -> ComparisonResult:
        """Fail."""
        raise RuntimeError(comparison.context_input)


@pytest.fixture
async def judged_app(database_url: str) -> AsyncIterator[FastAPI]:
    """An app with the length judge."""
    application = create_app(database_url, evaluator=LengthJudge())
    async with application.router.lifespan_context(application):
        yield application


async def test_pluggable_evaluator(judged_app: FastAPI, key: str) -> None:
    """A custom evaluator decides and is named in the source."""
    async with client_for(judged_app, key) as http:
        body = (
            await http.post(
                "/v1/comparisons",
                json={"context_input": "q", "old_output": "a", "new_output": "abc"},
            )
        ).json()
    assert (body["comparison_result"], body["source"]) == ("new_better", "evaluator:length")


async def test_failing_evaluator_records_error(database_url: str, key: str) -> None:
    """An evaluator that raises gives the result `error`, not a 500."""
    application = create_app(database_url, evaluator=BrokenJudge())
    async with (
        application.router.lifespan_context(application),
        client_for(application, key) as http,
    ):
        response = await http.post(
            "/v1/comparisons", json={"context_input": "q", "old_output": "a", "new_output": "b"}
        )
    assert response.status_code == 201
    assert (response.json()["comparison_result"], response.json()["source"]) == (
        "error",
        "evaluator:broken",
    )
