from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.kth_smallest_matrix import kth_smallest, kth_smallest_brute_force
from examples.coding.binary_search.kth_smallest_work import cells_read, one_shared_row, sorted_matrix
from examples.coding.binary_search.lower_bound import first_true


def staircase_steps(matrix: list[list[int]], k: int) -> int:
    """An independent count: the steps of every staircase walk the search makes."""
    steps = 0

    def at_least_k(value: int) -> bool:
        nonlocal steps
        count, row, col = 0, len(matrix) - 1, 0
        while row >= 0 and col < len(matrix[0]):
            steps += 1
            if matrix[row][col] <= value:
                count, col = count + row + 1, col + 1
            else:
                row -= 1
        return count >= k

    first_true(matrix[0][0], matrix[-1][-1], at_least_k)
    return steps


def ascends(matrix: list[list[int]]) -> bool:
    rows_ok = all(a <= b for row in matrix for a, b in pairwise(row))
    cols_ok = all(a <= b for col in zip(*matrix, strict=True) for a, b in pairwise(col))
    return rows_ok and cols_ok


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10**6), st.data())
def test_cells_read_is_every_staircase_step_plus_the_two_corners(
    side: int, seed: int, data: st.DataObject
) -> None:
    matrix = sorted_matrix(side, seed)
    k = data.draw(st.integers(1, side * side))
    assert cells_read(matrix, k) == staircase_steps(matrix, k) + 2


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10**6), st.data())
def test_the_control_matrix_is_a_valid_input_with_one_row_object(
    side: int, seed: int, data: st.DataObject
) -> None:
    matrix = sorted_matrix(side, seed)
    shared = one_shared_row(matrix)
    assert ascends(matrix) and ascends(shared)
    assert len({id(row) for row in shared}) == 1
    k = data.draw(st.integers(1, side * side))
    assert kth_smallest(shared, k) == kth_smallest_brute_force(shared, k)
    assert cells_read(shared, k) == staircase_steps(shared, k) + 2
