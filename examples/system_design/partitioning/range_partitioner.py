"""Range partitioning: sorted split points cut the key space into contiguous ranges.

With split points [s1, s2, ..., sk], partition 0 holds keys below s1, partition i
holds [s_i, s_i+1), and partition k holds s_k and above. Keys stay in order, so a
range scan visits only the partitions that overlap it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from examples.system_design.partitioning.hashing import check_key


# --8<-- [start:range]
class RangePartitioner:
    """Key -> the partition whose [lower, upper) range contains it."""

    def __init__(self, split_points: Iterable[str]) -> None:
        points = [check_key(point) for point in split_points]
        for lower, upper in itertools.pairwise(points):
            if lower >= upper:
                raise ValueError(
                    f"split points must increase strictly: {lower!r} then {upper!r}"
                )
        self._splits = points

    @property
    def partition_count(self) -> int:
        return len(self._splits) + 1

    def partition_for(self, key: str) -> int:
        # The number of split points at or below the key is its partition.
        return bisect.bisect_right(self._splits, check_key(key))

    def partitions_for_range(self, start: str, end: str) -> range:
        """The partitions a scan of [start, end) must read, and no others."""
        check_key(start)
        check_key(end)
        if start >= end:
            raise ValueError(
                f"an empty range: start {start!r} is not before end {end!r}"
            )
        first = self.partition_for(start)
        last = bisect.bisect_left(self._splits, end)  # holds the keys just below end
        return range(first, last + 1)

    def split(self, at: str) -> int:
        """Cut the partition holding `at` in two; returns the new partition's number.

        This is how range-partitioned stores rebalance: a partition that grew
        too big or too hot is split, and one half can move to another node.
        """
        if check_key(at) in self._splits:
            raise ValueError(f"{at!r} is already a split point")
        bisect.insort(self._splits, at)
        return self.partition_for(at)

    # --8<-- [end:range]

    def bounds(self, partition: int) -> tuple[str | None, str | None]:
        """(lower, upper) of a partition; None where the range is open."""
        if not 0 <= partition < self.partition_count:
            raise ValueError(
                f"partition {partition} does not exist (0..{self.partition_count - 1})"
            )
        lower = self._splits[partition - 1] if partition else None
        upper = self._splits[partition] if partition < len(self._splits) else None
        return lower, upper
