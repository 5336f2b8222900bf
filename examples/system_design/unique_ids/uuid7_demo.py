"""UUIDv4 and UUIDv7 side by side: bits, time inside, order within a millisecond, a clock step."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from itertools import pairwise

from examples.system_design.unique_ids.clock import SteppedClock
from examples.system_design.unique_ids.uuid7 import (
    UUIDv7Generator,
    assemble,
    timestamp_ms,
)


def utc(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


# --8<-- [start:bits]
v4 = uuid.uuid4()  # 122 random bits from os.urandom
print("v4 version, variant:", v4.version, v4.variant)
#> v4 version, variant: 4 specified in RFC 4122

clock = SteppedClock(1_645_557_742_000)  # the RFC 9562 test-vector time
new_v7 = UUIDv7Generator(clock, randbits=random.Random(7).getrandbits)
v7 = new_v7()
print(v7, v7.version, v7.variant)
#> 017f22e2-79b0-7795-92e6-b438269e0d37 7 specified in RFC 4122
print("time inside:", utc(timestamp_ms(v7)))
#> time inside: 2022-02-22T19:22:22.000+00:00
# RFC 9562, appendix A.6: the test vector decodes to the same instant, and
# packing its fields (rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F) rebuilds it.
vector = uuid.UUID("017F22E2-79B0-7CC3-98C4-DC0C0C07398F")
print("RFC vector time:", utc(timestamp_ms(vector)))
#> RFC vector time: 2022-02-22T19:22:22.000+00:00
rebuilt = assemble(0x017F22E279B0, (0xCC3 << 62) | 0x18C4DC0C0C07398F)
print("rebuilt from its fields:", rebuilt == vector)
#> rebuilt from its fields: True
# --8<-- [end:bits]

# --8<-- [start:one_ms]
burst = [new_v7() for _ in range(10_000)]  # the clock never moves
print("strictly increasing:", all(a < b for a, b in pairwise(burst)))
#> strictly increasing: True
print("timestamps used:", len({timestamp_ms(u) for u in burst}))
#> timestamps used: 1

# A 12-bit counter (all of rand_a) holds at least 2,048 IDs per millisecond.
small = UUIDv7Generator(clock, randbits=random.Random(7).getrandbits, counter_bits=12)
burst = [small() for _ in range(10_000)]
print("strictly increasing:", all(a < b for a, b in pairwise(burst)))
#> strictly increasing: True
print("ran ahead of the clock by ms:", timestamp_ms(burst[-1]) - clock())
#> ran ahead of the clock by ms: 3
# --8<-- [end:one_ms]

# --8<-- [start:backwards]
before = new_v7()
clock.set(clock() - 5_000)  # an NTP step: the wall clock is 5 s earlier
after = new_v7()
print("still increasing:", before < after)
#> still increasing: True
print("kept the old timestamp:", timestamp_ms(after) == timestamp_ms(before))
#> kept the old timestamp: True
clock.advance(5_001)  # the clock catches up, and IDs carry real time again
print("back on the clock:", timestamp_ms(new_v7()) == clock())
#> back on the clock: True
# --8<-- [end:backwards]
