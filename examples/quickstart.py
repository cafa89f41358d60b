"""Create a task, drive it through its lifecycle as a worker would, and stream its events.

Run: `python examples/quickstart.py`
"""

from __future__ import annotations

import threading

from _server import client as connect
from opentasks import Client, Task


def work(task: Task) -> None:
    """Play the agent: start, publish progress, save the output, finish."""
    task.set_status("executing")
    task.publish("chunk", {"text": "Revenue is up 12%"})
    task.output = "Revenue up 12%"
    task.save()  # sends only `output`, with If-Match: a concurrent change raises
    task.set_status("completed")


def main(client: Client) -> None:
    """Run the quickstart against `client`."""
    task = client.tasks.create(
        agent_id="agent123",
        prompt="Analyze the sales data",
        file_urls=["https://example.com/data.csv"],
    )
    for listed in client.tasks.list(agent_id="agent123"):  # pages are fetched lazily
        print(listed.id, listed.status)

    worker = threading.Thread(target=work, args=(client.tasks.get(task.id),))
    worker.start()
    with task.events() as events:  # ends after the task's terminal event
        for event in events:
            print(event.id, event.type)
    worker.join()

    task.refresh()
    print(task.status, task.output)


if __name__ == "__main__":
    with connect() as client:
        main(client)
