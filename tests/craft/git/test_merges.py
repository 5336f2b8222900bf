"""Merge styles, merge vs rebase, and what a rebase does to a branch others have."""

from __future__ import annotations

import re

import pytest

from examples.craft.git.merge_styles import land
from examples.craft.git.rebase_vs_merge import integrate, rebase_shared_branch

FEATURE = ["Apply discount in total", "Add discount codes"]


def subjects(graph: list[str]) -> list[str]:
    """The commit subjects in a graph, with the lines and stars stripped off."""
    return [re.sub(r"^[*|/\\ ]+", "", line) for line in graph if "*" in line]


def test_no_ff_keeps_the_branch_and_adds_one_merge_commit() -> None:
    graph = land("merge commit")
    assert subjects(graph) == ["Merge branch 'feature'", *FEATURE, "Add cart"]
    assert "|\\" in graph  # two parents: the branch is visible


def test_fast_forward_moves_main_to_the_same_commits() -> None:
    assert land("fast-forward") == [f"* {s}" for s in [*FEATURE, "Add cart"]]


def test_squash_lands_one_new_commit() -> None:
    assert land("squash") == ["* Add discount codes (#42)", "* Add cart"]


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown style 'octopus'"):
        land("octopus")


def test_merge_keeps_both_lines_and_rebase_makes_one() -> None:
    merged = integrate("merge")
    assert subjects(merged)[0] == "Merge branch 'feature'"
    assert "Fix tax rounding" in subjects(merged)
    rebased = integrate("rebase")
    assert rebased == [f"* {s}" for s in [*FEATURE, "Fix tax rounding", "Add cart"]]
    with pytest.raises(ValueError, match="'merge' or 'rebase'"):
        integrate("cherry-pick")


def test_a_rebased_shared_branch_forks_from_what_others_have() -> None:
    shared = rebase_shared_branch()
    assert shared.only_on_origin == FEATURE  # the old commits, not the new copies
    assert shared.push_exit == 1
    assert shared.rejected is True
    assert subjects(shared.alice).count("Add discount codes") == 2  # new and old
    bob = subjects(shared.bob)
    # Bob's branch still holds the old copies under his commit: each change twice.
    assert bob.count("Add discount codes") == 2
    assert "Show discount on receipt" in bob
    # pull --rebase drops the old copies and replays only his commit.
    assert subjects(shared.bob_rebased) == [
        "Show discount on receipt",
        *FEATURE,
        "Fix tax rounding",
        "Add cart",
    ]
