"""Retry delays: exponential back-off with full jitter, capped; Retry-After wins when given."""

from __future__ import annotations

import random

BASE_SECONDS = 1.0
CAP_SECONDS = 300.0


def retry_delay(attempts: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
    """Seconds to wait before attempt number `attempts + 1` (attempts already made >= 1)."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), CAP_SECONDS)
    ceiling = min(CAP_SECONDS, BASE_SECONDS * 2 ** max(attempts - 1, 0))
    return (rng or random).uniform(0.0, ceiling)
