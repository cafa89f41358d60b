"""A server that answers every request at once from canned data: the clients' own ceiling.

`python -m benchmarks.canned_server MATERIAL_FILE EVENTS` answers from MATERIAL_FILE, JSON of
`{"task": <a task>, "events": [<task_created>, <chunk>, <task_finished>]}` as the reference
server serialised them:

- a GET of a path ending in `/events` gets a `text/event-stream` of `task_created`, EVENTS
  `chunk` events (the chunk renumbered `evt_000000000002`, ...) and `task_finished`, written at
  once, so the stream is as fast as the client can read it;
- any other GET gets `200` with the task, any other method `201` with the task, with the headers
  the reference server sends.

It does no routing, no auth and no I/O beyond the socket, at a few microseconds a request, so a
client measured against it is measured almost alone: the per-call, fan-out and stream
comparisons run against it too, beside the reference server, to show what each client stack
costs when the server is not the bottleneck.

Like `_serve.py`, it binds a free loopback port itself and prints the port first.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from pathlib import Path

__all__ = ["event_stream", "main"]

_END_OF_HEAD = b"\r\n\r\n"


def _response(status: bytes, body: bytes, content_type: bytes = b"application/json") -> bytes:
    head = (
        b"HTTP/1.1 " + status + b"\r\n"
        b"content-type: " + content_type + b"\r\n"
        b'etag: "1"\r\n'
        b"x-request-id: req_canned\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    return head + body


def _frame(event: dict[str, object]) -> bytes:
    data = json.dumps(event, separators=(",", ":"))
    return f"id: {event['id']}\nevent: {event['type']}\ndata: {data}\n\n".encode()


def event_stream(events: list[dict[str, object]], count: int) -> bytes:
    """Render the canned stream: `task_created`, `count` chunks, then `task_finished`.

    Args:
        events: The three template events, in that order.
        count: How many chunk events.

    Returns:
        The stream's bytes; ids count up from `evt_000000000001`.
    """
    created, chunk, finished = events
    frames = [_frame({**created, "id": "evt_000000000001"})]
    frames += [_frame({**chunk, "id": f"evt_{n:012d}"}) for n in range(2, count + 2)]
    frames.append(_frame({**finished, "id": f"evt_{count + 2:012d}"}))
    return b"".join(frames)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


class _Canned(asyncio.Protocol):
    """HTTP/1.1 with keep-alive: one canned answer per request, in order."""

    def __init__(self, ok: bytes, created: bytes, stream: bytes) -> None:
        self._ok = ok
        self._created = created
        self._stream = stream
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(_END_OF_HEAD)
            if end < 0:
                return
            head = bytes(self._buffer[:end])
            total = end + len(_END_OF_HEAD) + _content_length(head)
            if len(self._buffer) < total:
                return  # the body is still coming
            del self._buffer[:total]
            assert self._transport is not None
            if not head.startswith(b"GET "):
                self._transport.write(self._created)
            elif b"/events" in head.split(b" ", 2)[1]:
                self._transport.write(self._stream)
            else:
                self._transport.write(self._ok)


async def _serve(sock: socket.socket, material: dict[str, object], count: int) -> None:
    body = json.dumps(material["task"]).encode()
    ok = _response(b"200 OK", body)
    created = _response(b"201 Created", body)
    events = material["events"]
    assert isinstance(events, list)
    stream = _response(b"200 OK", event_stream(events, count), b"text/event-stream")
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Canned(ok, created, stream), sock=sock)
    async with server:
        await server.serve_forever()


def main(argv: list[str]) -> int:
    """Serve until terminated.

    Args:
        argv: `[MATERIAL_FILE, EVENTS]`.

    Returns:
        The exit status.
    """
    material = json.loads(Path(argv[0]).read_text())
    count = int(argv[1])
    # IPPROTO_TCP spelled out so asyncio sets TCP_NODELAY on accepted sockets (see _serve.py).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    asyncio.run(_serve(sock, material, count))  # until SIGTERM ends the process
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
