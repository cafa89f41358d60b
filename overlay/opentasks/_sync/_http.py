# generated from overlay/opentasks/_async/_http.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""An `HTTPPool`'s httpx client (see `_http.py`): its hooks, retries and direct path."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import httpx

from opentasks._context import ErrorAnswer, current_call, note_response
from opentasks._direct import ClientShape
from opentasks._exceptions import error_from_response
from opentasks._http import CheapCookies, apply_call_options
from opentasks._sync._transport import RetryTransport

if TYPE_CHECKING:
    from opentasks._http import HTTPPool
    from opentasks._stdlib_transport import SyncDefaultTransport

__all__ = ["adopt_sync_client", "build_sync_client"]


def _on_request(request: httpx.Request) -> None:
    apply_call_options(request)


def _on_response(response: httpx.Response) -> None:
    note_response(response)
    if current_call() is not None and response.status_code >= 400:
        response.read()
        raise ErrorAnswer(error_from_response(response))


class _SyncClient(CheapCookies, httpx.Client):
    """`httpx.Client` with cheap cookies, and the direct path over the default transport."""

    # Set together by `build_sync_client` when the client sends over the default transport.
    _direct: ClientShape | None = None
    _retry: RetryTransport
    _default: SyncDefaultTransport

    def request(
        self,
        method: str,
        url: httpx.URL | str,
        **kwargs: Any,  # noqa: ANN401 - httpx.Client.request's arguments
    ) -> httpx.Response:
        """Send a request: directly (see `_direct.py`) when it can, through httpx otherwise."""
        direct = self._direct
        if direct is None or not isinstance(url, str) or not direct.accepts(self, kwargs):
            return super().request(method, url, **kwargs)
        plan = direct.plan(self, self._retry.policy, method, url, kwargs)
        attempt = partial(self._default.exchange, plan)
        response = self._retry._retrying(plan.policy, attempt, plan.httpx_request)
        if "set-cookie" in response.headers:
            self.cookies.extract_cookies(response)
        for hook in self.event_hooks["response"]:
            hook(response)
        return response


def build_sync_client(pool: HTTPPool) -> httpx.Client:
    """Build a pool's async httpx client: retries over the pool's transport or the default one.

    Args:
        pool: The pool (its base URL, headers, timeout, retry policy and transport).

    Returns:
        The client; over the default transport, it sends the generated functions' requests on
        the direct path.
    """
    transport = pool.transport
    default = None
    if transport is None:
        # Imported on first use: a program that brings its own transport never loads this one
        # (aiohttp, beneath the async client, takes longer to import than httpx).
        from opentasks._stdlib_transport import SyncDefaultTransport

        transport = default = SyncDefaultTransport()
    retry = RetryTransport(transport, policy=pool.policy)
    client = _SyncClient(
        base_url=pool.base_url,
        headers=pool.headers,
        timeout=pool.timeout,
        transport=retry,
        event_hooks={"request": [_on_request], "response": [_on_response]},
    )
    if default is not None:
        client._direct = ClientShape(client, _on_request)
        client._retry, client._default = retry, default
    return client


def adopt_sync_client(pool: HTTPPool, client: httpx.Client) -> httpx.Client:
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
        "request": [*client.event_hooks.get("request", []), _on_request],
        "response": [*client.event_hooks.get("response", []), _on_response],
    }
    return client
