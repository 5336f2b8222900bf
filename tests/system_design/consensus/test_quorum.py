"""Majorities: the smallest quorum whose groups always overlap, and what it tolerates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.consensus.quorum import always_overlap, majority


@given(st.integers(min_value=1, max_value=9))
def test_a_majority_is_the_smallest_quorum_that_always_overlaps(n: int) -> None:
    q = majority(n)
    assert always_overlap(n, q)
    assert q == 1 or not always_overlap(n, q - 1)  # one fewer, and two groups can miss each other
    assert 2 * q > n


def test_even_sizes_tolerate_no_more_failures_than_the_odd_size_below() -> None:
    tolerated = {n: n - majority(n) for n in range(1, 10)}
    assert [tolerated[n] for n in (3, 5, 7)] == [1, 2, 3]
    assert all(tolerated[n + 1] == tolerated[n] for n in (1, 3, 5, 7))


@pytest.mark.parametrize("bad", [0, -3, True, 2.5, "3"])
def test_a_cluster_size_must_be_a_positive_integer(bad: object) -> None:
    with pytest.raises(ValueError, match="at least one member"):
        majority(bad)


def test_a_quorum_must_fit_the_cluster() -> None:
    with pytest.raises(ValueError, match="between 1 and 3"):
        always_overlap(3, 4)
