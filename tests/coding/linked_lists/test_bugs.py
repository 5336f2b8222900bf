"""The deliberately wrong functions really are wrong, in the way the page says."""

from __future__ import annotations

import pytest

from examples.coding.linked_lists.bugs import (
    remove_nth_from_end_returns_old_head,
    reorder_list_without_the_cut,
    reverse_list_loses_the_rest,
)
from examples.coding.nodes import build_list, iterate_list, list_values


def test_overwriting_next_first_keeps_only_one_node() -> None:
    assert list_values(reverse_list_loses_the_rest(build_list([1, 2, 3]))) == [1]


def test_returning_the_old_head_is_right_until_the_head_is_removed() -> None:
    assert list_values(remove_nth_from_end_returns_old_head(build_list([1, 2, 3]), 1)) == [1, 2]
    assert list_values(remove_nth_from_end_returns_old_head(build_list([1, 2, 3]), 3)) == [1, 2, 3]


@pytest.mark.parametrize("length", [3, 4, 5, 8])
def test_a_reorder_without_the_cut_leaves_a_cycle(length: int) -> None:
    head = build_list(list(range(length)))
    assert head is not None
    reorder_list_without_the_cut(head)
    with pytest.raises(ValueError, match="cycle"):
        list(iterate_list(head, limit=length * 2))
