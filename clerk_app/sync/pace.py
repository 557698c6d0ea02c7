"""How many sends a pass runs at once.

Eight at a time (the protocol's bound) pays off when the gateway is far: the client waits on the network.
When the gateway answers faster than the client can make requests, threads only add switching and the
client is faster alone. A long pass therefore times its first sends both ways and keeps eight at a
time only when it is clearly ahead (threads must pay for themselves). A short pass simply sends eight
at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

SINGLE_PROBE = 32  # sends timed one at a time
POOL_PROBE = 32  # then sends timed `width` at a time
CHUNK = 128  # sends recorded per transaction after the probes
MARGIN = 1.25  # eight at a time must be this much faster to be kept


@dataclass
class Pace:
    width: int  # the most sends at once
    total: int
    done: int = 0
    single_rate: float | None = None
    pool_rate: float | None = None

    def __post_init__(self) -> None:
        self.probing = self.width > 1 and self.total >= 2 * (SINGLE_PROBE + POOL_PROBE)

    def next_chunk(self) -> tuple[int, int]:
        """(how many items the next chunk takes, how many of them go at once)."""
        if self.probing and self.single_rate is None:
            return SINGLE_PROBE, 1
        if self.probing and self.pool_rate is None:
            return POOL_PROBE, self.width
        return CHUNK, self.chosen_width()

    def observe(self, width: int, sent: int, seconds: float) -> None:
        """How long a chunk's sends took (failed sends count: they cost the same)."""
        self.done += sent
        if not self.probing or sent == 0:
            return
        rate = sent / max(seconds, 1e-6)
        if width == 1 and self.single_rate is None:
            self.single_rate = rate
        elif width > 1 and self.pool_rate is None:
            self.pool_rate = rate

    def chosen_width(self) -> int:
        if self.single_rate is None or self.pool_rate is None:
            return self.width
        return self.width if self.pool_rate > self.single_rate * MARGIN else 1
