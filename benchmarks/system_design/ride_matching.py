"""Ride matching: nearest-5 drivers from the quadtree, a brute-force scan and Redis GEOSEARCH.

The numbers behind docs/system-design/ride-matching/. Drivers are uniform
over a 45 km square around Bengaluru; every query asks for the 5 nearest.
The quadtree and the scan run in this process (CPU time); GEOSEARCH is a
loopback round trip to Redis 7.0 (wall time), radius 3 km.

    .venv/bin/python benchmarks/system_design/ride_matching.py
"""

# requires-server: redis

from __future__ import annotations

import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.timing import CPU_CLOCK, WALL_CLOCK, per_operation, quick_mode, report
from examples import server_settings
from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.distance import nearest_brute_force
from examples.system_design.ride_matching.positions import UPDATE, PositionStore
from examples.system_design.ride_matching.quadtree import QuadTree

FLEETS = (100, 1_000, 3_000) if quick_mode() else (1_000, 10_000, 100_000)
QUERIES = 20 if quick_mode() else 100
SERVER_REQUESTS = 2_000 if quick_mode() else 20_000  # per redis-benchmark run
SCAN_QUERIES = 10  # a scan of 100,000 drivers takes a fifth of a second; 10 suffice
K = 5
BOX = ((12.77, 13.17), (77.39, 77.80))
NOTEBOOK = Path(__file__).parents[2] / "docs" / "system-design" / "ride-matching" / "estimation.py"


def write_budget() -> int:
    """The estimate's assumed UPDATE scripts a second per primary, read from the notebook."""
    found = re.search(r"^REDIS_UPDATES_PER_PRIMARY = ([\d_]+)", NOTEBOOK.read_text(encoding="utf-8"), re.MULTILINE)
    if found is None:
        raise ValueError(f"no REDIS_UPDATES_PER_PRIMARY in {NOTEBOOK}")
    return int(found.group(1))


def fleet(size: int, seed: int = 1) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)  # noqa: S311 -- repeatable data, not secrets
    (lat0, lat1), (lon0, lon1) = BOX
    return {f"d{i:07d}": (rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)) for i in range(size)}


def queries(count: int, seed: int = 2) -> list[tuple[float, float]]:
    rng = random.Random(seed)  # noqa: S311 -- repeatable data, not secrets
    (lat0, lat1), (lon0, lon1) = BOX
    return [(rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)) for _ in range(count)]


def tree_of(drivers: dict[str, tuple[float, float]]) -> QuadTree:
    tree = QuadTree(capacity=16)
    for driver_id, (lat, lon) in drivers.items():
        tree.upsert(driver_id, lat, lon)
    return tree


def per_query(search: Callable[[float, float], object], points: list[tuple[float, float]], clock) -> float:
    """Best of 3 passes over the queries, seconds per query."""
    best = float("inf")
    for _ in range(1 if quick_mode() else 3):
        start = clock()
        for lat, lon in points:
            search(lat, lon)
        best = min(best, (clock() - start) / len(points))
    return best


def moves(size: int):
    """A workload: every driver of a fleet of `size` moves about 30 m."""
    drivers = fleet(size)
    tree = tree_of(drivers)
    steps = [(d, lat + 0.0002, lon + 0.0002) for d, (lat, lon) in drivers.items()]

    def run() -> None:
        for driver_id, lat, lon in steps:
            tree.upsert(driver_id, lat, lon)

    return run, len(steps)


def server_throughput(city: PositionStore, scratch: PositionStore, sha: str) -> dict[str, float]:
    """Commands per second the Redis server answers (redis-benchmark, 50 connections).

    GEOSEARCH runs first, on `city`; the writes go to `scratch`'s keys, with
    drivers drawn from a million ids, so nearly every UPDATE is accepted.
    """
    tool = shutil.which("redis-benchmark")
    if tool is None:
        return {}
    url = urlsplit(server_settings.redis_url())
    base = [tool, "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 6379)]
    base += ["-n", str(SERVER_REQUESTS), "-c", "50", "-r", "1000000", "-q"]
    w = scratch.keys
    commands = {
        "GEOSEARCH 3 km, 5 nearest": [
            "GEOSEARCH", city.keys.available, "FROMLONLAT", "77.59", "12.97",
            "BYRADIUS", "3000", "m", "ASC", "COUNT", "5",
        ],
        "GEOADD alone": ["GEOADD", w.available, "77.6", "12.97", "w__rand_int__"],
        "UPDATE script (4 writes)": [
            "EVALSHA", sha, "4", w.available, w.seen, w.sent, w.history,
            "w__rand_int__", "77.6", "12.97", "1", "1", "100000",
        ],
    }
    rates = {}
    for label, command in commands.items():
        out = subprocess.run(base + command, capture_output=True, text=True, timeout=120, check=True).stdout
        found = re.findall(r"([\d.]+) requests per second", out)
        if found:
            rates[label] = float(found[-1])
    return rates


def main() -> None:
    points = queries(QUERIES)
    print(f"nearest {K}; {QUERIES} queries ({SCAN_QUERIES} for the scan); microseconds per query")
    print(f"{'drivers':>9} {'quadtree':>10} {'brute force':>12} {'ratio':>7} {'GEOSEARCH':>10}")
    rates: dict[str, float] = {}
    with redis_session("ride_bench") as (r, p):
        for size in FLEETS:
            drivers = fleet(size)
            tree = tree_of(drivers)
            store = PositionStore(r, p, city=f"bench{size}")
            members = [(lon, lat, d) for d, (lat, lon) in drivers.items()]
            for start in range(0, len(members), 1_000):  # GEOADD takes many at once
                batch = members[start : start + 1_000]
                r.geoadd(store.keys.available, [x for member in batch for x in member])
            for lat, lon in points[:SCAN_QUERIES]:  # they agree before anything is timed
                assert tree.nearest(lat, lon, K) == nearest_brute_force(drivers, lat, lon, K)
            t_tree = per_query(partial(tree.nearest, k=K), points, CPU_CLOCK)
            scan = points[:SCAN_QUERIES]
            t_scan = per_query(partial(nearest_brute_force, drivers, k=K), scan, CPU_CLOCK)
            t_redis = per_query(partial(store.nearby, radius_m=3_000, k=K), points, WALL_CLOCK)
            print(
                f"{size:>9,} {t_tree * 1e6:>10.1f} {t_scan * 1e6:>12.1f} "
                f"{t_scan / t_tree:>6.0f}x {t_redis * 1e6:>10.1f}",
                flush=True,
            )
            if size == FLEETS[1]:
                scratch = PositionStore(r, p, city="benchwrites")
                rates = server_throughput(store, scratch, r.script_load(UPDATE))
                r.delete(*vars(scratch.keys).values())
            r.delete(*vars(store.keys).values())
    if rates:
        print(f"server throughput: redis-benchmark, {SERVER_REQUESTS:,} requests, 50 connections")
        for label, rate in rates.items():
            print(f"{label:<28}{rate:>10,.0f} per s   ratio to GEOADD {rate / rates['GEOADD alone']:5.2f}")
        budget = write_budget()
        print(f"{'estimate (an assumption)':<28}{budget:>10,} per s   UPDATE scripts per primary")
    else:
        print("server throughput: redis-benchmark is not installed, so not measured")
    small, large = FLEETS[0], FLEETS[-1]
    report("quadtree upsert, a 30 m move", per_operation(moves, (small, large), clock=CPU_CLOCK), claim="O(log n)")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(ran in {time.perf_counter() - started:.1f} s)")
