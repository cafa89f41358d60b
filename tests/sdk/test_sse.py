"""Event parsing and the bookkeeping of a resumable stream, without I/O."""

from __future__ import annotations

import json

import pytest
from opentasks import Event, EventStreamError, EventType
from opentasks._sse import StreamState, event_sequence, parse_event

from tests.sdk.samples import event_json


def event(number: int, type_: str = "chunk", **data: object) -> Event:
    """An event parsed from server-shaped JSON."""
    return parse_event(json.dumps(event_json(number, type_, **data)))


def test_parse_event_types_known_and_unknown() -> None:
    """A known type is an EventType member; an unknown one stays a plain string."""
    known = event(1, "task_updated")
    unknown = event(2, "brand_new_kind")
    assert known.type is EventType.TASK_UPDATED
    assert unknown.type == "brand_new_kind"
    assert not isinstance(unknown.type, EventType)
    assert unknown.data == {}


def test_parse_event_rejects_garbage() -> None:
    """Data that is not an event raises EventStreamError."""
    with pytest.raises(EventStreamError):
        parse_event("not json")
    with pytest.raises(EventStreamError):
        parse_event('{"id": "evt_1"}')


@pytest.mark.parametrize(
    "raw",
    [
        event_json(7, "task_status_changed", **{"from": "running", "to": "paused"}),
        event_json(8, "brand_new_kind", anything=[1, {"nested": True}]),
        # Members beyond the schema's: built the generated way, the extras kept.
        {**event_json(9, "task_updated"), "trace": "abc"},
    ],
    ids=["known-type", "unknown-type", "extra-member"],
)
def test_parse_event_builds_what_the_generated_parser_builds(raw: dict[str, object]) -> None:
    """The fast path makes the same event as `Event.from_dict`, types and extras included."""
    parsed = parse_event(json.dumps(raw))
    expected = Event.from_dict(raw)
    assert parsed == expected
    assert type(parsed.type_) is type(expected.type_)
    assert parsed.additional_properties == expected.additional_properties


def test_parse_event_rejects_members_of_the_wrong_type() -> None:
    """`data` that is not an object, or a timestamp that is not one, is not an event."""
    with pytest.raises(EventStreamError):
        parse_event(json.dumps({**event_json(1), "data": [1, 2]}))
    with pytest.raises(EventStreamError):
        parse_event(json.dumps({**event_json(1), "created_at": "yesterday"}))


def test_event_sequence() -> None:
    """The number at the end of an id orders events."""
    assert event_sequence("evt_000000000042") == 42
    assert event_sequence("something") is None


@pytest.mark.parametrize(
    ("type_", "data", "terminal"),
    [
        ("task_finished", {"to": "completed"}, True),
        ("task_created", {"status": "completed"}, True),
        ("task_created", {"status": "failed"}, True),
        ("task_created", {"status": "pending"}, False),
        ("task_status_changed", {"to": "executing"}, False),
        ("chunk", {"status": "completed"}, False),
    ],
)
def test_terminal_events(type_: str, data: dict[str, object], terminal: bool) -> None:
    """A task's stream ends at task_finished, or at a task_created logged as finished."""
    assert event(1, type_, **data).is_terminal is terminal


def test_state_delivers_each_event_once_in_order() -> None:
    """Repeats and older events (a server replaying too much after a resume) are dropped."""
    state = StreamState()
    delivered = [e.id for e in map(event, [1, 2, 2, 1, 3, 3, 4]) if state.accept(e)]
    assert delivered == [
        "evt_000000000001",
        "evt_000000000002",
        "evt_000000000003",
        "evt_000000000004",
    ]
    assert state.last_event_id == "evt_000000000004"


def test_state_starts_after_the_given_cursor() -> None:
    """With `after`, nothing at or before it is delivered."""
    state = StreamState("evt_000000000005")
    assert not state.accept(event(5))
    assert not state.accept(event(3))
    assert state.accept(event(6))


def test_state_dedupes_ids_that_carry_no_number() -> None:
    """Ids without a sequence number are still remembered."""
    state = StreamState()
    raw = event_json(1)
    raw["id"] = "custom-a"
    first = parse_event(json.dumps(raw))
    assert state.accept(first)
    assert not state.accept(first)


def test_state_finishes_at_the_terminal_event_of_a_task_stream() -> None:
    """A task stream is over after its terminal event; a following stream is not."""
    task_stream = StreamState(stop_at_terminal=True)
    following = StreamState()
    finished = event(7, "task_finished", to="completed")
    assert task_stream.accept(finished)
    assert task_stream.finished
    assert not task_stream.accept(event(8))
    assert following.accept(finished)
    assert not following.finished


def test_resume_headers_carry_the_last_event_id() -> None:
    """A reconnect asks for an event stream after the last delivered event."""
    state = StreamState()
    assert "Last-Event-ID" not in state.resume_headers()
    state.accept(event(9))
    headers = state.resume_headers()
    assert headers["Accept"] == "text/event-stream"
    assert headers["Last-Event-ID"] == "evt_000000000009"


def test_event_str_is_readable() -> None:
    """`str(event)` shows id, type and data on one line."""
    assert str(event(1, "chunk", text="hi")) == 'evt_000000000001 chunk {"text": "hi"}'
