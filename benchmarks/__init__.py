"""The opentasks performance harness: side-by-side comparisons against the reference server.

Run it with `nox -s bench` or `python -m benchmarks` (see `python -m benchmarks --help`). Each
comparison lives in its own `bench_*.py` module; `harness.py` starts the servers, runs the
modules and writes `benchmarks/results.md` and `benchmarks/results.json`. Pure statistics (the
interleaved schedule, medians, percentiles, target verdicts) live in `stats.py`, with no I/O.
"""
