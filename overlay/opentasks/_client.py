"""`Client`: the entry point — configuration, the HTTP layer, and the resource namespaces."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TypeVar

import httpx
from opentasks_api.types import UNSET, Unset

from ._arguments import check_base_url, check_optional_str
from ._async._client import AsyncClientCalls
from ._context import CallOptions
from ._exceptions import OpenTasksError
from ._generated._client import ClientNamespaces
from ._http import DEFAULT_TIMEOUT, USER_AGENT, GeneratedClient, HTTPPool, TimeoutTypes, to_timeout
from ._logging import redact, register_secret, setup_logging
from ._retry import Backoff, RetryEvent, RetryPolicy
from ._streaming import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_RECONNECTS, StreamSettings
from ._sync._client import SyncClientCalls

V = TypeVar("V")

__all__ = ["DEFAULT_BASE_URL", "ENV_API_KEY", "ENV_BASE_URL", "Client", "ClientBase"]

ENV_API_KEY = "OPENTASKS_API_KEY"
ENV_BASE_URL = "OPENTASKS_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

_NO_KEY = (
    "No API key found. Pass one as Client(api_key=...) or set the "
    f"{ENV_API_KEY} environment variable. A local reference server makes keys with "
    "`opentasks keys create --project NAME`; in tests, `opentasks.testing.serve()` starts a "
    "server and hands back a ready client."
)


class ClientBase(ClientNamespaces):
    """The configuration of `Client`, its HTTP layer and its namespaces."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        backoff: Backoff | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        default_headers: Mapping[str, str] | None = None,
        stream_idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        stream_max_reconnects: int = DEFAULT_MAX_RECONNECTS,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        setup_logging()
        check_optional_str("api_key", api_key, secret=True)
        key = api_key if api_key is not None else os.environ.get(ENV_API_KEY, "")
        if not key.strip():
            raise OpenTasksError(_NO_KEY)
        register_secret(key)
        self._api_key = key
        check_optional_str("base_url", base_url)
        url = base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
        try:
            checked = check_base_url(url)
        except ValueError as error:
            if base_url:
                raise
            msg = f"{ENV_BASE_URL}: {error}"
            raise ValueError(msg) from None
        self.base_url = checked
        """The server's URL."""
        self.timeout = to_timeout(timeout) or DEFAULT_TIMEOUT
        """The default timeout of each request."""
        self.retry_policy = RetryPolicy(
            max_retries=max_retries, backoff=backoff or Backoff(), on_retry=on_retry
        )
        """How requests are retried."""
        self._default_call: CallOptions | None = None
        self.default_headers = dict(default_headers or {})
        """Headers sent with every request."""
        self._streams = StreamSettings(
            idle_timeout=stream_idle_timeout,
            max_reconnects=stream_max_reconnects,
            backoff=self.retry_policy.backoff,
            connect_timeout=self.timeout.connect or DEFAULT_TIMEOUT.connect or 5.0,
        )
        self._transports = (transport, async_transport, http_client, async_http_client)
        headers = {
            "User-Agent": USER_AGENT,
            **self.default_headers,
            "Authorization": f"Bearer {key}",
        }
        self._pool = HTTPPool(
            base_url=self.base_url,
            headers=headers,
            timeout=self.timeout,
            policy=self.retry_policy,
            transport=transport,
            async_transport=async_transport,
            http_client=http_client,
            async_http_client=async_http_client,
        )
        self._owns_pool = True
        self._attach(self._pool)

    def _attach(self, pool: HTTPPool) -> None:
        self._pool = pool
        self.api = GeneratedClient(base_url=self.base_url, token=self._api_key, pool=pool)
        """The generated low-level client; pass it as `client=` to any generated function."""

    # --- configuration --------------------------------------------------------------------

    def with_options(
        self,
        *,
        api_key: str | Unset = UNSET,
        base_url: str | Unset = UNSET,
        timeout: TimeoutTypes | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        backoff: Backoff | Unset = UNSET,
        on_retry: Callable[[RetryEvent], None] | Unset | None = UNSET,
        default_headers: Mapping[str, str] | Unset = UNSET,
        stream_idle_timeout: float | Unset = UNSET,
        stream_max_reconnects: int | Unset = UNSET,
    ) -> Client:
        """Return a copy of this client with some options changed.

        A copy that keeps the key, URL and headers shares this client's connection pool (and
        closing it leaves the pool open for this client); changing any of them gives the copy a
        pool of its own.

        Args:
            api_key: Another key.
            base_url: Another server.
            timeout: Another default timeout.
            max_retries: Another retry limit.
            backoff: Another retry backoff.
            on_retry: Another retry hook (`None` removes it).
            default_headers: Other default headers (replacing these).
            stream_idle_timeout: Another stream idle timeout.
            stream_max_reconnects: Another stream reconnect budget.

        Returns:
            The configured copy.
        """

        def pick(value: V | Unset, current: V) -> V:
            return current if isinstance(value, Unset) else value

        transport, async_transport, http_client, async_http_client = self._transports
        copy = Client(
            pick(api_key, self._api_key),
            pick(base_url, self.base_url),
            timeout=self.timeout if isinstance(timeout, Unset) else timeout,
            max_retries=pick(max_retries, self.retry_policy.max_retries),
            backoff=pick(backoff, self.retry_policy.backoff),
            on_retry=pick(on_retry, self.retry_policy.on_retry),
            default_headers=pick(default_headers, self.default_headers),
            stream_idle_timeout=pick(stream_idle_timeout, self._streams.idle_timeout),
            stream_max_reconnects=pick(stream_max_reconnects, self._streams.max_reconnects),
            transport=transport,
            async_transport=async_transport,
            http_client=http_client,
            async_http_client=async_http_client,
        )
        same_pool = (copy._api_key, copy.base_url, copy.default_headers) == (
            self._api_key,
            self.base_url,
            self.default_headers,
        )
        if same_pool:
            copy._owns_pool = False
            copy._attach(self._pool)
        elif http_client is not None or async_http_client is not None:
            msg = "with_options cannot change the key, URL or headers of a client built on your own httpx client"
            raise OpenTasksError(msg)
        return copy

    def _drop_connections(self) -> None:
        """Close the sync connections and keep the client usable (new ones open on demand)."""
        if self._owns_pool:
            self._pool.drop_sync_connections()

    def _call_options(self, timeout: TimeoutTypes | None) -> CallOptions:
        if timeout is None:
            # Most calls take the client's options: one frozen object serves them all, rebuilt
            # only if someone assigned the client's timeout or retry policy since.
            default = self._default_call
            if (
                default is None
                or default.timeout is not self.timeout
                or default.retry is not self.retry_policy
            ):
                default = CallOptions(timeout=self.timeout, retry=self.retry_policy)
                self._default_call = default
            return default
        return CallOptions(timeout=to_timeout(timeout) or self.timeout, retry=self.retry_policy)

    def _stream_settings(
        self, idle_timeout: float | None, max_reconnects: int | None
    ) -> StreamSettings:
        settings = self._streams
        return replace(
            settings,
            idle_timeout=settings.idle_timeout if idle_timeout is None else idle_timeout,
            max_reconnects=settings.max_reconnects if max_reconnects is None else max_reconnects,
        )

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, api_key={redact(self._api_key)!r})"


class Client(SyncClientCalls, AsyncClientCalls, ClientBase):
    """The opentasks client: one object for sync and async code.

    ```python
    from opentasks import Client

    with Client() as client:            # OPENTASKS_API_KEY, OPENTASKS_BASE_URL
        task = client.tasks.create(agent_id="agent123", prompt="Analyze the sales data")
    ```

    Every operation has a sync method and an `a`-prefixed coroutine (`create` / `acreate`). The
    client builds an `httpx.Client` and an `httpx.AsyncClient` lazily, on first use of each,
    beneath the generated low-level client (`client.api`), which any generated function accepts.

    Args:
        api_key: The API key; read from `OPENTASKS_API_KEY` when omitted.
        base_url: The server's URL; read from `OPENTASKS_BASE_URL` when omitted, else
            `http://127.0.0.1:8000`.
        timeout: The default timeout of each request: seconds, or an `httpx.Timeout`
            (default: 30 s, and 5 s to connect). Every method also takes `timeout=`. It
            bounds each attempt, not the call: with the defaults, a call to a server that
            accepts connections but never answers raises `APITimeoutError` after at most
            3 attempts of 30 s and 1.5 s of backoff, 91.5 s.
        max_retries: Retries of a failed request (connection errors, 408, 429, 5xx).
        backoff: The wait between retries (capped exponential with jitter).
        on_retry: Called with a `RetryEvent` before each retry.
        default_headers: Headers sent with every request.
        stream_idle_timeout: Seconds without a byte (not even a heartbeat) before an event
            stream reconnects.
        stream_max_reconnects: Consecutive failed reconnects before an event stream raises
            `EventStreamError`.
        transport: The httpx transport beneath the retrying one (sync). By default the sync
            client sends through the standard library's `http.client` (HTTP/1.1, keep-alive),
            which costs a fraction of httpx's own per request; pass `httpx.HTTPTransport(...)`
            for a proxy, HTTP/2 or other TLS settings.
        async_transport: The transport beneath the retrying one (async). By default the
            async client sends through aiohttp (httpx-aiohttp's transport), which keeps up
            with many requests in flight; pass `httpx.AsyncHTTPTransport()` for httpx's own.
        http_client: Your own `httpx.Client`, used as it is (give it a `RetryTransport` to
            keep retries); the client adds its key, base URL and hooks.
        async_http_client: The same, for async calls.

    Raises:
        OpenTasksError: No API key was given or found in the environment.
        TypeError: `api_key` or `base_url` is not a string.
        ValueError: The base URL (given or from `OPENTASKS_BASE_URL`) is not an http:// or
            https:// URL with a host.
    """
