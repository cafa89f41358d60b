"""An `HTTPPool`'s httpx client (see `_http.py`): its hooks, retries and direct path."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import httpx

from opentasks._async._transport import AsyncRetryTransport
from opentasks._context import ErrorAnswer, current_call, note_response
from opentasks._direct import ClientShape
from opentasks._exceptions import error_from_response
from opentasks._http import CheapCookies, apply_call_options

if TYPE_CHECKING:
    from opentasks._aiohttp import AsyncDefaultTransport
    from opentasks._http import HTTPPool

__all__ = ["adopt_async_client", "build_async_client"]


async def _aon_request(request: httpx.Request) -> None:
    apply_call_options(request)


async def _aon_response(response: httpx.Response) -> None:
    note_response(response)
    if current_call() is not None and response.status_code >= 400:
        await response.aread()
        raise ErrorAnswer(error_from_response(response))


class _AsyncClient(CheapCookies, httpx.AsyncClient):
    """`httpx.AsyncClient` with cheap cookies, and the direct path over the default transport."""

    # Set together by `build_async_client` when the client sends over the default transport.
    _direct: ClientShape | None = None
    _retry: AsyncRetryTransport
    _default: AsyncDefaultTransport

    async def request(
        self,
        method: str,
        url: httpx.URL | str,
        **kwargs: Any,  # noqa: ANN401 - httpx.AsyncClient.request's arguments
    ) -> httpx.Response:
        """Send a request: directly (see `_direct.py`) when it can, through httpx otherwise."""
        direct = self._direct
        if direct is None or not isinstance(url, str) or not direct.accepts(self, kwargs):
            return await super().request(method, url, **kwargs)
        plan = direct.plan(self, self._retry.policy, method, url, kwargs)
        attempt = partial(self._default.exchange, plan)
        response = await self._retry._retrying(plan.policy, attempt, plan.httpx_request)
        if "set-cookie" in response.headers:
            self.cookies.extract_cookies(response)
        for hook in self.event_hooks["response"]:
            await hook(response)
        return response


def build_async_client(pool: HTTPPool) -> httpx.AsyncClient:
    """Build a pool's async httpx client: retries over the pool's transport or the default one.

    Args:
        pool: The pool (its base URL, headers, timeout, retry policy and transport).

    Returns:
        The client; over the default transport, it sends the generated functions' requests on
        the direct path.
    """
    transport = pool.async_transport
    default = None
    if transport is None:
        # Imported on first use: a program that brings its own transport never loads this one
        # (aiohttp, beneath the async client, takes longer to import than httpx).
        from opentasks._aiohttp import AsyncDefaultTransport

        transport = default = AsyncDefaultTransport()
    retry = AsyncRetryTransport(transport, policy=pool.policy)
    client = _AsyncClient(
        base_url=pool.base_url,
        headers=pool.headers,
        timeout=pool.timeout,
        transport=retry,
        event_hooks={"request": [_aon_request], "response": [_aon_response]},
    )
    if default is not None:
        client._direct = ClientShape(client, _aon_request)
        client._retry, client._default = retry, default
    return client


def adopt_async_client(pool: HTTPPool, client: httpx.AsyncClient) -> httpx.AsyncClient:
    """Make a caller's own async httpx client a pool's, keeping its transport.

    Args:
        pool: The pool.
        client: The client; it gets the pool's base URL and headers where it has none of its
            own, and the pool's hooks after its own.

    Returns:
        The same client.
    """
    if not str(client.base_url):
        client.base_url = httpx.URL(pool.base_url)
    for name, value in pool.headers.items():
        client.headers.setdefault(name, value)
    client.event_hooks = {
        "request": [*client.event_hooks.get("request", []), _aon_request],
        "response": [*client.event_hooks.get("response", []), _aon_response],
    }
    return client
