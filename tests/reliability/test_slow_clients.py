"""Slow and idle connections are cut, while healthy clients keep being served (slowloris).

The server runs with a 2-second header timeout. Connections that send half a request head and
stall, connections that send nothing, and connections that trickle a header a byte at a time
(which uvicorn's keep-alive timer alone never cuts) are all closed by the server within the
timeout; meanwhile a normal client's requests all succeed, and the server's open file
descriptors fall back to where they started.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from tests._reliability import Sizes
from tests._server_process import ServerOptions, ServerProcess, StartServer

HEADER_TIMEOUT = 2.0
# Descriptors the server may hold beyond its idle count afterwards (a database connection, the
# healthy client's keep-alive connection).
FD_SLACK = 8


def open_fds(server: ServerProcess) -> int:
    """Count the server process's open file descriptors (Linux `/proc`)."""
    return sum(1 for _ in Path(f"/proc/{server.pid}/fd").iterdir())


def closed_by_peer(sock: socket.socket) -> bool:
    """Whether the server has closed a connection (its end reads as EOF or reset)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


def trickle(port: int, stop: threading.Event, cut: list[float]) -> None:
    """Send a request head a byte every 0.2 s until the server closes the connection."""
    began = time.monotonic()
    head = b"GET /v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Padding: " + b"a" * 10_000
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        for byte in head:
            if stop.is_set():
                return
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                cut.append(time.monotonic() - began)
                return
            if closed_by_peer(sock):
                cut.append(time.monotonic() - began)
                return
            sock.setblocking(True)
            time.sleep(0.2)


def test_slow_and_idle_connections_are_cut_and_healthy_clients_served(
    start_server: StartServer, api_key: str, run_sizes: Sizes, figures: dict[str, Any]
) -> None:
    """Half-header, silent and trickling connections close within the timeout; fds recover."""
    count = run_sizes.slow_connections
    server = start_server(
        ServerOptions(header_timeout=HEADER_TIMEOUT, max_connections=count * 2 + 100)
    )
    assert Path(f"/proc/{server.pid}/fd").exists(), "needs Linux /proc"
    baseline = open_fds(server)
    half_head = b"GET /v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ot_"
    slow: list[socket.socket] = []
    stop = threading.Event()
    cut: list[float] = []
    trickler = threading.Thread(target=trickle, args=(server.port, stop, cut))
    began = time.monotonic()
    try:
        trickler.start()
        for index in range(count):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            slow.append(sock)
            if index % 4:  # three in four send half a head, the rest nothing at all
                sock.sendall(half_head)
        time.sleep(0.3)
        peak = open_fds(server)
        # A healthy client is served all along.
        served = 0
        latencies: list[float] = []
        headers = {"Authorization": f"Bearer {api_key}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as http:
            deadline = time.monotonic() + HEADER_TIMEOUT + 1
            while time.monotonic() < deadline:
                started = time.monotonic()
                assert http.get("/v1/tasks").status_code == 200
                latencies.append(time.monotonic() - started)
                served += 1
        # Every slow connection is closed by the server by now.
        settle = time.monotonic() + HEADER_TIMEOUT + 5
        still_open = [sock for sock in slow if not closed_by_peer(sock)]
        while still_open and time.monotonic() < settle:
            time.sleep(0.1)
            still_open = [sock for sock in still_open if not closed_by_peer(sock)]
        cut_after = time.monotonic() - began
        for sock in slow:
            sock.close()
        trickler.join(timeout=HEADER_TIMEOUT + 10)
        after = baseline
        fds_deadline = time.monotonic() + 5
        while time.monotonic() < fds_deadline:
            after = open_fds(server)
            if after <= baseline + FD_SLACK:
                break
            time.sleep(0.1)
    finally:
        stop.set()
        for sock in slow:
            with contextlib.suppress(OSError):
                sock.close()
    figures.update(
        slow_connections=count,
        header_timeout_s=HEADER_TIMEOUT,
        fds_baseline=baseline,
        fds_peak=peak,
        fds_after=after,
        healthy_requests=served,
        healthy_max_ms=round(max(latencies) * 1000, 1),
        all_cut_after_s=round(cut_after, 2),
        trickle_cut_after_s=round(cut[0], 2) if cut else None,
    )
    assert peak >= baseline + count // 2, "the slow connections were not open at the server"
    assert not still_open, f"{len(still_open)} slow connections were never closed"
    assert cut, "the trickling connection was never closed"
    assert cut[0] < HEADER_TIMEOUT + 2
    assert after <= baseline + FD_SLACK
    assert server.running
