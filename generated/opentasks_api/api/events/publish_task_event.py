# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event import Event
from ...models.event_publish import EventPublish
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    body: EventPublish,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tasks/{task_id}/events".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Event | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = Event.from_dict(response.json())

        return response_201

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
) -> Response[Event | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EventPublish,
    idempotency_key: str | Unset = UNSET,
) -> Response[Event | Problem | ValidationProblem]:
    """Publish an event on a task's stream

     Lets a worker publish its own event on a task's stream (a chunk of output, a tool call,
    a thought, an updated plan, …). Event types that the server itself records (`task_*`,
    `execution_*`, `session_*`, `test_*`, `comparison_*`) cannot be published. An
    `execution_id` that names no execution of this task answers 404, as an unknown task does.

    Args:
        task_id (str): A task id.
        idempotency_key (str | Unset):
        body (EventPublish): An event a worker publishes on a task's stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Event | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EventPublish,
    idempotency_key: str | Unset = UNSET,
) -> Event | Problem | ValidationProblem | None:
    """Publish an event on a task's stream

     Lets a worker publish its own event on a task's stream (a chunk of output, a tool call,
    a thought, an updated plan, …). Event types that the server itself records (`task_*`,
    `execution_*`, `session_*`, `test_*`, `comparison_*`) cannot be published. An
    `execution_id` that names no execution of this task answers 404, as an unknown task does.

    Args:
        task_id (str): A task id.
        idempotency_key (str | Unset):
        body (EventPublish): An event a worker publishes on a task's stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Event | Problem | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EventPublish,
    idempotency_key: str | Unset = UNSET,
) -> Response[Event | Problem | ValidationProblem]:
    """Publish an event on a task's stream

     Lets a worker publish its own event on a task's stream (a chunk of output, a tool call,
    a thought, an updated plan, …). Event types that the server itself records (`task_*`,
    `execution_*`, `session_*`, `test_*`, `comparison_*`) cannot be published. An
    `execution_id` that names no execution of this task answers 404, as an unknown task does.

    Args:
        task_id (str): A task id.
        idempotency_key (str | Unset):
        body (EventPublish): An event a worker publishes on a task's stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Event | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: EventPublish,
    idempotency_key: str | Unset = UNSET,
) -> Event | Problem | ValidationProblem | None:
    """Publish an event on a task's stream

     Lets a worker publish its own event on a task's stream (a chunk of output, a tool call,
    a thought, an updated plan, …). Event types that the server itself records (`task_*`,
    `execution_*`, `session_*`, `test_*`, `comparison_*`) cannot be published. An
    `execution_id` that names no execution of this task answers 404, as an unknown task does.

    Args:
        task_id (str): A task id.
        idempotency_key (str | Unset):
        body (EventPublish): An event a worker publishes on a task's stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Event | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
