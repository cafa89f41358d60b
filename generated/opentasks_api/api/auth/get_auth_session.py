# generated from openapi.yaml by generator/regenerate.py — do not edit
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_session import AuthSession
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/auth/session",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthSession | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AuthSession.from_dict(response.json())

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
) -> Response[AuthSession | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AuthSession | Problem | ValidationProblem]:
    """Who is calling

     Describes the caller's credentials: the project, and for a board login its expiry and
    CSRF token (a page reads it here after a reload, since the cookie is not readable by
    scripts). With an API key it answers the key's project and `authenticated_by: api_key`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthSession | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AuthSession | Problem | ValidationProblem | None:
    """Who is calling

     Describes the caller's credentials: the project, and for a board login its expiry and
    CSRF token (a page reads it here after a reload, since the cookie is not readable by
    scripts). With an API key it answers the key's project and `authenticated_by: api_key`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthSession | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AuthSession | Problem | ValidationProblem]:
    """Who is calling

     Describes the caller's credentials: the project, and for a board login its expiry and
    CSRF token (a page reads it here after a reload, since the cookie is not readable by
    scripts). With an API key it answers the key's project and `authenticated_by: api_key`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthSession | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AuthSession | Problem | ValidationProblem | None:
    """Who is calling

     Describes the caller's credentials: the project, and for a board login its expiry and
    CSRF token (a page reads it here after a reload, since the cookie is not readable by
    scripts). With an API key it answers the key's project and `authenticated_by: api_key`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthSession | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
