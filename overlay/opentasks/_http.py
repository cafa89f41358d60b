"""The httpx clients beneath the generated `AuthenticatedClient`, and how overlay calls use them.

There is one HTTP stack: httpx, driven by the generated functions. The overlay only decides how
the httpx clients are built (a retrying transport, default timeouts, event hooks: see
`_async/_http.py`) and wraps each generated call so that errors come out as exceptions of the
SDK's tree.

Two event hooks do the per-call work the generated functions have no arguments for:

- a request hook applies the current call's timeout (see `_context.py`);
- a response hook turns an error status into the SDK's error *before* the generated parser runs,
  so a problem body is never returned as a value, and an error body the generated parser would
  choke on (an HTML page from a proxy) still becomes a clean `APIStatusError`. The hook only
  carries the error out (`ErrorAnswer`); the overlay call raises it, so a caller's traceback
  shows the overlay call, not httpx's hook machinery.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import attrs
import httpx
from opentasks_api.client import AuthenticatedClient

from ._context import current_call
from ._exceptions import ClientClosedError
from ._logging import redact
from ._retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_TIMEOUT",
    "CheapCookies",
    "GeneratedClient",
    "HTTPPool",
    "TimeoutTypes",
    "apply_call_options",
    "to_timeout",
]

TimeoutTypes = float | httpx.Timeout
"""A timeout: seconds for every phase, or an `httpx.Timeout` for each phase on its own."""

# The generated client has no timeout at all; a request must never hang forever by default.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
USER_AGENT = f"opentasks-python/{__version__}"
_CLOSED = (
    "this Client was closed (by close(), aclose() or the end of its `with` block) and sends "
    "nothing more; make a new Client"
)


def to_timeout(value: TimeoutTypes | None) -> httpx.Timeout | None:
    """Normalise a timeout argument.

    Args:
        value: Seconds, an `httpx.Timeout`, or `None` for "not given".

    Returns:
        An `httpx.Timeout`, or `None`.
    """
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(float(value))


def apply_call_options(request: httpx.Request) -> None:
    """Apply the current call's timeout, extra headers and extra query to a request.

    The pool's clients call it from their request hook; the direct path (`_direct.py`) applies
    the same options itself.

    Args:
        request: The request, changed in place.
    """
    call = current_call()
    if call is None:
        return
    if call.timeout is not None:
        # httpx reads each request's timeouts from this extension when it sends it.
        request.extensions["timeout"] = call.timeout.as_dict()
    # The generated functions take no headers or query of the caller's choosing: the call's
    # extras are applied to the request they built, before it is sent (and re-sent on retry).
    if call.extra_headers:
        request.headers.update(call.extra_headers)
    if call.extra_query:
        request.url = request.url.copy_merge_params(dict(call.extra_query))


class _ResponseCookies(httpx.Cookies):
    """Cookies that skip the cookie jar's work for answers that set none.

    httpx hands every response to the standard library's cookie jar, through adapters that copy
    its headers into an `email.message.Message`: a sizeable share of a small call's time, for
    answers that (from this API) never set a cookie.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        """Store the cookies a response sets, if it sets any."""
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class CheapCookies:
    """Gives an httpx client `_ResponseCookies` in place of the plain `Cookies` httpx builds."""

    _cookies: httpx.Cookies

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - the httpx client's arguments
        super().__init__(**kwargs)
        # Cookies a caller assigns later are httpx's plain ones: as right, if slower.
        self._cookies = _ResponseCookies(kwargs.get("cookies"))


class HTTPPool:
    """The sync and async httpx clients of one base URL and key, each built on first use.

    Args:
        base_url: The API's base URL.
        headers: Headers for every request (authorisation, user agent, the caller's defaults).
        timeout: The default timeout.
        policy: The default retry policy of the transports.
        transport: The transport beneath the sync retry transport; `http.client`'s (see
            `_stdlib_transport.py`) when omitted.
        async_transport: The transport beneath the async retry transport; aiohttp's (see
            `_aiohttp.py`) when omitted.
        http_client: A ready sync httpx client, used as it is (retries are then the caller's
            business, e.g. by giving it a `RetryTransport`); only the hooks are added.
        async_http_client: The same for async.
    """

    def __init__(
        self,
        *,
        base_url: str,
        headers: Mapping[str, str],
        timeout: httpx.Timeout,
        policy: RetryPolicy,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.base_url = base_url
        self.headers = dict(headers)
        self.timeout = timeout
        self.policy = policy
        self.transport = transport
        self.async_transport = async_transport
        self._lock = threading.Lock()
        self._closed = False
        # The transports load when a client first sends (see `sync_client`, `async_client`): a
        # program that only builds a `Client`, or uses one side of it, does not import the other.
        self._sync: httpx.Client | None = None
        self._async: httpx.AsyncClient | None = None
        if http_client is not None:
            from ._sync._http import adopt_sync_client

            self._sync = adopt_sync_client(self, http_client)
        if async_http_client is not None:
            from ._async._http import adopt_async_client

            self._async = adopt_async_client(self, async_http_client)
        # Clients handed in by the caller are theirs to close.
        self._owns_sync = http_client is None
        self._owns_async = async_http_client is None

    def sync_client(self) -> httpx.Client:
        """Return the sync httpx client, building it on first use."""
        with self._lock:
            if self._closed:
                # A closed pool must not quietly build a new client: its sockets would leak.
                raise ClientClosedError(_CLOSED)
            if self._sync is None:
                from ._sync._http import build_sync_client

                self._sync = build_sync_client(self)
            return self._sync

    def async_client(self) -> httpx.AsyncClient:
        """Return the async httpx client, building it on first use."""
        with self._lock:
            if self._closed:
                raise ClientClosedError(_CLOSED)
            if self._async is None:
                from ._async._http import build_async_client

                self._async = build_async_client(self)
            return self._async

    def close(self) -> None:
        """Close the sync client if this pool built it; the pool refuses any later request."""
        with self._lock:
            self._closed = True
        self.drop_sync_connections()

    def drop_sync_connections(self) -> None:
        """Close the sync client if this pool built it; a later request builds a new one.

        For a server that went away and comes back: its old connections are dead.
        """
        with self._lock:
            client, self._sync = self._sync, None
        if client is not None and self._owns_sync:
            client.close()

    async def aclose(self) -> None:
        """Close both clients that this pool built; the pool refuses any later request."""
        with self._lock:
            self._closed = True
            client, self._async = self._async, None
        if client is not None and self._owns_async:
            await client.aclose()
        self.close()


@attrs.define
class GeneratedClient(AuthenticatedClient):
    """The generated `AuthenticatedClient`, with its httpx clients coming from an `HTTPPool`.

    Pass it as `client=` to any generated function: those calls get the pool's retries and
    timeouts, and return problems as values as the generated code documents.
    """

    _pool: HTTPPool = attrs.field(kw_only=True, alias="pool", repr=False)
    _closed: bool = attrs.field(default=False, init=False, repr=False)

    def close(self) -> None:
        """Refuse every later request through this client, even if its pool stays open.

        A `Client.with_options()` copy shares its original's pool; closing the copy closes
        the copy, not the pool.
        """
        self._closed = True

    def get_httpx_client(self) -> httpx.Client:
        """Return the pool's sync httpx client.

        Raises:
            ClientClosedError: The client was closed.
        """
        if self._closed:
            raise ClientClosedError(_CLOSED)
        return self._pool.sync_client()

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Return the pool's async httpx client.

        Raises:
            ClientClosedError: The client was closed.
        """
        if self._closed:
            raise ClientClosedError(_CLOSED)
        return self._pool.async_client()

    def __repr__(self) -> str:
        # The attrs repr of the generated class would print the token.
        return f"GeneratedClient(base_url={self._pool.base_url!r}, token={redact(self.token)!r})"
