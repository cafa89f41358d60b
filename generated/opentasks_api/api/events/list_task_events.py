# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    follow: bool | Unset = False,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["after"] = after

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/{task_id}/events".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EventPage | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | EventPage | Problem | ValidationProblem]:
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
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    follow: bool | Unset = False,
    last_event_id: str | Unset = UNSET,
) -> Response[Any | EventPage | Problem | ValidationProblem]:
    """Read or stream a task's events

     Returns the task's events in order. With `Accept: application/json` (or no `Accept`) the
    answer is one page `{data, has_more, next_cursor}`. With `Accept: text/event-stream` the
    answer is a Server-Sent Events stream: each frame has `id:` (the event id), `event:` (the
    event type) and `data:` (the event as JSON); comment lines are sent as heartbeats while
    idle. A stream resumes after `Last-Event-ID` (or `after`) with nothing missed or
    repeated, and ends after the task's terminal event (`task_finished`, or `task_created`
    for a task logged as finished) unless `follow=true`; a resume at or past that event
    answers 204. One key may hold a limited number of streams open at once (100 unless the
    server is configured otherwise); one more answers 429 `too-many-streams`.

    Args:
        task_id (str): A task id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        follow (bool | Unset):  Default: False.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EventPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        limit=limit,
        after=after,
        follow=follow,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    follow: bool | Unset = False,
    last_event_id: str | Unset = UNSET,
) -> Any | EventPage | Problem | ValidationProblem | None:
    """Read or stream a task's events

     Returns the task's events in order. With `Accept: application/json` (or no `Accept`) the
    answer is one page `{data, has_more, next_cursor}`. With `Accept: text/event-stream` the
    answer is a Server-Sent Events stream: each frame has `id:` (the event id), `event:` (the
    event type) and `data:` (the event as JSON); comment lines are sent as heartbeats while
    idle. A stream resumes after `Last-Event-ID` (or `after`) with nothing missed or
    repeated, and ends after the task's terminal event (`task_finished`, or `task_created`
    for a task logged as finished) unless `follow=true`; a resume at or past that event
    answers 204. One key may hold a limited number of streams open at once (100 unless the
    server is configured otherwise); one more answers 429 `too-many-streams`.

    Args:
        task_id (str): A task id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        follow (bool | Unset):  Default: False.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EventPage | Problem | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        limit=limit,
        after=after,
        follow=follow,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    follow: bool | Unset = False,
    last_event_id: str | Unset = UNSET,
) -> Response[Any | EventPage | Problem | ValidationProblem]:
    """Read or stream a task's events

     Returns the task's events in order. With `Accept: application/json` (or no `Accept`) the
    answer is one page `{data, has_more, next_cursor}`. With `Accept: text/event-stream` the
    answer is a Server-Sent Events stream: each frame has `id:` (the event id), `event:` (the
    event type) and `data:` (the event as JSON); comment lines are sent as heartbeats while
    idle. A stream resumes after `Last-Event-ID` (or `after`) with nothing missed or
    repeated, and ends after the task's terminal event (`task_finished`, or `task_created`
    for a task logged as finished) unless `follow=true`; a resume at or past that event
    answers 204. One key may hold a limited number of streams open at once (100 unless the
    server is configured otherwise); one more answers 429 `too-many-streams`.

    Args:
        task_id (str): A task id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        follow (bool | Unset):  Default: False.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EventPage | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        limit=limit,
        after=after,
        follow=follow,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    after: str | Unset = UNSET,
    follow: bool | Unset = False,
    last_event_id: str | Unset = UNSET,
) -> Any | EventPage | Problem | ValidationProblem | None:
    """Read or stream a task's events

     Returns the task's events in order. With `Accept: application/json` (or no `Accept`) the
    answer is one page `{data, has_more, next_cursor}`. With `Accept: text/event-stream` the
    answer is a Server-Sent Events stream: each frame has `id:` (the event id), `event:` (the
    event type) and `data:` (the event as JSON); comment lines are sent as heartbeats while
    idle. A stream resumes after `Last-Event-ID` (or `after`) with nothing missed or
    repeated, and ends after the task's terminal event (`task_finished`, or `task_created`
    for a task logged as finished) unless `follow=true`; a resume at or past that event
    answers 204. One key may hold a limited number of streams open at once (100 unless the
    server is configured otherwise); one more answers 429 `too-many-streams`.

    Args:
        task_id (str): A task id.
        limit (int | Unset):  Default: 20.
        after (str | Unset):
        follow (bool | Unset):  Default: False.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EventPage | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            limit=limit,
            after=after,
            follow=follow,
            last_event_id=last_event_id,
        )
    ).parsed
