"""Range partitioning keeps order: cheap range scans, and a hotspot for sequential keys."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.range_partitioner import RangePartitioner


def shares(counts: Counter, names: list) -> list[str]:
    total = sum(counts.values())
    return [f"{counts[name] / total:.0%}" for name in names]


# --8<-- [start:scans]
# Four partitions by month: before Feb 2024, Feb, Mar, and Apr onward.
by_month = RangePartitioner(["2024-02", "2024-03", "2024-04"])
print(by_month.partition_for("2024-03-05T10:00:00Z"))
#> 2
print(list(by_month.partitions_for_range("2024-03-04", "2024-03-11")))
#> [2]
print(list(by_month.partitions_for_range("2024-01-20", "2024-02-10")))
#> [0, 1]

# The same week of hourly keys, hash-partitioned: the scan must ask everyone.
by_hash = ModuloPartitioner(["p0", "p1", "p2", "p3"])
week = [
    f"2024-03-{day:02d}T{hour:02d}:00:00Z" for day in range(4, 11) for hour in range(24)
]
print(sorted({by_hash.node_for(key) for key in week}))
#> ['p0', 'p1', 'p2', 'p3']
# --8<-- [end:scans]

# --8<-- [start:hotspot]
# 10,000 writes, one a second from 100 sensors, keyed by timestamp first.
start = datetime(2024, 4, 1, tzinfo=UTC)
stamps = [
    (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(10_000)
]
print(
    "range, time first:",
    shares(Counter(map(by_month.partition_for, stamps)), [0, 1, 2, 3]),
)
#> range, time first: ['0%', '0%', '0%', '100%']
print(
    "hash, time first: ", shares(Counter(map(by_hash.node_for, stamps)), by_hash.nodes)
)
#> hash, time first:  ['25%', '25%', '25%', '25%']

# Put the sensor first: writes spread, and one sensor's day is still one partition.
by_sensor = RangePartitioner(["sensor-025", "sensor-050", "sensor-075"])
keyed = [f"sensor-{i % 100:03d}|{stamp}" for i, stamp in enumerate(stamps)]
print(
    "range, sensor first:",
    shares(Counter(map(by_sensor.partition_for, keyed)), [0, 1, 2, 3]),
)
#> range, sensor first: ['25%', '25%', '25%', '25%']
print(
    list(
        by_sensor.partitions_for_range("sensor-042|2024-04-01", "sensor-042|2024-04-02")
    )
)
#> [1]
# --8<-- [end:hotspot]
