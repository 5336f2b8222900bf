"""Bisect names the seeded bad commit wherever it is; revert undoes a merge and keeps history."""

from __future__ import annotations

import math

import pytest

from examples.craft.git.bisect_run import find_first_bad
from examples.craft.git.revert_release import (
    merge_again_after_revert,
    reset_shared_main,
    revert_release,
)


@pytest.mark.parametrize("broken_at", [2, 7, 11, 16])
def test_bisect_finds_the_seeded_commit_in_about_log2_runs(broken_at: int) -> None:
    subject, runs = find_first_bad(commits=16, broken_at=broken_at)
    assert subject == f"Change {broken_at:02d}: simplify with_tax"
    assert 1 <= runs <= math.ceil(math.log2(15))  # 15 suspects: commit 1 is good


def test_bisect_refuses_a_range_without_a_good_first_commit() -> None:
    with pytest.raises(ValueError, match=r"broken_at must be in 2\.\.8"):
        find_first_bad(commits=8, broken_at=1)


def test_revert_of_the_merge_restores_the_file_as_a_new_commit() -> None:
    content, graph = revert_release()
    assert content == "RETRIES = 3, export.py present: False"
    assert graph[0] == "* Revert \"Merge branch 'release-7'\""
    assert "*   Merge branch 'release-7'" in graph  # the merge is still in history


def test_reset_of_shared_main_is_rejected_then_undone_by_a_teammate() -> None:
    code, on_main = reset_shared_main()
    assert code == 1
    assert on_main == "RETRIES = 0\n"  # Bob's pull merged the bad release back


def test_merging_again_after_a_revert_drops_the_reverted_changes() -> None:
    assert merge_again_after_revert(False) == "RETRIES = 3, export.py present: False"
    assert merge_again_after_revert(True) == "RETRIES = 3, export.py present: True"
