# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.execution import Execution
from ...models.execution_status_change import ExecutionStatusChange
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    execution_id: str,
    *,
    body: ExecutionStatusChange,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/executions/{execution_id}/status".format(
            execution_id=quote(str(execution_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Execution | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = Execution.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[Execution | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    execution_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecutionStatusChange,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Execution | Problem | ValidationProblem]:
    """Change an execution's status

     Moves the execution to another status. Legal moves: `queued → starting`,
    `starting → running`, `running ⇄ awaiting_input`, `running|awaiting_input →
    succeeded|failed|cancelled`, and `queued|starting → failed|cancelled`. The task follows:
    running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
    cancelled → stopped. An illegal move is a 409 naming both states.

    Args:
        execution_id (str):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (ExecutionStatusChange): A status change of an execution, with its output or error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Execution | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        execution_id=execution_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    execution_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecutionStatusChange,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Execution | Problem | ValidationProblem | None:
    """Change an execution's status

     Moves the execution to another status. Legal moves: `queued → starting`,
    `starting → running`, `running ⇄ awaiting_input`, `running|awaiting_input →
    succeeded|failed|cancelled`, and `queued|starting → failed|cancelled`. The task follows:
    running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
    cancelled → stopped. An illegal move is a 409 naming both states.

    Args:
        execution_id (str):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (ExecutionStatusChange): A status change of an execution, with its output or error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Execution | Problem | ValidationProblem
    """

    return sync_detailed(
        execution_id=execution_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    execution_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecutionStatusChange,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Execution | Problem | ValidationProblem]:
    """Change an execution's status

     Moves the execution to another status. Legal moves: `queued → starting`,
    `starting → running`, `running ⇄ awaiting_input`, `running|awaiting_input →
    succeeded|failed|cancelled`, and `queued|starting → failed|cancelled`. The task follows:
    running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
    cancelled → stopped. An illegal move is a 409 naming both states.

    Args:
        execution_id (str):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (ExecutionStatusChange): A status change of an execution, with its output or error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Execution | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        execution_id=execution_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    execution_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecutionStatusChange,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Execution | Problem | ValidationProblem | None:
    """Change an execution's status

     Moves the execution to another status. Legal moves: `queued → starting`,
    `starting → running`, `running ⇄ awaiting_input`, `running|awaiting_input →
    succeeded|failed|cancelled`, and `queued|starting → failed|cancelled`. The task follows:
    running → executing, awaiting_input → paused, succeeded → completed, failed → failed,
    cancelled → stopped. An illegal move is a 409 naming both states.

    Args:
        execution_id (str):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (ExecutionStatusChange): A status change of an execution, with its output or error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Execution | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            execution_id=execution_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
