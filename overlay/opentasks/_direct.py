"""Requests of the generated functions sent straight to the default transports.

Every generated function sends through `client.request(method, url, params=, json=, headers=)`
of the pool's httpx client. On a fast server, building httpx's `Request` (its URL parsed twice,
once more to join the base URL), passing it down the client's layers and building its
`Response` around a byte stream costs several times what the default transports spend moving
the bytes. So when the pool's client is as the pool built it (its retrying transport over the
default transport, no auth, no cookies, no proxy, no hooks but its own), such a request skips
httpx's machinery:

- the URL is the base URL and the generated path joined as text; the headers are the client's
  with the request's on top, a JSON body encoded as httpx encodes it (`RequestPlan`);
- the retry transport's loop (`_retrying`: the policy of the current call, the
  `Idempotency-Key` shared by the attempts, `Retry-After`, logging) and the call's timeout apply
  as on httpx's path, and the client's response hooks run on the answer;
- the answer comes back read in full as a `DirectResponse`, an `httpx.Response` whose `request`
  (the `httpx.Request` httpx would have sent) is built only when something asks for it: an
  error, a retry, a debug log line.

Anything else (streams, a caller's own client or transport, a changed client) goes through
httpx, unchanged.
"""

from __future__ import annotations

import datetime
import itertools
import json
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from typing import Any

import httpx

from ._context import current_call
from ._retry import RetryPolicy
from ._transport import IDEMPOTENCY_HEADER, KEYED_METHODS

__all__ = ["AnswerHeaders", "ClientShape", "DirectResponse", "RequestPlan", "answer"]

# The keyword arguments the generated functions pass to `request()`: a call with any other
# (content, files, cookies, auth, a timeout of its own, ...) is left to httpx.
_DIRECT_ARGUMENTS = frozenset({"params", "json", "headers"})
# httpx sends `Content-Length: 0` for these when they have no body.
_EMPTY_BODY_LENGTH = frozenset({"POST", "PUT", "PATCH"})
_IDEMPOTENCY = IDEMPOTENCY_HEADER.lower()
_HTTP_1_1 = b"HTTP/1.1"


@dataclass(slots=True)
class RequestPlan:
    """One request as the direct path sends it, and the `httpx.Request` it stands for.

    Attributes:
        method: The method, upper case.
        url: The absolute URL.
        base: The client's base URL, taken apart (its origin and `Host` header).
        target: The path and query, as sent on the request line.
        headers: Every header but `Host`, by lower-case name.
        body: The body, or `None`.
        timeout: The timeout of the call.
        policy: The retry policy of the call.
    """

    method: str
    url: str
    base: Base
    target: str
    headers: dict[str, str]
    body: bytes | None
    timeout: httpx.Timeout
    policy: RetryPolicy
    _request: httpx.Request | None = field(default=None, init=False, repr=False)

    def httpx_request(self) -> httpx.Request:
        """Return the `httpx.Request` of this request (the same object on every call)."""
        if self._request is None:
            self._request = httpx.Request(
                self.method,
                self.url,
                headers=self.headers,
                content=self.body,
                extensions={"timeout": self.timeout.as_dict()},
            )
        return self._request


class AnswerHeaders(httpx.Headers):
    """The headers of an answer: an `httpx.Headers` built from the pairs as received.

    httpx's constructor passes every name and value through two normalising calls, and its
    `in` and `get` go through `MutableMapping`, which raises and catches a `KeyError` for each
    name that is absent; an answer's headers are looked up several times per call (its
    encoding, cookies, the `ETag`, the request id). Lookups here read httpx's own list of
    `(name, lower-case name, value)` directly and answer as httpx's do; changes (set, delete,
    update) are httpx's, on that same list.

    Args:
        raw: The `(name, value)` pairs, as bytes, in the order received.
    """

    def __init__(self, raw: Iterable[tuple[bytes, bytes]]) -> None:
        # httpx.Headers.__init__ is skipped: it would normalise bytes that need none.
        pairs = list(raw)
        self._list = [(name, name.lower(), value) for name, value in pairs]
        # What httpx's `encoding` would find on first use, found at C speed: ASCII when every
        # byte is; otherwise left to httpx (UTF-8 or ISO-8859-1).
        ascii_only = b"".join(itertools.chain.from_iterable(pairs)).isascii()
        self._encoding = "ascii" if ascii_only else None

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - httpx's signature
        """Return a header's value, or `default` if the answer has no such header."""
        encoding = self.encoding
        wanted = key.lower().encode(encoding)
        values = [value.decode(encoding) for _, name, value in self._list if name == wanted]
        return ", ".join(values) if values else default

    def __contains__(self, key: object) -> bool:
        """Tell whether the answer has a header of this name."""
        if not isinstance(key, str):
            return super().__contains__(key)
        wanted = key.lower().encode(self.encoding)
        return any(name == wanted for _, name, _ in self._list)


class DirectResponse(httpx.Response):
    """An `httpx.Response` of an answer read in full, its request built on first use.

    Args:
        plan: The request it answers.
        status_code: The status.
        headers: The headers, as received.
        content: The body.
        reason: The reason phrase.
        elapsed: Seconds from sending to the end of the body.
    """

    def __init__(
        self,
        plan: RequestPlan,
        status_code: int,
        headers: httpx.Headers,
        content: bytes,
        reason: bytes,
        elapsed: float,
    ) -> None:
        # httpx's __init__ is skipped: it would wrap the body in a stream and read it again.
        self.status_code = status_code
        self.headers = headers
        self._plan = plan
        self._request = None
        self.next_request = None
        self.extensions = {"http_version": _HTTP_1_1, "reason_phrase": reason}
        self.history = []
        self.is_closed = True
        self.is_stream_consumed = True
        self.default_encoding = "utf-8"
        self.stream = httpx.ByteStream(content)
        self._content = content
        self._num_bytes_downloaded = len(content)
        self._elapsed = datetime.timedelta(seconds=elapsed)

    @property
    def request(self) -> httpx.Request:
        """The request this response answers."""
        if self._request is None:
            self._request = self._plan.httpx_request()
        return self._request

    @request.setter
    def request(self, value: httpx.Request) -> None:
        self._request = value


def answer(
    plan: RequestPlan,
    status_code: int,
    raw_headers: Iterable[tuple[bytes, bytes]],
    content: bytes,
    reason_phrase: str,
    started: float,
) -> httpx.Response:
    """Build the response of an answer read in full (decoded, if the server compressed it)."""
    elapsed = time.monotonic() - started
    headers = AnswerHeaders(raw_headers)
    reason = reason_phrase.encode("ascii", "replace")
    if "content-encoding" not in headers:
        return DirectResponse(plan, status_code, headers, content, reason, elapsed)
    # Rare (the API never compresses its answers): httpx decodes it as on its own path.
    response = httpx.Response(
        status_code,
        headers=headers,
        stream=httpx.ByteStream(content),
        request=plan.httpx_request(),
        extensions={"http_version": _HTTP_1_1, "reason_phrase": reason},
    )
    response.read()
    response.elapsed = datetime.timedelta(seconds=elapsed)
    return response


class ClientShape:
    """What the direct path needs from an httpx client, cached while the client is unchanged.

    Args:
        client: The pool's httpx client, as the pool built it.
        request_hook: The pool's request hook (it applies the call's timeout, which the direct
            path does itself); a client with other request hooks is left to httpx.
    """

    def __init__(self, client: httpx.Client | httpx.AsyncClient, request_hook: object) -> None:
        self._request_hooks = [request_hook]
        self._raw_headers: list[tuple[bytes, bytes, bytes]] = []
        self._headers: dict[str, str] = {}
        self._base_url: httpx.URL | None = None
        self._base = Base(httpx.URL("http://localhost/"))
        # Proxies from the environment become mounts when the client is built; those
        # requests must go through the proxy transport.
        self._usable = not getattr(client, "_mounts", None)

    def accepts(
        self, client: httpx.Client | httpx.AsyncClient, arguments: Mapping[str, Any]
    ) -> bool:
        """Tell whether the client is still as the pool built it, and the request a plain one.

        Args:
            client: The client.
            arguments: The keyword arguments of its `request()`.
        """
        return (
            arguments.keys() <= _DIRECT_ARGUMENTS
            and self._usable
            and self._base_of(client).usable
            and client.auth is None
            and not client.follow_redirects
            and not client.params
            and _no_cookies(client.cookies.jar)
            and client.event_hooks["request"] == self._request_hooks
        )

    def plan(
        self,
        client: httpx.Client | httpx.AsyncClient,
        policy: RetryPolicy,
        method: str,
        url: str,
        arguments: Mapping[str, Any],
    ) -> RequestPlan:
        """Turn a generated function's request into the plan the direct path sends.

        Args:
            client: The client (its base URL, headers and timeout).
            policy: The retry transport's policy, for a call that brings none of its own.
            method: The method.
            url: The path, relative to the base URL (the generated functions quote its
                parameters).
            arguments: `params`, `json` and `headers`, as the generated function passed them.

        Returns:
            The plan.

        Raises:
            ValueError: The JSON body holds a value JSON cannot carry (NaN, infinity).
            TypeError: The JSON body holds a value that is not JSON.
        """
        method = method.upper()
        base = self._base_of(client)
        relative = url.lstrip("/")
        call = current_call()
        params = arguments.get("params")
        if call is not None and call.extra_query:
            # As the pool's request hook merges them into the URL of the generated request.
            params = httpx.QueryParams(params).merge(dict(call.extra_query))
        query = f"?{httpx.QueryParams(params)}" if params else ""
        # Names in lower case (HTTP's are case-insensitive), so that each layer replaces the one
        # before it as httpx's headers do: the client's, the request's, the body's, the call's.
        headers = self._headers_of(client)
        given = arguments.get("headers")
        if given:
            headers.update((name.lower(), value) for name, value in given.items())
        body: bytes | None = None
        payload = arguments.get("json")
        if payload is not None:
            # As httpx encodes it.
            body = json.dumps(
                payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
            ).encode("utf-8")
            headers["content-length"] = str(len(body))
            headers["content-type"] = "application/json"
        elif method in _EMPTY_BODY_LENGTH:
            headers["content-length"] = "0"
        if call is not None and call.extra_headers:
            headers.update((name.lower(), value) for name, value in call.extra_headers.items())
        if method in KEYED_METHODS and _IDEMPOTENCY not in headers:
            headers[_IDEMPOTENCY] = str(uuid.uuid4())
        timeout = client.timeout
        if call is not None:
            if call.timeout is not None:
                timeout = call.timeout
            if call.retry is not None:
                policy = call.retry
        return RequestPlan(
            method,
            f"{base.prefix}{relative}{query}",
            base,
            f"{base.path}{relative}{query}",
            headers,
            body,
            timeout,
            policy,
        )

    def _headers_of(self, client: httpx.Client | httpx.AsyncClient) -> dict[str, str]:
        # A new dict of the client's headers by lower-case name, for others to go on top.
        # httpx's own list of (name, lower-case name, value): compared as it is, not copied.
        raw: list[tuple[bytes, bytes, bytes]] = client.headers._list
        if raw != self._raw_headers:
            self._raw_headers = list(raw)
            # httpx joins repeated names with a comma, as it would send them.
            self._headers = {name.lower(): value for name, value in client.headers.items()}
        return dict(self._headers)

    def _base_of(self, client: httpx.Client | httpx.AsyncClient) -> Base:
        url = client.base_url
        if url is not self._base_url:
            self._base_url = url
            self._base = Base(url)
        return self._base


def _no_cookies(jar: CookieJar) -> bool:
    # `len()` of a cookie jar walks every cookie through a generator; its domain table is
    # empty when it holds none (a jar emptied cookie by cookie may keep empty tables: then the
    # request takes httpx's path, which is always right).
    table = getattr(jar, "_cookies", None)
    return not table if isinstance(table, dict) else not jar


class Base:
    """A client's base URL, taken apart once.

    Args:
        url: The base URL (httpx gives it a trailing slash when a client's is set).
    """

    def __init__(self, url: httpx.URL) -> None:
        self.path = url.raw_path.decode("ascii")
        default_port = 443 if url.scheme == "https" else 80
        self.origin = (url.scheme, url.host, url.port or default_port)
        self.host = url.netloc.decode("ascii")
        # Spelt out: `str()` of a URL whose path is `/` leaves the slash out.
        self.prefix = f"{url.scheme}://{self.host}{self.path}"
        # Credentials in the URL are httpx's business (they become an auth header).
        self.usable = url.scheme in ("http", "https") and not url.userinfo
