# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flag import Flag
from ...models.list_order import ListOrder
from ...models.problem import Problem
from ...models.task_page import TaskPage
from ...models.task_status import TaskStatus
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    session_id: str | Unset = UNSET,
    test_id: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    flag: Flag | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["after"] = after

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["agent_id"] = agent_id

    params["session_id"] = session_id

    params["test_id"] = test_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_flag: str | Unset = UNSET
    if not isinstance(flag, Unset):
        json_flag = flag.value

    params["flag"] = json_flag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TaskPage | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = TaskPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TaskPage | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    session_id: str | Unset = UNSET,
    test_id: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    flag: Flag | Unset = UNSET,
) -> Response[Problem | TaskPage | ValidationProblem]:
    """List tasks

     Lists the project's tasks one page at a time, with optional filters: oldest first, or
    newest first with `order=desc`.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.
        agent_id (str | Unset):
        session_id (str | Unset):
        test_id (str | Unset):
        status (TaskStatus | Unset): The status of a task. `pending → executing ⇄ paused`;
            `executing|paused →
            completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and
            stopped are terminal.
        flag (Flag | Unset): Whether a task's outcome was a success or a failure.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        order=order,
        agent_id=agent_id,
        session_id=session_id,
        test_id=test_id,
        status=status,
        flag=flag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    session_id: str | Unset = UNSET,
    test_id: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    flag: Flag | Unset = UNSET,
) -> Problem | TaskPage | ValidationProblem | None:
    """List tasks

     Lists the project's tasks one page at a time, with optional filters: oldest first, or
    newest first with `order=desc`.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.
        agent_id (str | Unset):
        session_id (str | Unset):
        test_id (str | Unset):
        status (TaskStatus | Unset): The status of a task. `pending → executing ⇄ paused`;
            `executing|paused →
            completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and
            stopped are terminal.
        flag (Flag | Unset): Whether a task's outcome was a success or a failure.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage | ValidationProblem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        order=order,
        agent_id=agent_id,
        session_id=session_id,
        test_id=test_id,
        status=status,
        flag=flag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    session_id: str | Unset = UNSET,
    test_id: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    flag: Flag | Unset = UNSET,
) -> Response[Problem | TaskPage | ValidationProblem]:
    """List tasks

     Lists the project's tasks one page at a time, with optional filters: oldest first, or
    newest first with `order=desc`.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.
        agent_id (str | Unset):
        session_id (str | Unset):
        test_id (str | Unset):
        status (TaskStatus | Unset): The status of a task. `pending → executing ⇄ paused`;
            `executing|paused →
            completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and
            stopped are terminal.
        flag (Flag | Unset): Whether a task's outcome was a success or a failure.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        order=order,
        agent_id=agent_id,
        session_id=session_id,
        test_id=test_id,
        status=status,
        flag=flag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    session_id: str | Unset = UNSET,
    test_id: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    flag: Flag | Unset = UNSET,
) -> Problem | TaskPage | ValidationProblem | None:
    """List tasks

     Lists the project's tasks one page at a time, with optional filters: oldest first, or
    newest first with `order=desc`.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.
        agent_id (str | Unset):
        session_id (str | Unset):
        test_id (str | Unset):
        status (TaskStatus | Unset): The status of a task. `pending → executing ⇄ paused`;
            `executing|paused →
            completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and
            stopped are terminal.
        flag (Flag | Unset): Whether a task's outcome was a success or a failure.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            order=order,
            agent_id=agent_id,
            session_id=session_id,
            test_id=test_id,
            status=status,
            flag=flag,
        )
    ).parsed
