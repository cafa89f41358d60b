"""Define a task with workflow steps and run it as executions (julep's model).

Run: `python examples/julep_workflow.py`
"""

from __future__ import annotations

from _server import client as connect
from opentasks import Client


def main(client: Client) -> None:
    """Create a workflow task, start an execution and drive it to success."""
    task = client.tasks.create(
        agent_id="agent123",
        name="summarise",
        tools_available=["web_search"],
        input_schema={"type": "object", "properties": {"topic": {"type": "string"}}},
        main=[
            {"kind": "tool_call", "tool": "web_search", "arguments": {"query": "{{inputs.topic}}"}},
            {"kind": "prompt", "prompt": "Summarise {{outputs[0]}} in one sentence."},
        ],
    )
    execution = task.executions.start({"topic": "solar power"})
    for status in ("starting", "running"):
        execution.set_status(status)
    execution.set_status("succeeded", output={"summary": "Solar keeps getting cheaper."})
    print(execution.status, task.refresh().status)


if __name__ == "__main__":
    with connect() as client:
        main(client)
