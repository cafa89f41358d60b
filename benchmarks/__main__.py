"""`python -m benchmarks`: run the harness (see `benchmarks.harness`)."""

from benchmarks.harness import main

raise SystemExit(main())
