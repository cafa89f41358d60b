"""A client built from a newer spec reads an older server's answers.

The newer client knows `priority`; the reference server of the checkout does not send it. As
the property is optional in `Task` (the spec's evolution rule), the client reads it as `UNSET`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from opentasks.testing import LocalServer

from tests.evolution.conftest import ROOT, run_python

NEWER_CLIENT = textwrap.dedent(
    """
    import sys
    import opentasks_api
    from opentasks import UNSET, Client

    generated, base_url, key = sys.argv[1:]
    assert opentasks_api.__file__.startswith(generated), opentasks_api.__file__
    from opentasks_api.models import Task
    assert "priority" in Task.__annotations__

    client = Client(api_key=key, base_url=base_url)
    created = client.tasks.create(agent_id="evolved", prompt="p")
    assert created.priority is UNSET, created.priority
    fetched = client.tasks.get(created.id)
    assert fetched.priority is UNSET and fetched.prompt == "p"
    assert [task.id for task in client.tasks.list(agent_id="evolved")] == [created.id]
    fetched.name = "renamed"
    fetched.save()
    assert client.tasks.get(created.id).name == "renamed"
    print("ok")
    """
)


def test_a_newer_client_reads_an_older_servers_tasks(evolved: Path, tmp_path: Path) -> None:
    """Create, get, list and save work; the property the server lacks is `UNSET`."""
    with LocalServer() as server:
        output = run_python(
            "-c",
            NEWER_CLIENT,
            str(evolved / "generated"),
            server.base_url,
            server.api_key,
            path=[evolved / "generated", ROOT / "overlay"],
            cwd=tmp_path,
        )
    assert output.stdout.strip() == "ok"
