import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.rotated_minimum import find_min_rotated, find_min_rotated_brute_force
from examples.coding.binary_search.rotated_search import search_rotated, search_rotated_brute_force


@st.composite
def rotated_distinct(draw: st.DrawFn) -> list[int]:
    values = sorted(draw(st.sets(st.integers(-100, 100), max_size=30)))
    shift = draw(st.integers(0, max(0, len(values) - 1)))
    return values[shift:] + values[:shift]


@settings(max_examples=200, deadline=None)
@given(rotated_distinct(), st.integers(-110, 110))
def test_search_matches_brute_force(nums: list[int], target: int) -> None:
    assert search_rotated(nums, target) == search_rotated_brute_force(nums, target)


@settings(max_examples=200, deadline=None)
@given(rotated_distinct().filter(bool), st.data())
def test_every_present_value_is_found(nums: list[int], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(nums) - 1))
    assert search_rotated(nums, nums[index]) == index


@settings(max_examples=200, deadline=None)
@given(rotated_distinct().filter(bool))
def test_minimum_matches_brute_force(nums: list[int]) -> None:
    assert find_min_rotated(nums) == find_min_rotated_brute_force(nums)


def test_empty_list_has_no_minimum() -> None:
    with pytest.raises(ValueError, match="empty"):
        find_min_rotated([])
