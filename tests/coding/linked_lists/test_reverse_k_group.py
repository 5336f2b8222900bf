"""Reversing groups in place against reversing chunks of a copy, and a bad k."""

from __future__ import annotations

import sys
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.reverse_k_group import reverse_k_group, reverse_k_group_brute_force
from examples.coding.nodes import build_list, list_values


@given(st.lists(st.integers(-20, 20), max_size=40), st.integers(1, 12))
@settings(max_examples=200, deadline=None)
def test_matches_the_brute_force(items: list[int], k: int) -> None:
    expected = list_values(reverse_k_group_brute_force(build_list(items), k))
    assert list_values(reverse_k_group(build_list(items), k)) == expected


@pytest.mark.parametrize("k", [0, -2])
def test_a_k_below_one_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="k must be at least 1"):
        reverse_k_group(build_list([1, 2]), k)
    with pytest.raises(ValueError, match="k must be at least 1"):
        reverse_k_group_brute_force(build_list([1, 2]), k)


def test_a_k_far_beyond_the_length_stops_at_the_end_of_the_list() -> None:
    """The group scan must stop at None, not count on to k: O(n) time, not O(n + k)."""
    lines = 0

    def tracer(frame: FrameType, event: str, arg: object) -> object:
        nonlocal lines
        if frame.f_code is not reverse_k_group.__code__:
            return None
        if event == "line":
            lines += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = reverse_k_group(build_list([1, 2, 3]), 100_000)
    finally:
        sys.settrace(previous)
    assert list_values(result) == [1, 2, 3]
    assert lines < 100  # a scan that runs k times executes 200,000 lines here
