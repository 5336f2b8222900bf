import bisect
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.real_and_unbounded import first_true_real, lower_bound_unknown_size


@settings(max_examples=200, deadline=None)
@given(st.floats(0.0, 1e12))
def test_square_root_to_float_precision(x: float) -> None:
    root = first_true_real(0.0, max(1.0, x), lambda r: r * r >= x)
    assert math.isclose(root, math.sqrt(x), rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-50, 50), max_size=70).map(sorted), st.integers(-60, 60))
def test_unknown_size_matches_bisect(items: list[int], target: int) -> None:
    reads: list[int] = []

    def read(i: int) -> int | None:
        reads.append(i)
        return items[i] if i < len(items) else None

    answer = lower_bound_unknown_size(read, target)
    assert answer == bisect.bisect_left(items, target)
    assert len(reads) <= 2 * (answer + 2).bit_length() + 2
