import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.find_peak import find_peak, find_peak_brute_force, is_peak
from examples.coding.binary_search.kth_smallest_matrix import kth_smallest, kth_smallest_brute_force
from examples.coding.binary_search.search_insert import search_insert, search_insert_brute_force


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=30).map(sorted), st.integers(-25, 25))
def test_search_insert_matches_brute_force(nums: list[int], target: int) -> None:
    assert search_insert(nums, target) == search_insert_brute_force(nums, target)


@st.composite
def no_equal_neighbors(draw: st.DrawFn) -> list[int]:
    first = draw(st.integers(-20, 20))
    steps = draw(st.lists(st.integers(-5, 5).filter(bool), max_size=30))
    values = [first]
    for step in steps:
        values.append(values[-1] + step)
    return values


@settings(max_examples=200, deadline=None)
@given(no_equal_neighbors())
def test_find_peak_returns_a_peak(nums: list[int]) -> None:
    assert is_peak(nums, find_peak(nums))
    assert is_peak(nums, find_peak_brute_force(nums))


@st.composite
def sorted_matrix(draw: st.DrawFn) -> list[list[int]]:
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    grid = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            floor = max(grid[r - 1][c] if r else -30, grid[r][c - 1] if c else -30)
            grid[r][c] = floor + draw(st.integers(0, 4))
    return grid


@settings(max_examples=200, deadline=None)
@given(sorted_matrix(), st.data())
def test_kth_smallest_matches_brute_force(matrix: list[list[int]], data: st.DataObject) -> None:
    k = data.draw(st.integers(1, len(matrix) * len(matrix[0])))
    assert kth_smallest(matrix, k) == kth_smallest_brute_force(matrix, k)


@pytest.mark.parametrize(("matrix", "k"), [([], 1), ([[]], 1), ([[1, 2], [3]], 1), ([[1]], 0), ([[1]], 2)])
def test_kth_smallest_refuses_bad_input(matrix: list[list[int]], k: int) -> None:
    with pytest.raises(ValueError):
        kth_smallest(matrix, k)


def test_find_peak_refuses_an_empty_list() -> None:
    with pytest.raises(ValueError, match="no peak"):
        find_peak([])
