"""The server through real uvicorn on a loopback port."""

from __future__ import annotations

import httpx
from opentasks_server import create_api_key


async def test_live_server_round_trip(live_server: str, database_url: str) -> None:
    """A key made with `create_api_key` works against a running server over TCP."""
    key = create_api_key(database_url, "live")
    async with httpx.AsyncClient(base_url=live_server, headers={"X-API-Key": key}) as http:
        assert (await http.get("/readyz")).json() == {"status": "ok", "database": "ok"}
        created = await http.post(
            "/v1/tasks", json={"agent_id": "a"}, headers={"Idempotency-Key": "live"}
        )
        assert created.status_code == 201
        replay = await http.post(
            "/v1/tasks", json={"agent_id": "a"}, headers={"Idempotency-Key": "live"}
        )
        assert replay.headers["idempotent-replayed"] == "true"
        task_id = created.json()["id"]
        moved = await http.post(
            f"/v1/tasks/{task_id}/status", json={"status": "executing"}, headers={"If-Match": '"1"'}
        )
        assert moved.status_code == 200
        missing = await http.get("/v1/nope")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.headers["x-request-id"]
        unauthorized = await http.get("/v1/tasks", headers={"X-API-Key": "ot_nope"})
        assert unauthorized.status_code == 401
