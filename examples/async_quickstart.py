"""The quickstart with the `a`-prefixed coroutines: the same objects, awaited.

Run: `python examples/async_quickstart.py`
"""

from __future__ import annotations

import asyncio

from _server import client as connect
from opentasks import Client, Task


async def work(task: Task) -> None:
    """Play the agent with the async API."""
    await task.aset_status("executing")
    await task.apublish("think", {"text": "Looking at the regions first."})
    task.output = "Revenue up 12%"
    await task.asave()
    await task.aset_status("completed")


async def main(client: Client) -> None:
    """Run the async quickstart against `client`."""
    task = await client.tasks.acreate(agent_id="agent123", prompt="Analyze the sales data")
    worker = asyncio.create_task(work(await client.tasks.aget(task.id)))
    async with task.aevents() as events:
        async for event in events:
            print(event.id, event.type)
    await worker
    async for listed in client.tasks.alist(agent_id="agent123"):
        print(listed.id, listed.status, listed.output)


if __name__ == "__main__":
    with connect() as client:
        asyncio.run(main(client))
