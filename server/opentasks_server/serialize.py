"""Rows to contract JSON, through the generated pydantic models.

Every response body is built by validating a row's fields with the generated model of its
schema and dumping it with exclude-unset semantics: required-nullable fields stay present as
`null`, and optional fields of nested workflow steps stay absent when they were never given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from opentasks_schema import Comparison, Execution, Session, Task, Test
from pydantic import BaseModel
from starlette.responses import JSONResponse

from opentasks_server.concurrency import etag
from opentasks_server.db.models import ComparisonRow, ExecutionRow, SessionRow, TaskRow, TestRow
from opentasks_server.pagination import Page

Row = TypeVar("Row")

__all__ = [
    "comparison_json",
    "dump",
    "execution_json",
    "inserted_task_json",
    "json_response",
    "page_response",
    "session_json",
    "task_json",
    "test_json",
]


def dump(model: BaseModel) -> dict[str, Any]:
    """Dump a generated model as contract JSON.

    Args:
        model: A validated model.

    Returns:
        The JSON object.
    """
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


# The fields of `Task`, by API name; the row attribute has the same name but for `metadata`.
_TASK_FIELDS = (
    "id",
    "agent_id",
    "session_id",
    "test_id",
    "name",
    "description",
    "prompt",
    "file_urls",
    "output",
    "status",
    "status_reason",
    "flag",
    "flag_source",
    "notes",
    "metadata",
    "data",
    "additional_input",
    "additional_output",
    "sender_id",
    "tools_available",
    "input_schema",
    "main",
    "version",
    "created_at",
    "updated_at",
    "started_at",
    "finished_at",
)
_TASK_ATTRIBUTES = {"metadata": "meta"}


def task_json(row: TaskRow) -> dict[str, Any]:
    """Return a task row as `Task` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return dump(
        Task.model_validate(
            {name: getattr(row, _TASK_ATTRIBUTES.get(name, name)) for name in _TASK_FIELDS}
        )
    )


def inserted_task_json(columns: Mapping[str, Any]) -> dict[str, Any]:
    """Return a task as `Task` JSON from the values of the insert that created it.

    The tasks table's column names are the API's field names, so a create answers from its own
    insert without building a row object; columns the insert left out are `null`.

    Args:
        columns: The inserted values, by column name.

    Returns:
        The JSON object.
    """
    return dump(Task.model_validate({name: columns.get(name) for name in _TASK_FIELDS}))


def session_json(row: SessionRow) -> dict[str, Any]:
    """Return a session row as `Session` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return dump(
        Session.model_validate(
            {
                "id": row.id,
                "agent_id": row.agent_id,
                "user_id": row.user_id,
                "metadata": row.meta,
                "data": row.data,
                "notes": row.notes,
                "version": row.version,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
            }
        )
    )


def execution_json(row: ExecutionRow) -> dict[str, Any]:
    """Return an execution row as `Execution` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return dump(
        Execution.model_validate(
            {
                "id": row.id,
                "task_id": row.task_id,
                "arguments": row.arguments,
                "status": row.status,
                "output": row.output,
                "error": row.error,
                "version": row.version,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
                "started_at": row.started_at,
                "finished_at": row.finished_at,
            }
        )
    )


def test_json(row: TestRow) -> dict[str, Any]:
    """Return a test run row as `Test` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return dump(
        Test.model_validate(
            {
                "id": row.id,
                "status": row.status,
                "summary": row.summary,
                "version": row.version,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
                "terminated_at": row.terminated_at,
            }
        )
    )


test_json.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite its name


def comparison_json(row: ComparisonRow) -> dict[str, Any]:
    """Return a comparison row as `Comparison` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return dump(
        Comparison.model_validate(
            {
                "id": row.id,
                "test_id": row.test_id,
                "context_input": row.context_input,
                "old_output": row.old_output,
                "new_output": row.new_output,
                "instructions": row.instructions,
                "comparison_result": row.comparison_result,
                "source": row.source,
                "created_at": row.created_at,
            }
        )
    )


def json_response(
    body: dict[str, Any], *, status_code: int = 200, version: int | None = None
) -> JSONResponse:
    """Build a JSON response, with the `ETag` of the resource's version when given.

    Args:
        body: The JSON body.
        status_code: The HTTP status.
        version: The resource's version, sent as the `ETag`.

    Returns:
        The response.
    """
    headers = {"ETag": etag(version)} if version is not None else None
    return JSONResponse(body, status_code=status_code, headers=headers)


def page_response(
    page_model: type[BaseModel], page: Page[Row], to_json: Callable[[Row], dict[str, Any]]
) -> JSONResponse:
    """Answer one page of rows as its contract envelope `{data, has_more, next_cursor}`.

    Args:
        page_model: The generated page model (e.g. `TaskPage`) that validates the envelope.
        page: The page of rows.
        to_json: Turns one row into its contract JSON (e.g. `task_json`).

    Returns:
        The 200 response.
    """
    body = page_model.model_validate(
        {
            "data": [to_json(row) for row in page.items],
            "has_more": page.has_more,
            "next_cursor": page.next_cursor,
        }
    )
    return JSONResponse(dump(body))
