"""The rate limiter's buckets: refill, prune when idle, and a hard cap on how many are kept."""

from __future__ import annotations

from opentasks_server.rate_limit import RateLimiter


class FakeClock:
    """Monotonic seconds that move only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        """Return the current time."""
        return self.now


def test_a_bucket_empties_and_refills() -> None:
    """`per_minute` requests pass at once, the next waits, and a second later one passes again."""
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock)
    assert all(limiter.take("key:a") == 0 for _ in range(60))
    wait = limiter.take("key:a")
    assert 0 < wait <= 1
    assert limiter.retry_after(wait) == 1
    clock.now += 1
    assert limiter.take("key:a") == 0
    # Another caller has a bucket of its own.
    assert limiter.take("key:b") == 0


def test_idle_buckets_are_pruned() -> None:
    """Buckets that refilled to capacity are dropped: 20,000 one-off callers leave nothing."""
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock)
    for index in range(20_000):
        limiter.take(f"addr:{index}")
    assert len(limiter) == 20_000
    clock.now += 61
    limiter.take("key:a")
    assert len(limiter) == 1


def test_a_busy_bucket_is_kept_by_the_sweep() -> None:
    """A bucket not yet refilled survives the sweep, so pruning never resets a caller's count."""
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock)
    clock.now += 50
    assert all(limiter.take("key:busy") == 0 for _ in range(60))
    clock.now += 11  # past the first sweep; `busy` has refilled 11 requests of 60
    assert limiter.take("addr:other") == 0
    assert len(limiter) == 2
    assert all(limiter.take("key:busy") == 0 for _ in range(11))
    assert limiter.take("key:busy") > 0


def test_the_number_of_buckets_is_capped() -> None:
    """Past `max_buckets` the least recently used bucket goes first."""
    clock = FakeClock()
    limiter = RateLimiter(10, max_buckets=100, clock=clock)
    for index in range(1_000):
        limiter.take(f"addr:{index}")
    assert len(limiter) == 100
