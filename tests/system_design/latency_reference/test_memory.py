"""The memory probes' access patterns: the cycles they chase and what they refuse."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.latency_reference.memory import (
    FALLBACK_CACHE_BYTES,
    chase,
    dict_lookups,
    gathered_read,
    last_level_cache_bytes,
    random_cycle,
    sequential_cycle,
    sequential_read,
)


def ticking(step: float):
    """A clock that moves `step` seconds per reading."""
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


@settings(max_examples=50)
@given(length=st.integers(2, 5_000), share=st.floats(0.01, 1.0), seed=st.integers(0, 2**32 - 1))
def test_a_random_cycle_visits_every_chosen_position_once(length: int, share: float, seed: int) -> None:
    visits = max(2, min(length, int(length * share)))
    table, start = random_cycle(length, visits, seed)
    seen = [start]
    position = int(table[start])
    while position != start:
        seen.append(position)
        position = int(table[position])
        assert len(seen) <= visits, "the walk did not come back to its start"
    assert len(seen) == visits == len(set(seen))
    width = length // visits
    assert sorted(p // width for p in seen) == list(range(visits)), "one position per slice"


def test_a_random_cycle_is_the_same_for_the_same_seed_and_shuffled() -> None:
    first, start = random_cycle(10_000, 1_000, seed=1)
    again, _ = random_cycle(10_000, 1_000, seed=1)
    assert np.array_equal(first, again)
    order = [start]
    for _ in range(999):
        order.append(int(first[order[-1]]))
    assert order != sorted(order), "a cycle in address order would let the prefetcher help"


def test_the_sequential_cycle_steps_one_ahead_and_wraps() -> None:
    assert sequential_cycle(4).tolist() == [1, 2, 3, 0]


def test_chase_follows_the_table_and_divides_time_by_steps() -> None:
    table = sequential_cycle(10)
    per_step, end = chase(table, 23, start=4, clock=ticking(2.0))
    assert end == (4 + 23) % 10
    assert per_step == pytest.approx(2.0 / 23)


def test_reads_are_timed_per_value() -> None:
    values = np.arange(100, dtype=np.int64)
    assert sequential_read(values, ticking(1.0)) == pytest.approx(1 / 100)
    positions = np.array([5, 1, 7], dtype=np.int64)
    out = np.empty(3, dtype=np.int64)
    assert gathered_read(values, positions, out, ticking(3.0)) == pytest.approx(1.0)
    assert out.tolist() == [5, 1, 7]
    assert dict_lookups({1: 1, 2: 2}, [2, 1, 2, 1], ticking(1.0)) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("32768K", 32 * 2**20), ("1M", 2**20), ("4096", 4096), ("lots", FALLBACK_CACHE_BYTES)],
)
def test_the_cache_size_is_read_as_the_kernel_writes_it(tmp_path: Path, text: str, expected: int) -> None:
    size_file = tmp_path / "size"
    size_file.write_text(text + "\n")
    assert last_level_cache_bytes(size_file) == expected


def test_a_missing_cache_size_falls_back(tmp_path: Path) -> None:
    assert last_level_cache_bytes(tmp_path / "absent") == FALLBACK_CACHE_BYTES


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="visits"):
        random_cycle(10, 11, seed=0)
    with pytest.raises(ValueError, match="visits"):
        random_cycle(10, 1, seed=0)
    with pytest.raises(ValueError, match="at least 2"):
        sequential_cycle(1)
    with pytest.raises(ValueError, match="steps"):
        chase(sequential_cycle(4), 0)
    with pytest.raises(ValueError, match="keys"):
        dict_lookups({}, [])
