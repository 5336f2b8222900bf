"""The heap of k keeps exactly the points a full sort would, in the same order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.k_closest import k_closest, k_closest_by_sorting

POINTS = st.lists(st.lists(st.integers(-6, 6), min_size=2, max_size=2), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_matches_sorting(data: st.DataObject) -> None:
    points = data.draw(POINTS)
    k = data.draw(st.integers(0, len(points)))
    assert k_closest(points, k) == k_closest_by_sorting(points, k)


@pytest.mark.parametrize("solution", [k_closest, k_closest_by_sorting])
def test_k_out_of_range_is_refused(solution) -> None:
    with pytest.raises(ValueError, match="k must be between"):
        solution([[1, 1]], 2)
    with pytest.raises(ValueError, match="k must be between"):
        solution([[1, 1]], -1)
