import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.integer_sqrt import integer_sqrt, integer_sqrt_brute_force


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 5_000))
def test_matches_brute_force(n: int) -> None:
    assert integer_sqrt(n) == integer_sqrt_brute_force(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**60))
def test_matches_isqrt_on_huge_ints(n: int) -> None:
    assert integer_sqrt(n) == math.isqrt(n)


def test_negative_is_refused() -> None:
    with pytest.raises(ValueError, match="no real square root"):
        integer_sqrt(-1)
    with pytest.raises(ValueError, match="no real square root"):
        integer_sqrt_brute_force(-1)
