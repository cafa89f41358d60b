# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_order import ListOrder
from ...models.problem import Problem
from ...models.task_page import TaskPage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["after"] = after

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions/{session_id}/tasks".format(
            session_id=quote(str(session_id), safe=""),
        ),
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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
    session_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
) -> Response[Problem | TaskPage | ValidationProblem]:
    """List a session's tasks

     Lists the tasks attached to one session one page at a time: oldest first, or newest first
    with `order=desc`.

    Args:
        session_id (str): A session id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        limit=limit,
        after=after,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
) -> Problem | TaskPage | ValidationProblem | None:
    """List a session's tasks

     Lists the tasks attached to one session one page at a time: oldest first, or newest first
    with `order=desc`.

    Args:
        session_id (str): A session id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage | ValidationProblem
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        limit=limit,
        after=after,
        order=order,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
) -> Response[Problem | TaskPage | ValidationProblem]:
    """List a session's tasks

     Lists the tasks attached to one session one page at a time: oldest first, or newest first
    with `order=desc`.

    Args:
        session_id (str): A session id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        limit=limit,
        after=after,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    order: ListOrder | Unset = UNSET,
) -> Problem | TaskPage | ValidationProblem | None:
    """List a session's tasks

     Lists the tasks attached to one session one page at a time: oldest first, or newest first
    with `order=desc`.

    Args:
        session_id (str): A session id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        order (ListOrder | Unset): The order of a list by creation; `asc` is oldest first, `desc`
            newest first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage | ValidationProblem
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            limit=limit,
            after=after,
            order=order,
        )
    ).parsed
