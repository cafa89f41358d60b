"""Server-Sent Events framing: pure functions from events to the bytes of the wire format.

A frame is a block of `field: value` lines closed by a blank line (the WHATWG HTML "server-sent
events" section). The server writes three fields per event, in this order, and a lone comment
line as a heartbeat while idle::

    id: evt_000000000042
    event: task_status_changed
    data: {"id":"evt_000000000042","type":"task_status_changed",...}

    : ping

Nothing here does I/O, so the framing is tested on its own and reused by every stream.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "MEDIA_TYPE",
    "encode_event",
    "encode_json",
    "heartbeat",
    "wants_event_stream",
]

MEDIA_TYPE = "text/event-stream"
"""The media type of an event stream."""

# A comment line without the blank line that ends a frame. Per the spec a blank line after a
# comment dispatches nothing, but clients that remember the last event id dispatch an empty
# "message" event there (httpx-sse 0.4.3, florimondmanca/httpx-sse#35); a lone comment line is
# skipped by every decoder and still keeps the connection busy.
_HEARTBEAT = b": ping\n"
# SSE ends a line at CRLF, LF or CR and nowhere else; `str.splitlines` would also split at
# U+2028 and friends, which JSON keeps raw, and the client would rejoin them as LF.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _check_single_line(name: str, value: str) -> None:
    # A CR or LF inside `id:` or `event:` would end the field early and let the rest of the value
    # be read as another field: refuse it rather than send a frame that parses differently.
    if "\n" in value or "\r" in value:
        msg = f"an SSE {name} field cannot contain a line break: {value!r}"
        raise ValueError(msg)


def encode_json(payload: Mapping[str, Any]) -> str:
    """Serialise a JSON object compactly, on one line, as an event's `data:` value.

    `json.dumps` escapes the control characters a JSON string may hold, so the text never
    contains a raw line break and fits on a single `data:` line.

    Args:
        payload: The JSON object.

    Returns:
        The JSON text, without spaces after separators and with non-ASCII characters kept.
    """
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def encode_event(*, event_id: str, event_type: str, data: str) -> bytes:
    """Encode one event as an SSE frame with `id:`, `event:` and `data:` lines.

    Args:
        event_id: The event's id; a client sends it back as `Last-Event-ID` to resume.
        event_type: The event's type, which the client sees as the SSE event name.
        data: The frame's data; every line of it becomes its own `data:` line, so a client
            joins them back with line feeds and reads the same text.

    Returns:
        The UTF-8 bytes of the frame, blank line included.

    Raises:
        ValueError: If `event_id` or `event_type` contains a line break.
    """
    _check_single_line("id", event_id)
    _check_single_line("event", event_type)
    lines = [f"id: {event_id}", f"event: {event_type}"]
    lines.extend(f"data: {line}" for line in _LINE_BREAK.split(data))
    return ("\n".join(lines) + "\n\n").encode()


def heartbeat() -> bytes:
    """Return the heartbeat, the comment line `: ping`.

    Proxies and load balancers close connections that stay silent for long; a comment every
    heartbeat interval keeps the stream open without giving the client an event.

    Returns:
        The bytes of the heartbeat line.
    """
    return _HEARTBEAT


def wants_event_stream(accept: str | None) -> bool:
    """Tell whether a request's `Accept` header asks for an event stream.

    The events endpoints answer a stream only when the client names `text/event-stream` (with a
    non-zero quality); no `Accept`, `*/*`, `application/json` or anything else gets a JSON page,
    so a plain HTTP client or a browser tab never hangs on an endless response.

    Args:
        accept: The `Accept` header, or `None` when absent.

    Returns:
        Whether to answer `text/event-stream`.
    """
    if not accept:
        return False
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        if media_type.lower() != MEDIA_TYPE:
            continue
        quality = next((p.partition("=")[2] for p in params if p.lower().startswith("q=")), "1")
        try:
            if float(quality) > 0:
                return True
        except ValueError:
            return True  # a malformed quality is ignored, as if absent
    return False
