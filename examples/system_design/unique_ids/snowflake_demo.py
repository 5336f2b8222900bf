"""Snowflake IDs with a stepped clock: decode, overflow, a clock step, a shared worker id."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

from examples.system_design.unique_ids.clock import SteppedClock
from examples.system_design.unique_ids.snowflake import (
    MAX_ELAPSED_MS,
    TWITTER_EPOCH_MS,
    ClockMovedBackwardsError,
    SnowflakeGenerator,
    decode,
)


def utc(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


START = 1_700_000_000_000  # 2023-11-14, a fixed Unix millisecond for the demo

# --8<-- [start:decode]
clock = SteppedClock(START)
worker = SnowflakeGenerator(worker_id=37, clock=clock, sleep=clock.sleep)
first = worker()
print(first)
#> 1724551110456397824
print(decode(first))
#> SnowflakeParts(timestamp_ms=1700000000000, worker_id=37, sequence=0)
print(
    "epoch:", utc(TWITTER_EPOCH_MS), "runs out:", utc(TWITTER_EPOCH_MS + MAX_ELAPSED_MS)
)
#> epoch: 2010-11-04T01:42:54.657+00:00 runs out: 2080-07-10T17:30:30.208+00:00
try:
    SnowflakeGenerator(worker_id=1024)
except ValueError as error:
    print(error)
    #> worker_id must be 0..1023, got 1024
# --8<-- [end:decode]

# --8<-- [start:overflow]
batch = [worker() for _ in range(5_000)]  # more than 4,096 in one millisecond
print("strictly increasing:", all(a < b for a, b in pairwise(batch)))
#> strictly increasing: True
print("last:", decode(batch[-1]))
#> last: SnowflakeParts(timestamp_ms=1700000000001, worker_id=37, sequence=904)
print("waits:", worker.waits, "ms slept:", clock.slept_ms)
#> waits: 1 ms slept: 1
# --8<-- [end:overflow]

# --8<-- [start:backwards]
clock.set(clock() - 3)  # an NTP step back by 3 ms
try:
    worker()
except ClockMovedBackwardsError as error:
    print(error)
    #> clock moved backwards by 3 ms; refusing to make IDs
clock.advance(4)  # once the clock passes the last ID's time, IDs flow again
print("after the step:", decode(worker()).timestamp_ms - START)
#> after the step: 2
# --8<-- [end:backwards]

# --8<-- [start:same_worker]
# Two nodes misconfigured with the same worker id, on clocks that agree:
clock_a, clock_b = SteppedClock(START), SteppedClock(START)
node_a = SnowflakeGenerator(7, clock=clock_a, sleep=clock_a.sleep)
node_b = SnowflakeGenerator(7, clock=clock_b, sleep=clock_b.sleep)
ids_a = [node_a() for _ in range(1_000)]
ids_b = [node_b() for _ in range(1_000)]
print("duplicates:", len(set(ids_a) & set(ids_b)), "of", len(ids_a))
#> duplicates: 1000 of 1000
# --8<-- [end:same_worker]

# --8<-- [start:low_rate]
# One ID per millisecond: every sequence is 0, so the low 12 bits are all zero.
quiet_clock = SteppedClock(START)
quiet = SnowflakeGenerator(3, clock=quiet_clock, sleep=quiet_clock.sleep)
ids = []
for _ in range(1_000):
    ids.append(quiet())
    quiet_clock.advance(1)
print("shards used by id % 16:", len({i % 16 for i in ids}))
#> shards used by id % 16: 1
# --8<-- [end:low_rate]
