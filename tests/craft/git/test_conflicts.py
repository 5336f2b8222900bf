"""A conflict stops the merge with markers; the resolution is committed and remembered."""

from __future__ import annotations

from examples.craft.git.conflicts import (
    RESOLVED,
    both_edit_one_line,
    merge_and_resolve,
    redo_merge,
)
from examples.craft.git.sandbox import Sandbox


def test_a_conflict_exits_non_zero_and_leaves_both_sides_marked() -> None:
    with Sandbox() as sandbox:
        repo = both_edit_one_line(sandbox)
        code, marked, resolved = merge_and_resolve(repo)
        assert code == 1
        assert marked.splitlines() == [
            "<<<<<<< HEAD",
            "TIMEOUT_S = 10.0",
            "=======",
            "TIMEOUT_S = 2.0",
            ">>>>>>> feature",
        ]
        assert resolved == RESOLVED
        assert repo.git("status", "--porcelain").stdout == ""  # committed, clean
        parents = repo.git("log", "-1", "--format=%p").stdout.split()
        assert len(parents) == 2  # a real merge commit


def test_rerere_replays_the_resolution_but_leaves_the_add_to_you() -> None:
    with Sandbox() as sandbox:
        repo = both_edit_one_line(sandbox)
        merge_and_resolve(repo)
        code, said, content, unmerged = redo_merge(repo)
        assert code == 1  # still reported as a conflict
        assert said == ["Resolved 'config.py' using previous resolution."]
        assert content == RESOLVED
        assert unmerged == ["config.py"]


def test_without_rerere_the_markers_come_back() -> None:
    with Sandbox() as sandbox:
        repo = both_edit_one_line(sandbox)
        repo.git("config", "rerere.enabled", "false")
        merge_and_resolve(repo)
        code, said, content, _ = redo_merge(repo)
        assert code == 1
        assert said == []
        assert "<<<<<<< HEAD" in content
