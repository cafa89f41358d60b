# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["after"] = after

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventPage | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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
) -> Response[EventPage | Problem | ValidationProblem]:
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
    type_: list[str] | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[EventPage | Problem | ValidationProblem]:
    """Read or stream the project's events

     Returns every event of the project in order, optionally only some types. Like a task's
    events, the answer is a JSON page, or with `Accept: text/event-stream` a live stream that
    resumes after `Last-Event-ID` (or `after`). The project stream never ends by itself.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        type_ (list[str] | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        type_=type_,
        last_event_id=last_event_id,
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
    type_: list[str] | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> EventPage | Problem | ValidationProblem | None:
    """Read or stream the project's events

     Returns every event of the project in order, optionally only some types. Like a task's
    events, the answer is a JSON page, or with `Accept: text/event-stream` a live stream that
    resumes after `Last-Event-ID` (or `after`). The project stream never ends by itself.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        type_ (list[str] | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        type_=type_,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[EventPage | Problem | ValidationProblem]:
    """Read or stream the project's events

     Returns every event of the project in order, optionally only some types. Like a task's
    events, the answer is a JSON page, or with `Accept: text/event-stream` a live stream that
    resumes after `Last-Event-ID` (or `after`). The project stream never ends by itself.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        type_ (list[str] | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        type_=type_,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> EventPage | Problem | ValidationProblem | None:
    """Read or stream the project's events

     Returns every event of the project in order, optionally only some types. Like a task's
    events, the answer is a JSON page, or with `Accept: text/event-stream` a live stream that
    resumes after `Last-Event-ID` (or `after`). The project stream never ends by itself.

    Args:
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        type_ (list[str] | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            type_=type_,
            last_event_id=last_event_id,
        )
    ).parsed
