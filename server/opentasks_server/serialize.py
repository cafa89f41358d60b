"""Rows to contract JSON, through the generated pydantic models.

Which properties an answer has comes from the generated models alone, so a property added to
the spec is answered as soon as its column exists (see `db/schema_columns.py`).

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
from opentasks_server.db.schema_columns import ATTRIBUTES, api_fields
from opentasks_server.pagination import Page

Row = TypeVar("Row")

__all__ = [
    "comparison_json",
    "dump",
    "execution_json",
    "json_response",
    "page_response",
    "session_json",
    "task_columns_json",
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


# Every property of each schema, by API name: the generated models are the only list of them.
_TASK_FIELDS = api_fields(Task)
_SESSION_FIELDS = api_fields(Session)
_EXECUTION_FIELDS = api_fields(Execution)
_TEST_FIELDS = api_fields(Test)
_COMPARISON_FIELDS = api_fields(Comparison)


def _from_row(model: type[BaseModel], fields: tuple[str, ...], row: object) -> dict[str, Any]:
    # Each property has a row attribute of its own name (or the one ATTRIBUTES gives); the
    # tables get a column for every property of the schemas (see db/schema_columns.py).
    values = {name: getattr(row, ATTRIBUTES.get(name, name)) for name in fields}
    return dump(model.model_validate(values))


def task_json(row: TaskRow) -> dict[str, Any]:
    """Return a task row as `Task` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return _from_row(Task, _TASK_FIELDS, row)


def task_columns_json(columns: Mapping[str, Any]) -> dict[str, Any]:
    """Return a task as `Task` JSON from its columns: an insert's values or a selected row.

    The tasks table's column names are the API's field names, so a create answers from its own
    insert, and a read from its row, without building a row object; columns left out are
    `null`.

    Args:
        columns: The task's values, by column name.

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
    return _from_row(Session, _SESSION_FIELDS, row)


def execution_json(row: ExecutionRow) -> dict[str, Any]:
    """Return an execution row as `Execution` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return _from_row(Execution, _EXECUTION_FIELDS, row)


def test_json(row: TestRow) -> dict[str, Any]:
    """Return a test run row as `Test` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return _from_row(Test, _TEST_FIELDS, row)


test_json.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite its name


def comparison_json(row: ComparisonRow) -> dict[str, Any]:
    """Return a comparison row as `Comparison` JSON.

    Args:
        row: The row.

    Returns:
        The JSON object.
    """
    return _from_row(Comparison, _COMPARISON_FIELDS, row)


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
