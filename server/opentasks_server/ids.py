"""Resource ids: a type prefix and a ULID, so ids sort by creation time.

A ULID is 48 bits of milliseconds since the epoch followed by 80 random bits, written in
Crockford's base32 (26 characters). Ids made in the same millisecond by this process increase
the random part by one instead of drawing a new one, so keyset pagination on `id` lists a
burst of creates in the order they were made.
"""

from __future__ import annotations

import secrets
import threading
import time

__all__ = ["new_id", "ulid"]

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RANDOM_BITS = 80
_lock = threading.Lock()
_last_ms = -1
_last_random = 0


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def ulid() -> str:
    """Return a new ULID, monotonic within this process.

    Returns:
        26 Crockford base32 characters.
    """
    global _last_ms, _last_random
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            # Same (or an earlier, if the clock stepped back) millisecond: keep the order.
            now_ms = _last_ms
            _last_random += 1
            if _last_random >= 1 << _RANDOM_BITS:
                now_ms += 1
                _last_random = secrets.randbits(_RANDOM_BITS - 1)
        else:
            # Leave headroom so increments within one millisecond never overflow in practice.
            _last_random = secrets.randbits(_RANDOM_BITS - 1)
        _last_ms = now_ms
        return _encode((now_ms << _RANDOM_BITS) | _last_random, 26)


def new_id(prefix: str) -> str:
    """Return a new id with a type prefix, e.g. `task_01JD...`.

    Args:
        prefix: The type prefix without the underscore (`task`, `ses`, `exe`, `test`, `cmp`,
            `prj`, `key`).

    Returns:
        The prefixed id.
    """
    return f"{prefix}_{ulid()}"
