"""Time-ordered identifiers and the hybrid logical clock that orders edits across sites.

A hybrid logical clock (Kulkarni et al.) keeps physical time where clocks agree and
still orders events correctly when a post's clock is behind HQ's: every stamp is
greater than any stamp this site has seen, local or imported.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import uuid6

MAX_COUNTER = 99_999


def new_id() -> uuid.UUID:
    """A UUIDv7: random but ordered by creation time, so B-tree inserts stay local."""
    return uuid.UUID(int=uuid6.uuid7().int)  # a plain UUID (not uuid6's subclass)


_RANDOM_BITS = 74  # rand_a (12) and rand_b (62) of RFC 9562
_V7_BITS = (0x7 << 76) | (0b10 << 62)  # version 7, RFC variant


def new_ids(count: int) -> list[uuid.UUID]:
    """``count`` UUIDv7s at once, ascending, for a batch of records (a bulk write).

    One time-stamp for the batch, taken from ``uuid6`` so later :func:`new_id` calls
    still sort after it, and sorted random bits below it (RFC 9562, method 2).
    """
    if count <= 0:
        return []
    moment = (uuid6.uuid7().int >> 80) << 80
    randoms = sorted(secrets.randbits(_RANDOM_BITS) for _ in range(count))
    low = (1 << 62) - 1
    return [uuid.UUID(int=moment | _V7_BITS | ((r >> 62) << 64) | (r & low)) for r in randoms]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, order=True)
class HlcStamp:
    wall_ms: int
    counter: int
    site: str

    def encode(self) -> str:
        # Fixed-width text sorts the same way the tuple does, so SQL can ORDER BY it.
        return f"{self.wall_ms:015d}.{self.counter:05d}.{self.site}"

    @classmethod
    def decode(cls, text: str) -> HlcStamp:
        wall, counter, site = text.split(".", 2)
        return cls(int(wall), int(counter), site)


class HybridLogicalClock:
    def __init__(self, site: str, *, wall_ms: Callable[[], int] | None = None) -> None:
        self._site = site
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._last = HlcStamp(0, 0, site)
        self._lock = threading.Lock()

    @property
    def site(self) -> str:
        return self._site

    def now(self) -> HlcStamp:
        """Stamp a local event."""
        with self._lock:
            wall = self._wall_ms()
            if wall > self._last.wall_ms:
                self._last = HlcStamp(wall, 0, self._site)
            elif self._last.counter >= MAX_COUNTER:
                # The counter has a fixed width so text order equals time order: when it
                # is full, borrow the next millisecond instead of widening it.
                self._last = HlcStamp(self._last.wall_ms + 1, 0, self._site)
            else:
                self._last = HlcStamp(self._last.wall_ms, self._last.counter + 1, self._site)
            return self._last

    def now_encoded(self, count: int) -> list[str]:
        """``count`` consecutive stamps of local events, encoded: one reading of the
        wall clock for a batch of bulk writes (each stamp as :meth:`now` would give)."""
        stamps: list[str] = []
        with self._lock:
            wall = max(self._wall_ms(), self._last.wall_ms)
            counter = -1 if wall > self._last.wall_ms else self._last.counter
            for _ in range(count):
                counter += 1
                if counter > MAX_COUNTER:
                    wall, counter = wall + 1, 0
                stamps.append(f"{wall:015d}.{counter:05d}.{self._site}")
            if count > 0:
                self._last = HlcStamp(wall, counter, self._site)
        return stamps

    def observe(self, remote: HlcStamp | str) -> None:
        """Move past a stamp seen from elsewhere (an imported change, or the database's last)."""
        stamp = HlcStamp.decode(remote) if isinstance(remote, str) else remote
        with self._lock:
            if (stamp.wall_ms, stamp.counter) > (self._last.wall_ms, self._last.counter):
                self._last = HlcStamp(stamp.wall_ms, stamp.counter, self._site)
