"""Three sum against the O(n^3) set-of-tuples brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.three_sum import three_sum, three_sum_brute_force

LISTS = st.lists(st.integers(-10, 10), max_size=25)


@settings(max_examples=200, deadline=None)
@given(LISTS)
def test_matches_brute_force_as_a_set_of_triplets(numbers: list[int]) -> None:
    assert sorted(three_sum(numbers)) == three_sum_brute_force(numbers)


@settings(max_examples=200, deadline=None)
@given(LISTS)
def test_no_triplet_twice_and_each_sorted(numbers: list[int]) -> None:
    triplets = three_sum(numbers)
    assert len({tuple(t) for t in triplets}) == len(triplets)
    assert all(t == sorted(t) for t in triplets)


def test_leaves_the_input_unchanged() -> None:
    numbers = [3, -1, -2, 0, 1]
    three_sum(numbers)
    assert numbers == [3, -1, -2, 0, 1]
