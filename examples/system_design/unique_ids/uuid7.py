"""UUIDv7 (RFC 9562, section 5.7) with a dedicated counter for order within a millisecond.

Python 3.11's uuid module has uuid4() but no uuid7() (that arrives in 3.14),
so this module builds one. Layout, most significant bit first:

    48 bits  unix_ts_ms   Unix time in milliseconds
     4 bits  ver          0b0111
    12 bits  rand_a       the top of the counter
     2 bits  var          0b10 (the RFC 9562 variant)
    62 bits  rand_b       the rest of the counter, then random bits

Monotonicity uses RFC 9562 section 6.2 Method 1, "Fixed Bit-Length Dedicated
Counter": the counter sits right after the timestamp, starts at a random value
with its top bit clear each new millisecond, and counts up within one. Both
edge cases keep IDs strictly increasing in this process:

- counter rollover: the timestamp moves one millisecond ahead of the clock and
  the counter is seeded again (section 6.2, "Counter Rollover Handling");
- the clock stepping back: the last timestamp is reused and the counter keeps
  counting (section 6.2, "Monotonic Error Checking").
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Callable

from examples.system_design.unique_ids.clock import MillisClock, wall_clock_ms

TIMESTAMP_BITS = 48
MAX_TIMESTAMP_MS = (1 << TIMESTAMP_BITS) - 1  # the year 10889 (RFC 9562, 6.1)
PAYLOAD_BITS = 74  # rand_a (12) + rand_b (62): everything but time, version, variant
# RFC 9562, 6.2: a counter "SHOULD be at least 12 bits but no longer than 42 bits".
MIN_COUNTER_BITS, MAX_COUNTER_BITS = 12, 42
_RAND_B_BITS = 62


# --8<-- [start:generator]
class UUIDv7Generator:
    """Strictly increasing UUIDv7 values from one process; safe to share between threads."""

    def __init__(
        self,
        clock: MillisClock = wall_clock_ms,
        randbits: Callable[[int], int] = secrets.randbits,
        counter_bits: int = MAX_COUNTER_BITS,
    ) -> None:
        if isinstance(counter_bits, bool) or not isinstance(counter_bits, int):
            raise TypeError(f"counter_bits must be an int, got {counter_bits!r}")
        if not MIN_COUNTER_BITS <= counter_bits <= MAX_COUNTER_BITS:
            raise ValueError(
                f"counter_bits must be {MIN_COUNTER_BITS}..{MAX_COUNTER_BITS} "
                f"(RFC 9562, 6.2), got {counter_bits}"
            )
        self._clock = clock
        self._randbits = randbits  # secrets.randbits: unguessable (RFC 9562, 6.9)
        self._counter_bits = counter_bits
        self._tail_bits = PAYLOAD_BITS - counter_bits
        self._counter_max = (1 << counter_bits) - 1
        self._last_ms = -1
        self._counter = 0
        self._lock = threading.Lock()

    def __call__(self) -> uuid.UUID:
        """The next UUIDv7, greater than every one this generator returned before."""
        with self._lock:
            now = self._read_clock()
            if now > self._last_ms:  # a new millisecond: start a fresh random counter
                unix_ts_ms, counter = now, self._seed()
            else:  # the same millisecond, or the clock went back: keep counting
                unix_ts_ms, counter = self._last_ms, self._counter + 1
                if counter > self._counter_max:  # rollover: run 1 ms ahead
                    if unix_ts_ms == MAX_TIMESTAMP_MS:
                        raise OverflowError("the 48-bit UUIDv7 timestamp is exhausted")
                    unix_ts_ms, counter = unix_ts_ms + 1, self._seed()
            tail = self._random(self._tail_bits)
            # State moves on only once the ID is certain: an error above leaves
            # it as it was, so the next call cannot repeat an issued ID.
            self._last_ms, self._counter = unix_ts_ms, counter
            return assemble(unix_ts_ms, (counter << self._tail_bits) | tail)

    def _seed(self) -> int:
        # The counter's top bit starts at 0, so at least 2**(bits-1) IDs fit in a
        # millisecond before a rollover (RFC 9562, 6.2, counter seeding).
        return self._random(self._counter_bits - 1)

    # --8<-- [end:generator]

    def _read_clock(self) -> int:
        now = self._clock()
        if isinstance(now, bool) or not isinstance(now, int):
            raise TypeError(f"the clock must return int milliseconds, got {now!r}")
        if not 0 <= now <= MAX_TIMESTAMP_MS:
            raise ValueError(
                f"clock reading {now} does not fit 48 bits of milliseconds"
            )
        return now

    def _random(self, bits: int) -> int:
        value = self._randbits(bits)
        if not 0 <= value < (1 << bits):
            raise ValueError(
                f"randbits({bits}) returned {value}, outside 0..2**{bits}-1"
            )
        return value


# --8<-- [start:assemble]
def assemble(unix_ts_ms: int, payload: int) -> uuid.UUID:
    """Pack 48 bits of time and a 74-bit payload (rand_a, then rand_b) around ver and var."""
    if not 0 <= unix_ts_ms <= MAX_TIMESTAMP_MS or not 0 <= payload < 1 << PAYLOAD_BITS:
        raise ValueError(
            f"need unix_ts_ms in 0..2**48-1 and payload in 0..2**74-1,"
            f" got {unix_ts_ms} and {payload}"
        )
    rand_a = payload >> _RAND_B_BITS  # top 12 bits of the payload
    rand_b = payload & ((1 << _RAND_B_BITS) - 1)
    value = (unix_ts_ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return uuid.UUID(int=value)


def timestamp_ms(value: uuid.UUID) -> int:
    """The Unix milliseconds inside a UUIDv7; ValueError for any other kind of UUID."""
    if not isinstance(value, uuid.UUID):
        raise TypeError(f"expected uuid.UUID, got {type(value).__name__}")
    if value.variant != uuid.RFC_4122 or value.version != 7:
        raise ValueError(f"{value} is not a UUIDv7 (version {value.version})")
    return value.int >> 80


# --8<-- [end:assemble]
