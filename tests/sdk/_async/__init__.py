"""The SDK's end-to-end tests, written once for the async client; `_sync/` is generated from them.

Edit the tests here, then run `python -m nox -s generate` (`generator/unasync.py`) to rewrite
their sync twins, so both flavours run every scenario against the real server.
"""
