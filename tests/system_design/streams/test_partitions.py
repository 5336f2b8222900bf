"""The partition function: stable, in range, and refusing what cannot be a subject."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.streams.partitions import (
    partition_filter,
    partition_of,
    partition_subject,
)

keys = st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=20)


@given(keys, st.integers(1, 64))
def test_a_key_always_lands_in_one_partition_in_range(key: str, partitions: int) -> None:
    p = partition_of(key, partitions)
    assert 0 <= p < partitions
    assert partition_of(key, partitions) == p
    assert partition_subject("orders", key, partitions) == f"orders.{p}.{key}"


def test_the_answer_does_not_depend_on_the_process() -> None:
    """Unlike hash(), which is salted per process: run it under two hash seeds."""
    code = (
        "from examples.system_design.streams.partitions import partition_of;"
        "print([partition_of(f'o-{n}', 8) for n in range(20)])"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert partition_of("o-1", 8) == zlib.crc32(b"o-1") % 8


def test_many_keys_spread_over_every_partition() -> None:
    counts = [0] * 4
    for n in range(4000):
        counts[partition_of(f"customer-{n}", 4)] += 1
    assert min(counts) > 900  # 1000 each if perfectly even


@pytest.mark.parametrize("partitions", [0, -1, 1.5, True, "3", None])
def test_bad_partition_counts_are_refused(partitions: object) -> None:
    with pytest.raises(ValueError, match="partitions must be an int"):
        partition_of("o-1", partitions)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["", "o.1", "o*", "o>", "o 1", "o\n1"])
def test_keys_that_are_not_subject_tokens_are_refused(key: str) -> None:
    with pytest.raises(ValueError):
        partition_subject("orders", key, 3)


def test_a_non_string_key_is_refused() -> None:
    with pytest.raises(ValueError, match="non-empty str"):
        partition_of(42, 3)  # type: ignore[arg-type]


def test_filters_cover_exactly_their_partition() -> None:
    assert partition_filter("orders", 2) == "orders.2.>"
