"""RangePartitioner against a brute-force model: a key's partition is its count of split points at or below it."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from examples.system_design.partitioning.range_partitioner import RangePartitioner

letters = st.text(alphabet="abcd", max_size=3)
split_lists = st.lists(letters, max_size=6, unique=True).map(sorted)


def model_partition(splits: list[str], key: str) -> int:
    return sum(point <= key for point in splits)


@given(splits=split_lists, key=letters)
def test_partition_for_matches_the_model(splits: list[str], key: str) -> None:
    partitioner = RangePartitioner(splits)
    assert partitioner.partition_for(key) == model_partition(splits, key)
    lower, upper = partitioner.bounds(partitioner.partition_for(key))
    assert lower is None or lower <= key
    assert upper is None or key < upper


@given(splits=split_lists, start=letters, end=letters, probes=st.lists(letters, max_size=30))
def test_a_range_scan_reads_every_partition_it_needs_and_no_other(splits, start, end, probes) -> None:
    assume(start < end)
    partitioner = RangePartitioner(splits)
    touched = partitioner.partitions_for_range(start, end)
    # Every key inside the range lives in a touched partition...
    for key in [start, *splits, *probes]:
        if start <= key < end:
            assert partitioner.partition_for(key) in touched
    # ...and every touched partition holds some key of the range: its lower
    # bound, or `start` itself for the first one.
    for partition in touched:
        lower, _ = partitioner.bounds(partition)
        witness = start if partition == touched.start else lower
        assert witness is not None and start <= witness < end
        assert partitioner.partition_for(witness) == partition


@given(splits=split_lists, at=letters, keys=st.lists(letters, max_size=20))
def test_split_only_changes_the_partition_it_cuts(splits, at, keys) -> None:
    assume(at not in splits)
    before = RangePartitioner(splits)
    after = RangePartitioner(splits)
    new = after.split(at)
    assert after.partition_count == before.partition_count + 1
    for key in keys:
        old, now = before.partition_for(key), after.partition_for(key)
        # Keys below `at` keep their number; keys at or above it shift by one.
        assert now == (old if key < at else old + 1)
    assert after.bounds(new)[0] == at


def test_a_time_range_touches_one_month() -> None:
    months = RangePartitioner(["2024-02", "2024-03", "2024-04"])
    assert list(months.partitions_for_range("2024-03-04", "2024-03-11")) == [2]
    assert list(months.partitions_for_range("2023-12-01", "2025-01-01")) == [0, 1, 2, 3]
    assert months.partition_for("2024-04-30T23:59:59Z") == 3  # the open-ended last one


def test_no_split_points_is_one_partition() -> None:
    only = RangePartitioner([])
    assert only.partition_count == 1
    assert list(only.partitions_for_range("a", "z")) == [0]
    assert only.bounds(0) == (None, None)


@pytest.mark.parametrize("splits", [["b", "a"], ["a", "a"]])
def test_split_points_must_increase(splits: list[str]) -> None:
    with pytest.raises(ValueError, match="must increase strictly"):
        RangePartitioner(splits)


def test_bad_input_is_refused() -> None:
    partitioner = RangePartitioner(["m"])
    with pytest.raises(ValueError, match="an empty range"):
        partitioner.partitions_for_range("q", "c")
    with pytest.raises(ValueError, match="already a split point"):
        partitioner.split("m")
    with pytest.raises(TypeError, match="a key must be a str"):
        partitioner.partition_for(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a key must be a str"):
        RangePartitioner([1, 2])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="does not exist"):
        partitioner.bounds(2)
