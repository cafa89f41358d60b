"""A request without a valid key is refused from its headers, before its body is read.

Each client below declares a body of almost 10 MiB (just under the size limit, so only the key
can refuse it), sends its first 64 KiB and stops: the server answers 401 while the rest is still
unsent, which it could not do had it waited for the body. Half of the clients then send the rest
anyway, which the server discards as it arrives. The server's memory stays flat throughout.
"""

from __future__ import annotations

import threading
from typing import Any

from opentasks_server.config import DEFAULT_MAX_BODY_BYTES

from tests._raw_http import RawResponse, connect, read_response, request_head
from tests._reliability import sizes
from tests.security.conftest import Deployment

MIB = 1024 * 1024
FIRST_PART = 64 * 1024
BODY_BYTES = DEFAULT_MAX_BODY_BYTES - MIB // 10
# Room for the allocator's slack and a few buffers; holding the bodies would take 16 x 9.9 MiB.
MEMORY_BUDGET = 2 * BODY_BYTES


def refused_early(port: int, headers: dict[str, str], send_the_rest: bool) -> RawResponse:
    """Send the head and 64 KiB of a large create, then read the answer (and maybe send on)."""
    with connect(port) as sock:
        head = request_head(
            "POST",
            "/v1/tasks",
            {
                **headers,
                "Content-Type": "application/json",
                "Content-Length": str(BODY_BYTES),
            },
        )
        sock.sendall(head + b'{"agent_id": "a", "prompt": "' + b"x" * FIRST_PART)
        response = read_response(sock)
        if send_the_rest:
            remaining = BODY_BYTES - len(b'{"agent_id": "a", "prompt": "') - FIRST_PART
            chunk = b"x" * MIB
            while remaining > 0:
                sock.sendall(chunk[: min(remaining, MIB)])
                remaining -= MIB
        return response


def test_a_large_body_without_a_key_is_401_before_it_is_sent(
    deployment: Deployment, figures: dict[str, Any]
) -> None:
    """Concurrent near-limit bodies without a key (or with a wrong one) answer 401 unread."""
    count = sizes().unauthenticated_bodies
    port = deployment.server.port
    choices = [{}, {"Authorization": "Bearer ot_wrong"}, {"X-API-Key": "ot_wrong"}]
    rss_before = deployment.server.rss_bytes()
    responses: list[RawResponse | BaseException] = [ValueError("not run")] * count

    def client(index: int) -> None:
        try:
            responses[index] = refused_early(port, choices[index % 3], send_the_rest=index % 2 == 1)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            responses[index] = exc

    threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    rss_after = deployment.server.rss_bytes()
    figures.update(
        bodies=count,
        body_mib=round(BODY_BYTES / MIB, 1),
        server_rss_before_mib=round(rss_before / MIB, 1),
        server_rss_after_mib=round(rss_after / MIB, 1),
    )
    for response in responses:
        assert isinstance(response, RawResponse), response
        assert response.status == 401, response.body[:300]
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert rss_after - rss_before < MEMORY_BUDGET
    with deployment.http(deployment.alpha.key) as http:
        assert http.post("/v1/tasks", json={"agent_id": "still-here"}).status_code == 201
