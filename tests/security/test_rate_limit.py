"""The rate limiter cannot be side-stepped: one bucket per key, and one per address for bad keys.

Every spelling of a key (`Bearer`, `bearer`, `BEARER`, extra spaces, `X-API-Key`) spends the
same bucket, because the bucket belongs to the key's id, not to the header's text; requests
with made-up keys spend their address's bucket, so guessing keys hits 429 like anything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentasks_server import create_api_key

from tests._databases import TestDatabases
from tests._reliability import sizes
from tests._server_process import ServerOptions, ServerProcess

PER_MINUTE = 20


@pytest.fixture
def limited(databases: TestDatabases, tmp_path: Path) -> Iterator[tuple[ServerProcess, str]]:
    """A server allowing `PER_MINUTE` requests a minute per caller, and a key of it."""
    database_url = databases.new(tmp_path)
    key = create_api_key(database_url, "limited")
    server = ServerProcess(database_url, tmp_path, ServerOptions(rate_limit=PER_MINUTE))
    server.start()
    try:
        yield server, key
    finally:
        server.stop()


def test_every_spelling_of_a_key_shares_one_bucket(
    limited: tuple[ServerProcess, str], figures: dict[str, Any]
) -> None:
    """Cycling through header spellings gets no more than `PER_MINUTE` requests through."""
    server, key = limited
    spellings = [
        {"Authorization": f"Bearer {key}"},
        {"Authorization": f"bearer {key}"},
        {"Authorization": f"BEARER {key}"},
        {"Authorization": f"Bearer    {key}"},
        {"X-API-Key": key},
        {"Authorization": f"Bearer\t{key}"},
    ]
    statuses: Counter[int] = Counter()
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        for index in range(PER_MINUTE * 3):
            response = http.get("/v1/tasks", headers=spellings[index % len(spellings)])
            statuses[response.status_code] += 1
        limited_response = http.get("/v1/tasks", headers=spellings[0])
    figures.update(per_minute=PER_MINUTE, statuses=dict(statuses))
    # A token may come back while the loop runs (one every 3 s at 20 a minute).
    assert PER_MINUTE <= statuses[200] <= PER_MINUTE + 2
    assert limited_response.status_code == 429
    assert int(limited_response.headers["retry-after"]) >= 1
    assert "This key" in limited_response.json()["detail"]


def test_made_up_keys_hit_the_limit_of_their_address(
    limited: tuple[ServerProcess, str], figures: dict[str, Any]
) -> None:
    """Requests with a fresh bogus key each are limited by the client address; valid keys are not."""
    server, key = limited
    count = max(sizes().bogus_keys, PER_MINUTE * 3)
    statuses: Counter[int] = Counter()
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        for index in range(count):
            response = http.get(
                "/v1/tasks", headers={"Authorization": f"Bearer ot_guess{index:06d}"}
            )
            statuses[response.status_code] += 1
        refused = http.get("/v1/tasks", headers={"X-API-Key": "ot_another_guess"})
        # The valid key has a bucket of its own.
        allowed = http.get("/v1/tasks", headers={"Authorization": f"Bearer {key}"})
    figures.update(bogus_keys=count, statuses=dict(statuses), rss_mib=server.rss_bytes() >> 20)
    assert statuses[401] <= PER_MINUTE + 2 + count // 20
    assert statuses[429] >= count - PER_MINUTE - 2 - count // 20
    assert refused.status_code == 429
    assert "This client" in refused.json()["detail"]
    assert allowed.status_code == 200
