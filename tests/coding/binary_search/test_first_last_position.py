from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.first_last_position import search_range, search_range_brute_force


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=30).map(sorted), st.integers(-7, 7))
def test_matches_brute_force(nums: list[int], target: int) -> None:
    assert search_range(nums, target) == search_range_brute_force(nums, target)
