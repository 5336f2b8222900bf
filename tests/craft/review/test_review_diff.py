"""The generated diff and the comments attached to its lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examples.craft.review import review_diff
from examples.craft.review.review_diff import LINE_COMMENTS, PR_COMMENTS, Comment
from tests.craft.review import test_signup

DIFF = review_diff.unified_diff()


def test_every_comment_sits_on_exactly_one_changed_line() -> None:
    for comment in LINE_COMMENTS:
        assert comment.line is not None and comment.line[0] in "+-"
        assert DIFF.count(comment.line) == 1, f"not exactly once in the diff: {comment.line!r}"


def test_every_blocking_line_comment_names_a_test_that_exists() -> None:
    blocking = [c for c in LINE_COMMENTS if c.blocking]
    assert len(blocking) == 4
    for comment in blocking:
        assert comment.test is not None and callable(getattr(test_signup, comment.test, None)), comment.test


def test_the_grades_are_the_three_the_page_uses() -> None:
    grades = [c.grade for c in PR_COMMENTS + LINE_COMMENTS]
    assert set(grades) == {"blocking", "suggestion", "nit", "-"}
    assert all(c.label in {"praise", "question"} for c in PR_COMMENTS + LINE_COMMENTS if c.grade == "-")


def test_hunk_headers_give_the_files_own_line_numbers() -> None:
    before = review_diff.BEFORE.read_text().splitlines()
    after = review_diff.AFTER.read_text().splitlines()
    hunks = review_diff.hunks(DIFF)
    assert len(hunks) == 3
    for hunk in hunks:
        match = re.match(r"@@ -(\d+),\d+ \+(\d+),\d+ @@$", hunk[0])
        assert match, hunk[0]
        old_at, new_at = int(match[1]), int(match[2])
        old_side = [line[1:] for line in hunk[1:] if not line.startswith("+")]
        new_side = [line[1:] for line in hunk[1:] if not line.startswith("-")]
        assert [line.rstrip() for line in before[old_at - 1 : old_at - 1 + len(old_side)]] == old_side
        assert [line.rstrip() for line in after[new_at - 1 : new_at - 1 + len(new_side)]] == new_side


def test_a_comment_follows_its_line_behind_the_gutter() -> None:
    lines = review_diff.annotate(["-        except Exception:", " unchanged"])
    assert lines[0] == "| -        except Exception:"
    assert lines[1].startswith("  ^-- issue (blocking): This hides every failure")
    assert lines[-1] == "|  unchanged"


def test_rendered_comments_fit_the_page_column() -> None:
    for comment in PR_COMMENTS + LINE_COMMENTS:
        assert all(len(line) <= 75 for line in comment.render())


def test_conventional_comment_headings() -> None:
    assert Comment(None, "issue", "x", blocking=True).render()[0] == "  ^-- issue (blocking): x"
    assert Comment(None, "suggestion", "x").render()[0] == "  ^-- suggestion (non-blocking): x"
    assert Comment(None, "nitpick", "x").render()[0] == "  ^-- nitpick: x"
    assert Comment(None, "issue", "x", blocking=True, test="t").render()[0].endswith("x Test: t.")


def test_an_unknown_label_or_a_blocking_nitpick_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown label 'blocker'"):
        Comment(None, "blocker", "x")
    with pytest.raises(ValueError, match="a nitpick cannot block"):
        Comment(None, "nitpick", "x", blocking=True)


@pytest.mark.parametrize(
    "text",
    ["no markers\n", "# --8<-- [end:pr]\n# --8<-- [start:pr]\n", "# --8<-- [start:pr]\n# --8<-- [start:pr]\n"],
)
def test_a_file_without_one_ordered_pr_section_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "signup.py"
    path.write_text(text)
    with pytest.raises(ValueError, match="needs one pr section"):
        review_diff.pr_section(path)
