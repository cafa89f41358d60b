"""The SSE framing of events and heartbeats, byte for byte."""

from __future__ import annotations

import json

import pytest
from opentasks_server import sse


def test_event_frame_has_id_event_and_data_lines() -> None:
    """Encodes an event as `id:`, `event:` and `data:` lines closed by a blank line."""
    frame = sse.encode_event(event_id="evt_000000000007", event_type="chunk", data='{"a":1}')
    assert frame == b'id: evt_000000000007\nevent: chunk\ndata: {"a":1}\n\n'


def test_multiline_data_becomes_several_data_lines() -> None:
    """Splits data at CR, LF and CRLF only, one `data:` line each."""
    frame = sse.encode_event(event_id="evt_1", event_type="log", data="a\nb\r\nc\rd")
    assert frame == b"id: evt_1\nevent: log\ndata: a\ndata: b\ndata: c\ndata: d\n\n"


def test_unicode_line_separators_stay_on_one_line() -> None:
    """Keeps U+2028 inside a `data:` line, since SSE does not break lines there."""
    text = sse.encode_json({"text": "a\u2028b\u0085c"})
    frame = sse.encode_event(event_id="evt_1", event_type="chunk", data=text)
    assert frame.count(b"data: ") == 1
    data_line = frame.decode().split("\n")[2]
    assert json.loads(data_line.removeprefix("data: ")) == {"text": "a\u2028b\u0085c"}


def test_json_data_is_compact_and_single_line() -> None:
    """Serialises JSON without spaces or raw line breaks, keeping non-ASCII text."""
    text = sse.encode_json({"text": "line one\nline two", "name": "Zoë"})
    assert text == '{"text":"line one\\nline two","name":"Zoë"}'


@pytest.mark.parametrize(("event_id", "event_type"), [("evt\n1", "chunk"), ("evt_1", "chunk\r")])
def test_line_breaks_in_id_or_type_are_refused(event_id: str, event_type: str) -> None:
    """Refuses an id or type that would end its line early and inject another field."""
    with pytest.raises(ValueError, match="line break"):
        sse.encode_event(event_id=event_id, event_type=event_type, data="{}")


def test_heartbeat_is_a_comment() -> None:
    """Sends `: ping` as the heartbeat, a comment line with no blank line after it."""
    assert sse.heartbeat() == b": ping\n"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, False),
        ("", False),
        ("*/*", False),
        ("application/json", False),
        ("text/event-stream", True),
        ("Text/Event-Stream", True),
        ("application/json, text/event-stream", True),
        ("text/event-stream;q=0.5, application/json", True),
        ("text/event-stream; q=0", False),
        ("text/event-stream;q=oops", True),
        ("text/*", False),
    ],
)
def test_accept_header_negotiation(accept: str | None, expected: bool) -> None:
    """Streams only when `Accept` names text/event-stream with a non-zero quality."""
    assert sse.wants_event_stream(accept) is expected
