"""What the retrying httpx transports beneath the generated client share (`_async/_transport.py`).

Retries live here, one layer below the generated functions, so every request the generated
client sends is retried the same way — the overlay's calls and a user's direct low-level calls
alike. A transport also sees every attempt of a request, which makes it the one place that can
stamp a POST, PATCH or DELETE with an `Idempotency-Key` once and send that same key on every
retry: the server then answers a retried create with the first response instead of creating
twice, and a retried save whose first reply was lost with that reply instead of a 412 (its
`If-Match` names the version the first attempt already moved past).
"""

from __future__ import annotations

__all__ = ["IDEMPOTENCY_HEADER", "KEYED_METHODS"]

IDEMPOTENCY_HEADER = "Idempotency-Key"
# The methods that change something and that the server makes exactly-once with a key. PATCH and
# DELETE are idempotent in effect, but not in their answer once `If-Match` is involved, or once
# the resource is gone (a retried delete would answer 404). The others (GET, HEAD, OPTIONS)
# change nothing: a retry is harmless and answers the same.
KEYED_METHODS = frozenset({"POST", "PATCH", "DELETE"})
