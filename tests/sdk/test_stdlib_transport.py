"""The sync client's default transport (`http.client` beneath httpx) on real sockets.

The same faults as the async transport's tests, plus what a keep-alive pool must get right:
reusing a connection, dropping one the server closed while it sat idle, request bodies of unknown
length, and answers without a body. The happy paths (JSON calls, event streams, 204s) run in every
end-to-end test of the SDK, which use this transport.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from opentasks import APIConnectionError, APITimeoutError, Client
from opentasks._stdlib_transport import SyncDefaultTransport
from opentasks.testing import LocalServer

from tests.sdk.scripted import (
    KEY,
    Behaviour,
    answer,
    cut_body,
    free_port,
    hang_up,
    keep_alive,
    read_request,
    scripted,
    stall,
)


def _client(**options: object) -> httpx.Client:
    return httpx.Client(transport=SyncDefaultTransport(), **options)  # type: ignore[arg-type]


def test_a_refused_connection_is_a_connect_error() -> None:
    """Nothing listens on the port: `ConnectError`, which the policy retries."""
    with _client() as client, pytest.raises(httpx.ConnectError):
        client.get(f"http://127.0.0.1:{free_port()}/")


def test_a_hang_up_before_the_answer_is_a_remote_protocol_error() -> None:
    """The server reads the request and closes: `RemoteProtocolError`, as with httpx's own."""
    with scripted(hang_up) as server, _client() as client, pytest.raises(httpx.RemoteProtocolError):
        client.get(server.url)


def test_a_stalled_answer_is_a_read_timeout() -> None:
    """No answer within the read timeout: `ReadTimeout`."""
    with (
        scripted(stall) as server,
        _client(timeout=0.3) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        client.get(server.url)


def test_a_body_cut_short_is_a_remote_protocol_error_when_read() -> None:
    """Headers promise 100 bytes, 10 arrive: reading the body raises `RemoteProtocolError`."""
    with (
        scripted(cut_body) as server,
        _client() as client,
        client.stream("GET", server.url) as response,
    ):
        assert response.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            response.read()


def test_kept_alive_connections_are_reused() -> None:
    """Sequential requests to one origin share one connection."""
    with scripted(keep_alive) as server, _client() as client:
        for _ in range(5):
            assert client.get(server.url).json() == {"ok": True}
    assert server.connections == 1


def answer_then_close_soon(conn: socket.socket) -> None:
    """Answer one request with keep-alive, then close the connection while it sits idle."""
    answer(conn)
    time.sleep(0.05)


def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    """The pool notices the server's close before sending, and connects again, with no error."""
    with scripted(answer_then_close_soon) as server, _client() as client:
        assert client.get(server.url).json() == {"ok": True}
        time.sleep(0.3)  # the server has closed the first connection by now
        assert client.get(server.url).json() == {"ok": True}
    assert server.connections == 2


def echo_chunked(conn: socket.socket) -> None:
    """Read a chunked request body and answer with what arrived, in a chunked answer."""
    data = b""
    while b"0\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head.lower()
    payload = b""
    while True:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        payload, body = payload + body[:size], body[size + 2 :]
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (payload[:3], payload[3:]))
        + b"0\r\n\r\n"
    )


def test_a_body_of_unknown_length_goes_chunked_and_a_chunked_answer_is_read() -> None:
    """A generator body is sent with chunked framing; a chunked answer is read whole."""

    def parts() -> Iterator[bytes]:
        yield b"hello, "
        yield b"world"

    with scripted(echo_chunked) as server, _client() as client:
        response = client.post(server.url, content=parts())
    assert response.content == b"hello, world"


def no_content(conn: socket.socket) -> None:
    """Answer 204 twice on one connection."""
    for _ in range(2):
        read_request(conn)
        conn.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")


def test_answers_without_a_body_leave_the_connection_reusable() -> None:
    """A 204 and a HEAD answer end at their headers, and the connection serves the next one."""
    with scripted(no_content) as server, _client() as client:
        assert client.delete(server.url).status_code == 204
        assert client.delete(server.url).status_code == 204
    assert server.connections == 1


def test_a_response_closed_early_closes_its_connection() -> None:
    """A body not read to its end (a stream left early) is never handed to the next request."""
    with scripted(keep_alive) as server, _client() as client:
        with client.stream("GET", server.url):
            pass
        assert client.get(server.url).json() == {"ok": True}
    assert server.connections == 2


def test_concurrent_threads_each_get_a_connection() -> None:
    """Threads sharing one client never share a connection mid-request."""
    results: list[object] = []
    with scripted(keep_alive) as server, _client() as client:

        def work() -> None:
            results.extend(client.get(server.url).json() for _ in range(20))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == [{"ok": True}] * 80
    assert server.connections <= 4


def test_other_schemes_are_refused() -> None:
    """Only http and https are spoken."""
    with _client() as client, pytest.raises(httpx.UnsupportedProtocol):
        client.get("ftp://127.0.0.1/")


@pytest.mark.parametrize("fault", [hang_up, cut_body], ids=["hang-up", "cut-body"])
def test_the_sdk_retries_dropped_answers_on_the_default_transport(fault: Behaviour) -> None:
    """A client built with no transport retries a lost answer and returns the next one."""
    with scripted(fault, answer) as server, Client(api_key=KEY, base_url=server.url) as client:
        response = client.api.get_httpx_client().get("/")
    assert response.json() == {"ok": True}
    assert server.connections == 2


def test_the_sdk_reports_a_stalled_server_as_a_timeout() -> None:
    """A read timeout reaches the caller as `APITimeoutError`."""
    with (
        scripted(stall) as server,
        Client(api_key=KEY, base_url=server.url, max_retries=0, timeout=0.3) as client,
        pytest.raises(APITimeoutError),
    ):
        client.tasks.get("task_x")


def test_the_sdk_reports_a_refused_connection_after_its_retries() -> None:
    """A refused connection reaches the caller as `APIConnectionError`, not as a timeout."""
    url = f"http://127.0.0.1:{free_port()}"
    with (
        Client(api_key=KEY, base_url=url, max_retries=1) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.tasks.get("task_x")
    assert not isinstance(caught.value, APITimeoutError)


def test_many_calls_on_the_reference_server_use_one_connection(
    opentasks_local_server: LocalServer,
) -> None:
    """Against the real server, a sequence of calls keeps one connection alive."""
    opened: list[object] = []

    class Counting(SyncDefaultTransport):
        def _connect(
            self, origin: tuple[str, str, int], timeout: float | None, request: httpx.Request
        ) -> http.client.HTTPConnection:
            connection = super()._connect(origin, timeout, request)
            opened.append(connection)
            return connection

    with opentasks_local_server.client(transport=Counting()) as client:
        task = client.tasks.create(agent_id="a", prompt="p")
        for _ in range(10):
            client.tasks.get(task.id)
        task.set_status("executing")
        task.metadata["step"] = 1
        task.save()
        list(client.tasks.list())
    assert len(opened) == 1


def test_cookies_a_server_sets_are_kept_and_sent_back() -> None:
    """The SDK skips the cookie jar only for answers that set no cookie."""
    seen: list[bytes] = []

    def set_then_expect(conn: socket.socket) -> None:
        for answer_head in (b"Set-Cookie: session=abc; Path=/\r\n", b""):
            seen.append(read_request(conn))
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + answer_head + b"Content-Length: 2\r\n\r\n{}")

    with scripted(set_then_expect) as server, Client(api_key=KEY, base_url=server.url) as client:
        http = client.api.get_httpx_client()
        http.get("/first")
        http.get("/second")
    assert b"cookie: session=abc" not in seen[0].lower()
    assert b"cookie: session=abc" in seen[1].lower()


def odd_headers(conn: socket.socket) -> None:
    """Answer after a 100 Continue, with a folded header, spacing and a line without a colon."""
    read_request(conn)
    conn.sendall(
        b"HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n"
        b"Content-Type:application/json\r\n"
        b"X-Folded: first\r\n  second\r\n"
        b"X-Spaced: \t value\r\n"
        b"no colon here\r\n"
        b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
        b"Content-Length: 11\r\n\r\n"
        b'{"ok":true}'
    )


def test_header_lines_are_read_as_http_defines_them() -> None:
    """Interim answers are skipped, folded lines joined, repeated names kept, junk lines dropped."""
    with scripted(odd_headers) as server, _client() as client:
        response = client.get(server.url)
    assert response.json() == {"ok": True}
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-folded"] == "first second"
    assert response.headers["x-spaced"] == "value"
    assert response.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert "x-interim" not in response.headers
    assert "no colon here" not in str(response.headers)


def too_many_headers(conn: socket.socket) -> None:
    """Answer with more header lines than http.client accepts."""
    read_request(conn)
    lines = b"".join(b"X-Header-%d: x\r\n" % number for number in range(101))
    conn.sendall(b"HTTP/1.1 200 OK\r\n" + lines + b"Content-Length: 0\r\n\r\n")


def test_an_answer_with_too_many_headers_is_refused() -> None:
    """More than 100 header lines: a `RemoteProtocolError`, as with http.client's own parser."""
    with (
        scripted(too_many_headers) as server,
        _client() as client,
        pytest.raises(httpx.RemoteProtocolError),
    ):
        client.get(server.url)
