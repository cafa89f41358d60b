"""`python -m tests.security._leak_scenario DEAD_URL`: the key-secrecy scenario in a fresh process.

It reads the key and the server from `OPENTASKS_API_KEY` and `OPENTASKS_BASE_URL`, and the log
level from `OPENTASKS_LOG`, as a user's program would, runs the scenario of
`test_key_secrecy.scenario` and prints every text the SDK showed, so the test can search this
process's whole output for the key.
"""

from __future__ import annotations

import os
import sys

from tests.security.test_key_secrecy import scenario


def main(argv: list[str]) -> int:
    """Run the scenario against the server of the environment; print what it showed."""
    (dead_url,) = argv
    key = os.environ["OPENTASKS_API_KEY"]
    shown = scenario(os.environ["OPENTASKS_BASE_URL"], key, "ot_" + "W" * 43, dead_url)
    print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
