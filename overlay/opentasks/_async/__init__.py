"""The hand-written async half of the SDK's I/O code; `_sync/` is generated from it.

Edit the code here, then run `python -m nox -s generate` (`generator/unasync.py`) to rewrite its
sync twin. The public classes (`Tasks`, `Task`, `Client`, ...) combine both halves.
"""
