"""Events and the bookkeeping of a resumable event stream, without I/O.

`FrameDecoder` splits the byte stream into Server-Sent Events frames and takes out their data;
this module turns that data into an `Event` and decides, per event, whether to deliver it (not
seen before), where to resume after a reconnect (`Last-Event-ID`) and whether the stream is over
(the task's terminal event). `_streaming.py` does the connecting and reconnecting around it.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import deque
from collections.abc import Callable
from typing import Any, cast

from opentasks_api.models import Event as _GeneratedEvent
from opentasks_api.models import EventType

from ._exceptions import EventStreamError
from ._statuses import TERMINAL_TASK_STATUSES

__all__ = ["Event", "FrameDecoder", "StreamState", "event_sequence", "parse_event"]


_SEQUENCE = re.compile(r"(\d+)$")
_REMEMBERED = 4096
# An event with exactly these members, as the server sends them, is built without the generated
# `from_dict` (which copies the dict, defines a parser per field and tries the enum in a
# try/except): a stream spends most of its client time building events.
_FIELDS = frozenset({"id", "type", "task_id", "execution_id", "session_id", "data", "created_at"})
_EVENT_TYPES: dict[str, EventType | str] = {member.value: member for member in EventType}


class Event(_GeneratedEvent):
    """One entry of the event log: what happened, to what, and when.

    All fields come from the `Event` schema of the spec (`id`, `type_`, `task_id`,
    `execution_id`, `session_id`, `data`, `created_at`). `type` is the same as `type_`: an
    `EventType` member, or a plain string for a type this SDK version does not know (a worker's
    own event type, or one added to the API later).
    """

    __slots__ = ()

    @property
    def type(self) -> EventType | str:
        """The event's type (an alias of `type_`)."""
        return self.type_

    @property
    def is_terminal(self) -> bool:
        """Whether this event ends its task's stream.

        That is `task_finished`, or `task_created` for a task logged directly in a terminal
        status (phospho-style logging of a finished interaction).
        """
        # `EventType` is a `StrEnum`: a member equals its value, as a plain string type does.
        kind = self.type_
        if kind == "task_finished":
            return True
        if kind == "task_created":
            return self.data.get("status") in TERMINAL_TASK_STATUSES
        return False

    def __str__(self) -> str:
        kind = self.type_.value if isinstance(self.type_, EventType) else self.type_
        return f"{self.id} {kind} {json.dumps(self.data, default=str)}"


class FrameDecoder:
    """Takes the data of each event out of an event stream's bytes, chunk by chunk.

    The SDK reads only an event's data (the JSON of the event, its id included), so the other
    fields of a frame (`id:`, `event:`, `retry:`) and comments are skipped, and a frame without
    data yields nothing. Lines end in LF, CRLF or CR, as the SSE format allows; the data of a
    frame of several `data:` lines is their values joined by LF.
    """

    def __init__(self) -> None:
        self._rest = b""
        # The last chunk ended in CR: an LF starting the next one is the second half of a CRLF.
        self._after_cr = False

    def feed(self, chunk: bytes) -> list[bytes]:
        """Decode a chunk of the stream.

        Args:
            chunk: The next bytes, as they arrived.

        Returns:
            The data of every frame this chunk completes, in order.
        """
        if self._after_cr:
            self._after_cr = False
            if chunk.startswith(b"\n"):
                chunk = chunk[1:]
        text = self._rest + chunk if self._rest else chunk
        if b"\r" in text:
            self._after_cr = text.endswith(b"\r")
            text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        frames = text.split(b"\n\n")
        self._rest = frames.pop()
        found: list[bytes] = []
        for frame in frames:
            # The server's frames: `id:` and `event:` lines, then one `data:` line.
            head, data_line, value = frame.rpartition(b"\ndata: ")
            if data_line and b"\n" not in value and b"data" not in head:
                found.append(value)
                continue
            # One space after the colon is part of the syntax, not of the value.
            data = [
                value.removeprefix(b" ")
                for field, _, value in (line.partition(b":") for line in frame.split(b"\n"))
                if field == b"data"
            ]
            if data:
                found.append(b"\n".join(data))
        return found


def parse_event(data: str | bytes) -> Event:
    """Parse the data of one SSE frame into an `Event`.

    Args:
        data: The frame's data, the event as JSON.

    Returns:
        The event; an unknown `type` stays a plain string.

    Raises:
        EventStreamError: The data is not an event.
    """
    try:
        raw = cast("dict[str, Any]", _loads(data))
        if type(raw) is dict and raw.keys() == _FIELDS:
            fast = _build_event(raw)
            if fast is not None:
                return fast
        return Event.from_dict(raw)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        msg = f"the server sent an event that is not valid: {data[:200]!r}"
        raise EventStreamError(msg) from error


# The decoder's scanner (C) reads one JSON value at an index; typeshed does not declare it.
_scan: Callable[[str, int], tuple[object, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009


def _loads(data: str | bytes) -> object:
    """`json.loads`, without its layers of argument checks for a well-formed JSON object."""
    text = data.decode() if isinstance(data, bytes) else data
    if text.startswith("{"):
        try:
            value, end = _scan(text, 0)
        except StopIteration:
            pass
        else:
            if end == len(text):
                return value
    # Anything else (whitespace around it, trailing text, not JSON) the usual way, which
    # accepts what JSON allows and reports the rest.
    return json.loads(text)


def _build_event(raw: dict[str, Any]) -> Event | None:
    """Build an event from a dict with exactly the schema's members, or `None` to fall back.

    It makes the same object `Event.from_dict` makes; anything of an unexpected type goes the
    generated way, which reports it.
    """
    kind, payload, stamp = raw["type"], raw["data"], raw["created_at"]
    if type(kind) is not str or type(payload) is not dict or type(stamp) is not str:
        return None
    return Event(
        id=raw["id"],
        type_=_EVENT_TYPES.get(kind, kind),
        task_id=raw["task_id"],
        execution_id=raw["execution_id"],
        session_id=raw["session_id"],
        data=cast("dict[str, Any]", payload),
        created_at=datetime.datetime.fromisoformat(stamp),
    )


def event_sequence(event_id: str) -> int | None:
    """Return the sequence number at the end of an event id (`evt_000000000042` → 42).

    Args:
        event_id: The event id.

    Returns:
        The number, or `None` when the id does not end in digits.
    """
    # The server's ids (`evt_` and digits) without the regular expression, once per event.
    if event_id.startswith("evt_") and event_id[4:].isascii() and event_id[4:].isdigit():
        return int(event_id[4:])
    match = _SEQUENCE.search(event_id)
    return int(match.group(1)) if match else None


class StreamState:
    """Where a stream is: the last event delivered, what was seen, and whether it is over.

    Event ids increase strictly within a project, so an event at or before the last delivered
    one is a repeat (a server that replays a little too much after a reconnect); ids that are
    not numbered are remembered instead (the last `_REMEMBERED` of them).

    Args:
        last_event_id: Resume after this event (`after=`), or `None` to start from the
            beginning.
        stop_at_terminal: End after the task's terminal event (a task stream without
            `follow`).
    """

    def __init__(self, last_event_id: str | None = None, *, stop_at_terminal: bool = False) -> None:
        self.last_event_id = last_event_id
        self.stop_at_terminal = stop_at_terminal
        self.finished = False
        self._last_sequence = event_sequence(last_event_id) if last_event_id else None
        self._seen: deque[str] = deque(maxlen=_REMEMBERED)
        self._seen_set: set[str] = set()

    def accept(self, event: Event) -> bool:
        """Record an event and tell whether to deliver it.

        Args:
            event: An event that arrived on the stream.

        Returns:
            `True` the first time an event arrives, `False` for a repeat.
        """
        if self.finished:
            return False
        sequence = event_sequence(event.id)
        if sequence is not None:
            # Numbered ids only increase, so the comparison alone finds every repeat.
            if self._last_sequence is not None and sequence <= self._last_sequence:
                return False
            self._last_sequence = sequence
        else:
            if event.id in self._seen_set:
                return False
            if len(self._seen) == self._seen.maxlen:
                self._seen_set.discard(self._seen[0])
            self._seen.append(event.id)
            self._seen_set.add(event.id)
        self.last_event_id = event.id
        if self.stop_at_terminal and event.is_terminal:
            self.finished = True
        return True

    def resume_headers(self) -> dict[str, str]:
        """Return the headers that resume the stream where it left off.

        Returns:
            `Accept: text/event-stream`, plus `Last-Event-ID` once an event was delivered.
        """
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        return headers
