"""Many threads and many processes against one key: never more than the limit.

Every caller shares one frozen clock reading, so no quota comes back during
the run and the right answer is exactly the policy's burst. The processes
each open their own connection, as separate app servers would.
"""

# requires-server: redis

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from examples.data.redis.connection import connect, redis_session
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

FROZEN_US = 1_733_097_600_000_000
POLICY = Policy("per-minute", 50, 60)


def admitted_by_one_caller(url: str | None, prefix: str, calls: int) -> int:
    """One app server: its own connection, `calls` requests for the same key."""
    with connect(url) as r:
        limiter = GcraLimiter(r, prefix, [POLICY], clock_us=lambda: FROZEN_US)
        return sum(limiter.allow("key:shared").allowed for _ in range(calls))


def threads(prefix: str, workers: int, calls: int, url: str | None = None) -> int:
    start = threading.Barrier(workers, timeout=10)

    def worker(_: int) -> int:
        start.wait()  # everyone fires at once
        return admitted_by_one_caller(url, prefix, calls)

    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(worker, range(workers)))


def processes(prefix: str, workers: int, calls: int, url: str | None = None) -> int:
    # spawn: a fresh interpreter per worker, nothing inherited from this one
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        jobs = [
            pool.submit(admitted_by_one_caller, url, prefix, calls)
            for _ in range(workers)
        ]
        return sum(job.result(timeout=60) for job in jobs)


if __name__ == "__main__":
    # Pool workers import this file by its module name, so the jobs must too.
    from examples.system_design.rate_limiter.hammer import processes, threads

    # --8<-- [start:hammer]
    with redis_session("rl_hammer") as (r, prefix):
        got = threads(prefix + "t:", workers=16, calls=25)
        print(f"16 threads x 25 calls, limit {POLICY.limit}: {got} admitted")
        #> 16 threads x 25 calls, limit 50: 50 admitted
        got = processes(prefix + "p:", workers=4, calls=100)
        print(f"4 processes x 100 calls, limit {POLICY.limit}: {got} admitted")
        #> 4 processes x 100 calls, limit 50: 50 admitted
    # --8<-- [end:hammer]
