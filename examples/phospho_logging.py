"""Log finished interactions, flag them, and compare outputs in a test run (phospho's calls).

Run: `python examples/phospho_logging.py`
"""

from __future__ import annotations

from _server import client as connect
from opentasks import Client


def main(client: Client) -> None:
    """Log, flag and compare against `client`."""
    session = client.sessions.create(agent_id="agent123", user_id="user42")
    task = client.tasks.create(
        agent_id="agent123",
        session_id=session.id,
        prompt="What is 2 + 2?",
        output="4",
        status="completed",  # a finished interaction, logged in one call
    )
    client.flag(task.id, "success", source="user", notes="Right answer.")
    print(client.tasks.get(task.id).flag)

    test = client.create_test(summary={"suite": "arithmetic"})
    same = client.compare("What is 2 + 2?", "4", " 4 ", test_id=test.id)
    other = client.compare("What is 2 + 2?", "4", "Four", test_id=test.id)
    print(same.comparison_result, other.comparison_result)
    client.update_test(test.id, "completed")
    print([logged.id for logged in session.tasks()])


if __name__ == "__main__":
    with connect() as client:
        main(client)
