"""Raw responses: the HTTP answer behind an SDK call, next to the object it was parsed into.

`client.tasks.with_raw_response.get(task_id)` runs `client.tasks.get(task_id)` and returns a
`RawResponse` holding the task and the last HTTP response of the call (status, headers, request
id). The capture needs no change to the operations: the response hook notes every response of
an overlay call (`_context.note_response`), and `capture_responses` keeps the last one for the
duration of the wrapped call. The wrapper (`araw` in `_async/_raw.py`, `raw` its generated sync
twin) is typed from the method it wraps (`ParamSpec`), so its arguments and its parsed type are
exactly those of the method. The wrapper classes of the namespaces (`TasksWithRawResponse`, ...)
are generated from openapi.yaml into `_generated/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from ._exceptions import OpenTasksError

__all__ = ["RawResponse", "last_response"]

T = TypeVar("T")


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """The HTTP response of an SDK call and what the SDK made of it.

    Attributes:
        http_response: The last HTTP response of the call (after any retries); its body has
            been read.
        parsed: What the call itself returns (a `Task`, a `Session`, `None` for a delete, …).
    """

    http_response: httpx.Response
    parsed: T

    @property
    def status_code(self) -> int:
        """The HTTP status code (e.g. `201` for a create)."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (`ETag`, `X-Request-Id`, `Idempotent-Replayed`, …)."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's id of the request (`X-Request-Id`), to quote in a support request."""
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def http_request(self) -> httpx.Request:
        """The HTTP request that got this response."""
        return self.http_response.request

    def parse(self) -> T:
        """Return the parsed object, as the call without `with_raw_response` does.

        Returns:
            `parsed`.
        """
        return self.parsed


def last_response(seen: list[httpx.Response]) -> httpx.Response:
    """The last response a wrapped call noted (see `capture_responses`)."""
    if not seen:  # every wrapped method sends a request; this guards a broken promise
        msg = "the call returned without an HTTP response to show"
        raise OpenTasksError(msg)
    return seen[-1]
