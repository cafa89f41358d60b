"""The optional rate limiter: a token bucket per API key, or per client address without one.

A request is counted against the key it authenticated with (its id, so every spelling of the
`Authorization` header and `X-API-Key` share one bucket), or, when it carries no valid key,
against the address it came from: guessing keys is limited like any other use.

A bucket that has refilled to capacity is the same as no bucket, so buckets idle that long are
dropped by a sweep at most once per refill period; at most `max_buckets` are kept in any case
(the least recently used goes first). Memory follows the callers active in the last minute, not
every caller ever seen.

The buckets live in the process: with several workers each process allows the rate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BUCKETS", "RateLimiter"]

DEFAULT_MAX_BUCKETS = 100_000
"""The most callers the limiter tracks at once."""


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets of `per_minute` requests, one per caller.

    Args:
        per_minute: Requests allowed per minute; a bucket holds that many at most.
        max_buckets: The most buckets kept at once.
        clock: Monotonic seconds; tests pass a fake.
    """

    def __init__(
        self,
        per_minute: int,
        *,
        max_buckets: int = DEFAULT_MAX_BUCKETS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(max(per_minute, 1))
        self.rate = self.capacity / 60.0
        self.max_buckets = max(max_buckets, 1)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._refill_seconds = self.capacity / self.rate
        self._next_sweep = clock() + self._refill_seconds

    def __len__(self) -> int:
        """Return how many buckets are held."""
        return len(self._buckets)

    def take(self, identity: str) -> float:
        """Spend one request of a caller's bucket.

        Args:
            identity: The caller: `key:<key id>` or `addr:<client address>`.

        Returns:
            0 when the request may go ahead, else the seconds until the bucket holds one again.
        """
        now = self._clock()
        if now >= self._next_sweep:
            self.prune()
        # Popped and put back, so the dict's order is least recently used first.
        bucket = self._buckets.pop(identity, None)
        if bucket is None:
            while len(self._buckets) >= self.max_buckets:
                del self._buckets[next(iter(self._buckets))]
            bucket = _Bucket(tokens=self.capacity, updated=now)
        self._buckets[identity] = bucket
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    def prune(self) -> None:
        """Drop every bucket that has refilled to capacity (it is the same as none)."""
        now = self._clock()
        self._next_sweep = now + self._refill_seconds
        full = [
            identity
            for identity, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.capacity
        ]
        for identity in full:
            del self._buckets[identity]

    def retry_after(self, wait: float) -> int:
        """Return a wait from `take` as whole seconds for `Retry-After` (at least 1).

        Args:
            wait: Seconds from `take`.

        Returns:
            The seconds, rounded up.
        """
        return max(1, math.ceil(wait))
