"""Twenty threads miss the same key at once: without protection, twenty loads; with it, one."""

# requires-server: redis

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from examples.data.redis.cache_patterns import SlowDatabase, get_product
from examples.data.redis.connection import redis_session
from examples.data.redis.stampede import SingleFlightCache

CALLERS = 20

with redis_session("stampede") as (r, p):
    # --8<-- [start:naive]
    class GatedDatabase(SlowDatabase):
        """Lets no read finish until all callers are inside a read at once."""

        gate = threading.Barrier(CALLERS, timeout=5)

        def read(self, key: str) -> str | None:
            value = super().read(key)
            self.gate.wait()  # proves all twenty missed the cache together
            return value

    db = GatedDatabase({"home": "<html>home page</html>"})
    with ThreadPoolExecutor(CALLERS) as pool:
        pages = list(pool.map(lambda _: get_product(r, db, p, "home"), range(CALLERS)))
    print("plain cache-aside, database reads:", db.reads)
    #> plain cache-aside, database reads: 20
    # --8<-- [end:naive]

    # --8<-- [start:protected]
    db = SlowDatabase({"home": "<html>home page</html>"})
    cache: SingleFlightCache

    def load(key: str) -> str:
        # Hold the load open until the other 19 callers have missed and are
        # waiting, so the demo shows truly concurrent misses every time.
        deadline = time.monotonic() + 5
        while cache.stats.waits < CALLERS - 1 and time.monotonic() < deadline:
            time.sleep(0.005)
        return db.read(key) or ""

    cache = SingleFlightCache(r, f"{p}sf:", load, wait_seconds=10)
    start = threading.Barrier(CALLERS, timeout=5)

    def visit(_: int) -> str:
        start.wait()
        return cache.get("home")

    with ThreadPoolExecutor(CALLERS) as pool:
        pages = list(pool.map(visit, range(CALLERS)))
    print(
        "single-flight, database reads:",
        db.reads,
        "same page for all:",
        len(set(pages)) == 1,
    )
    #> single-flight, database reads: 1 same page for all: True
    # --8<-- [end:protected]
