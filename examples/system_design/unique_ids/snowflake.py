"""Snowflake-style 64-bit IDs: time, worker, sequence; Twitter's 2010 layout.

    1 bit   0 (the sign bit, so the ID is a positive signed 64-bit integer)
   41 bits  milliseconds since a custom epoch (about 69.7 years of room)
   10 bits  worker id, 0..1023: unique per running generator
   12 bits  sequence within one millisecond, 0..4095

The layout, the epoch and both edge cases follow Twitter's IdWorker.scala
(github.com/twitter-archive/snowflake, tag snowflake-2010): when a worker
uses up the 4096 sequence numbers of one millisecond it waits for the next
millisecond, and when the clock moves backwards it refuses to make IDs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from examples.system_design.unique_ids.clock import MillisClock, wall_clock_ms

TWITTER_EPOCH_MS = 1_288_834_974_657  # `twepoch` in IdWorker.scala: 2010-11-04 UTC
TIMESTAMP_BITS, WORKER_BITS, SEQUENCE_BITS = 41, 10, 12
MAX_WORKER_ID = (1 << WORKER_BITS) - 1  # 1023
MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1  # 4095
MAX_ELAPSED_MS = (1 << TIMESTAMP_BITS) - 1
_WORKER_SHIFT = SEQUENCE_BITS
_TIME_SHIFT = SEQUENCE_BITS + WORKER_BITS


class ClockMovedBackwardsError(RuntimeError):
    """The wall clock reads earlier than the last ID's time: no ID is made."""

    def __init__(self, behind_ms: int) -> None:
        super().__init__(
            f"clock moved backwards by {behind_ms} ms; refusing to make IDs"
        )
        self.behind_ms = behind_ms


@dataclass(frozen=True)
class SnowflakeParts:
    timestamp_ms: int  # Unix milliseconds (the epoch added back)
    worker_id: int
    sequence: int


# --8<-- [start:generator]
class SnowflakeGenerator:
    """IDs from one worker: strictly increasing, never repeated while the clock holds."""

    def __init__(
        self,
        worker_id: int,
        *,
        epoch_ms: int = TWITTER_EPOCH_MS,
        clock: MillisClock = wall_clock_ms,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.worker_id = _check_int(worker_id, "worker_id", 0, MAX_WORKER_ID)
        self.epoch_ms = _check_int(epoch_ms, "epoch_ms", 0, None)
        self._clock, self._sleep = clock, sleep
        self._last = -1  # milliseconds since the epoch of the last ID
        self._sequence = 0
        self._lock = threading.Lock()
        self.waits = 0  # times a millisecond's 4096 IDs ran out (worth a metric)

    def __call__(self) -> int:
        with self._lock:
            now = self._elapsed()
            if now < self._last:
                # Refuse, as Twitter's IdWorker did. Reusing the old time would
                # issue IDs ahead of this clock, and with no random bits in them
                # a restarted worker would issue the same ones again.
                raise ClockMovedBackwardsError(self._last - now)
            sequence = 0
            if now == self._last:
                sequence = (self._sequence + 1) & MAX_SEQUENCE
                if sequence == 0:  # 4096 IDs in this millisecond already
                    self.waits += 1
                    now = self._wait_past(self._last)
            # Only now is the ID certain. A refusal above, even mid-wait, leaves
            # the state as it was, so a retry cannot repeat an issued sequence.
            self._last, self._sequence = now, sequence
            return (now << _TIME_SHIFT) | (self.worker_id << _WORKER_SHIFT) | sequence

    def _wait_past(self, last: int) -> int:
        """Sleep until the clock reaches the millisecond after `last`."""
        while True:
            self._sleep(0.001)
            now = self._elapsed()
            if now > last:
                return now
            if now < last:
                raise ClockMovedBackwardsError(last - now)

    # --8<-- [end:generator]

    def _elapsed(self) -> int:
        now = self._clock()
        if isinstance(now, bool) or not isinstance(now, int):
            raise TypeError(f"the clock must return int milliseconds, got {now!r}")
        elapsed = now - self.epoch_ms
        if elapsed < 0:
            raise ValueError(f"clock reading {now} is before the epoch {self.epoch_ms}")
        if elapsed > MAX_ELAPSED_MS:
            raise OverflowError("41 bits of milliseconds since the epoch are used up")
        return elapsed


# --8<-- [start:decode]
def decode(snowflake_id: int, epoch_ms: int = TWITTER_EPOCH_MS) -> SnowflakeParts:
    """Split an ID back into Unix time, worker id and sequence."""
    _check_int(snowflake_id, "snowflake_id", 0, (1 << 63) - 1)
    return SnowflakeParts(
        timestamp_ms=(snowflake_id >> _TIME_SHIFT) + epoch_ms,
        worker_id=(snowflake_id >> _WORKER_SHIFT) & MAX_WORKER_ID,
        sequence=snowflake_id & MAX_SEQUENCE,
    )


# --8<-- [end:decode]


def _check_int(value: object, name: str, low: int, high: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < low or (high is not None and value > high):
        bounds = f"{low}..{high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {bounds}, got {value}")
    return value
