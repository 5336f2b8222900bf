"""The bugs on the page really are bugs, in the way the page says."""

from __future__ import annotations

import sys

from examples.coding.backtracking.bugs import (
    subsets_dup_no_skip,
    subsets_dup_skip_across_depths,
    subsets_no_copy,
    subsets_no_undo,
)
from examples.coding.backtracking.subsets import subsets
from examples.coding.backtracking.subsets_with_duplicates import subsets_with_duplicates


def test_no_copy_returns_one_list_many_times() -> None:
    found = subsets_no_copy([1, 2, 3])
    assert found == [[]] * 8
    assert all(s is found[0] for s in found)


def test_no_undo_grows_the_path() -> None:
    found = subsets_no_undo([1, 2, 3])
    assert found != subsets([1, 2, 3])
    assert max(map(len, found)) > 3


def test_no_skip_repeats_subsets() -> None:
    found = subsets_dup_no_skip([2, 1, 2])
    assert len(found) == 8
    assert sorted(set(map(tuple, found))) == sorted(map(tuple, subsets_with_duplicates([2, 1, 2])))


def test_skipping_across_depths_loses_subsets() -> None:
    found = subsets_dup_skip_across_depths([2, 1, 2])
    assert [1, 2, 2] not in found
    assert [2, 2] not in found
    assert len(found) < len(subsets_with_duplicates([2, 1, 2]))


def test_output_sensitive_searches_run_out_of_frames_on_tiny_outputs() -> None:
    # The page's recursion paragraph: depth, not output, is the limit for these.
    from examples.coding.backtracking.bugs import outcome
    from examples.coding.backtracking.combination_sum import combination_sum
    from examples.coding.backtracking.palindrome_partitioning import palindrome_partitions
    from examples.coding.backtracking.permutations_with_duplicates import (
        permutations_with_duplicates,
    )

    limit = sys.getrecursionlimit()
    assert outcome(lambda: combination_sum([1], limit // 2)) == "1 answer(s)"
    assert outcome(lambda: combination_sum([1], limit)) == "RecursionError"
    assert outcome(lambda: permutations_with_duplicates([7] * limit)) == "RecursionError"
    assert outcome(lambda: subsets_with_duplicates([5] * limit)) == "RecursionError"
    assert outcome(lambda: palindrome_partitions("abc" * (limit // 3 + 1))) == "RecursionError"
