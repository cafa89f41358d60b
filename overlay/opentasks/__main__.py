"""`python -m opentasks`: the same as the `opentasks` command."""

import sys

from ._cli import main

sys.exit(main())
