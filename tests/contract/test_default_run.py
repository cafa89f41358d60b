"""schemathesis' own command line, with its defaults, against the server: no finding but one.

`test_schemathesis.py` drives schemathesis from pytest with checks fitted to the contract. This
module runs what a newcomer would run, `schemathesis run <server>/openapi.yaml` with a key and
nothing else of the project's: every phase (examples, coverage, fuzzing, stateful) and every
default check, including `positive_data_acceptance`, which counts any answer to a schema-valid
request other than 2xx, 3xx, 401, 403, 404, 409, 429 or 5xx as a failure. The contract is written
so that such a run is clean:

- `Idempotency-Key` reuse with another request is a 409 (schemathesis repeats the keys it draws);
- an `after` cursor is any id-shaped position, which the server accepts whether or not the id
  exists;
- `Last-Event-ID` and the events' `after` take an event's number alone, so the header's pattern
  does not need the underscore that schemathesis cannot draw in a header.

- `If-Match`'s example is `*`, which holds at every version: schemathesis reuses the ids of the
  resources it created in every phase, so an example naming one version (`"1"`) turned stale
  after the first change of a resource; the links from a created resource to its changes carry
  its `ETag` as `If-Match`;
- text may hold any character, NUL (U+0000) included, on both databases: it is stored and
  answered as sent (PostgreSQL's columns are `json` and NUL-escaped `text`), and a filter or id
  holding NUL matches nothing.

One rule of the contract remains that JSON Schema does not state, and the test lets exactly it
through: a stale `If-Match` is a 412 (a request valid in itself, refused by the state it names),
which only the fuzzing and stateful phases still send, with a version drawn at random for an id
reused. Any other failure of any check fails it.

The run is bounded: `OPENTASKS_CONTRACT_CLI_EXAMPLES` examples per operation (default 5) with a
fixed seed, about a minute per backend.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentasks_server import create_api_key, create_app

from tests._databases import TestDatabases
from tests._live_server import run_server

EXAMPLES = int(os.environ.get("OPENTASKS_CONTRACT_CLI_EXAMPLES", "5"))
SEED = 1
TIMEOUT = 600

pytestmark = pytest.mark.slow


def _failures(report: Path) -> list[dict[str, Any]]:
    """Each failed check of the run's NDJSON report, with its case and its answer."""
    found: list[dict[str, Any]] = []
    for line in report.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if finished is None:
            continue
        recorder = finished["recorder"]
        for case_id, checks in recorder.get("checks", {}).items():
            for check in checks:
                if check["status"] != "failure":
                    continue
                interaction = recorder.get("interactions", {}).get(case_id) or {}
                response = interaction.get("response") or {}
                content = response.get("content") or {}
                body = base64.b64decode(content["$base64"]) if "$base64" in content else b""
                found.append(
                    {
                        "check": check["name"],
                        "phase": _phase(recorder, case_id),
                        "code": check["failure_info"]["failure"]["code"],
                        "operation": check["failure_info"]["failure"]["operation"],
                        "request": interaction.get("request") or {},
                        "status": response.get("status_code"),
                        "body": body.decode("utf-8", "replace"),
                    }
                )
    return found


def _phase(recorder: dict[str, Any], case_id: str) -> str | None:
    """The phase that drew a case (`examples`, `coverage`, `fuzzing` or `stateful`)."""
    case = (recorder.get("cases", {}).get(case_id) or {}).get("value") or {}
    return ((case.get("meta") or {}).get("phase") or {}).get("name")


def _allowed(failure: dict[str, Any]) -> bool:
    """Tell whether a failure is the rule beyond JSON Schema, a stale version (see the module)."""
    if failure["check"] != "positive_data_acceptance" or failure["status"] != 412:
        return False
    headers = {
        name.lower(): values for name, values in failure["request"].get("headers", {}).items()
    }
    # The examples and coverage phases send the example, `*`, which no version makes stale.
    return (
        failure["phase"] in {"fuzzing", "stateful"}
        and headers.get("if-match", ["*"]) != ["*"]
        and "precondition-failed" in failure["body"]
    )


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, module_databases: TestDatabases
) -> Iterator[tuple[str, str]]:
    """The server on a fresh database, and a key of its project."""
    url = module_databases.new(tmp_path_factory.mktemp("default-run"), "default_run")
    key = create_api_key(url)
    with run_server(create_app(url)) as live:
        yield live.base_url, key


def test_a_default_schemathesis_run_is_clean(server: tuple[str, str], tmp_path: Path) -> None:
    """`schemathesis run` with its defaults finds nothing but the rule named above."""
    base_url, key = server
    report = tmp_path / "run.ndjson"
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "run", f"{base_url}/openapi.yaml"),
        *("--header", f"Authorization: Bearer {key}"),
        *("--max-examples", str(EXAMPLES), "--seed", str(SEED)),
        *("--report", "ndjson", "--report-ndjson-path", str(report)),
    ]
    # Run from an empty folder, so no schemathesis.toml of any checkout can configure the run.
    finished = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert report.exists(), finished.stdout[-4000:] + finished.stderr[-4000:]
    failures = _failures(report)
    unexpected = [failure for failure in failures if not _allowed(failure)]
    assert not unexpected, "\n".join(
        f"{f['code']} {f['operation']}: {f['status']} {f['body'][:300]}" for f in unexpected
    )
    # Every phase ran, with no error: a run cut short would be clean by having tested nothing.
    events = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    phases = {
        event["PhaseFinished"]["phase"]["name"]: event["PhaseFinished"]["status"]
        for event in events
        if "PhaseFinished" in event
    }
    for phase in ("examples", "coverage", "fuzzing", "stateful"):
        assert phases.get(phase) in {"success", "failure"}, phases
    errors = [event for event in events if "NonFatalError" in event or "FatalError" in event]
    assert not errors, errors[:3]
    cases = sum(
        len(event["ScenarioFinished"]["recorder"].get("interactions", {}))
        for event in events
        if "ScenarioFinished" in event
    )
    assert cases > 500, f"only {cases} requests were sent"
