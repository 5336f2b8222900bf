"""What one online driver costs in Redis memory, measured with MEMORY USAGE.

The estimate notebook uses these numbers for the live-position memory.
"""

# requires-server: redis

from __future__ import annotations

import random

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.positions import PositionStore

DRIVERS = 10_000
T0 = 1_700_000_000_000

# --8<-- [start:measure]
with redis_session("ride_memory") as (r, p):
    store = PositionStore(r, p, city="blr")
    rng = random.Random(1)
    for i in range(DRIVERS):
        lat, lon = rng.uniform(12.8, 13.2), rng.uniform(77.4, 77.8)
        store.update(f"d{i:07d}", lat, lon, T0, T0)
    total = 0
    for name in ("available", "seen", "sent", "history"):
        key = getattr(store.keys, name)
        # To 10 bytes: skip-list node levels are random, so the last digit
        # moves from run to run. The total adds the rounded parts.
        per_entry = round(r.memory_usage(key, samples=0) / DRIVERS, -1)
        total += per_entry if name != "history" else 0
        print(f"{name:9} {per_entry:4.0f} bytes per entry")
        #> available  110 bytes per entry
        #> seen       110 bytes per entry
        #> sent        70 bytes per entry
        #> history     80 bytes per entry
    print(f"live state {total:.0f} bytes per driver")
    #> live state 290 bytes per driver
# --8<-- [end:measure]
