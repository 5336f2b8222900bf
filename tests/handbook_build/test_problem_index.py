"""The problem index lists every case file once, by difficulty, linking its page and heading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook_build.cases.case_file import CaseFileError
from handbook_build.problem_index import index_markdown, load_problems


def make_repo(tmp_path: Path) -> tuple[Path, Path]:
    examples, docs = tmp_path / "examples", tmp_path / "docs"
    (examples / "coding" / "pointers").mkdir(parents=True)
    (docs / "coding").mkdir(parents=True)
    (docs / "coding" / "pointers.md").write_text("# Two pointers: sorted input in one pass\n\nText.\n")
    return examples, docs


def add_problem(examples: Path, name: str, **fields: object) -> None:
    data = {"title": name.replace("_", " ").capitalize(), "difficulty": "easy",
            "page": f"coding/pointers.md#{name}", "function": name,
            "cases": [{"name": "one", "args": [], "expected": 1}, {"name": "two", "args": [], "expected": 2}],
            **fields}
    (examples / "coding" / "pointers" / f"{name}.cases.json").write_text(json.dumps(data))


def test_problems_are_listed_by_pattern_in_nav_order_and_by_difficulty(tmp_path: Path) -> None:
    examples, docs = make_repo(tmp_path)
    (docs / "coding" / "heaps.md").write_text("# Heaps: the smallest first\n")
    add_problem(examples, "pair_sum")
    add_problem(examples, "three_sum", difficulty="medium")
    add_problem(examples, "squares", practice=True)
    data = {"title": "Kth largest", "difficulty": "medium", "page": "coding/heaps.md#kth",
            "function": "kth", "cases": [{"name": "one", "args": [], "expected": 1}]}
    (examples / "coding" / "pointers" / "kth.cases.json").write_text(json.dumps(data))
    nav = {"coding/heaps.md": "Heaps", "coding/pointers.md": "Two pointers"}

    markdown = index_markdown(load_problems(examples), docs, nav)

    assert "4 problems (2 easy, 2 medium, 0 hard; 1 of them practice problems), with 7 cases in all." in markdown
    by_pattern, by_difficulty = markdown.split("## By difficulty")
    # Patterns in navigation order; in each, problems before practice, easy before medium.
    assert by_pattern.index("### Heaps") < by_pattern.index("### Two pointers")
    pointers = by_pattern.split("### Two pointers")[1]
    assert pointers.index("Pair sum") < pointers.index("Three sum") < pointers.index("Squares")
    assert "| [Squares](pointers.md#squares) | easy, practice |" in pointers
    easy, medium = by_difficulty.split("### Medium")
    assert "| [Pair sum](pointers.md#pair_sum) | [Two pointers](pointers.md) |" in easy
    assert "| [Kth largest](heaps.md#kth) | [Heaps](heaps.md) |" in medium
    assert "### Hard" not in markdown


def test_a_page_the_nav_does_not_title_is_named_by_its_heading(tmp_path: Path) -> None:
    examples, docs = make_repo(tmp_path)
    add_problem(examples, "pair_sum")
    assert "### Two pointers\n" in index_markdown(load_problems(examples), docs, {})


def test_a_broken_case_file_stops_the_index_naming_it(tmp_path: Path) -> None:
    examples, _docs = make_repo(tmp_path)
    add_problem(examples, "pair_sum", difficulty="trivial")
    expected = r"^examples/coding/pointers/pair_sum\.cases\.json: 'difficulty' must be one of"
    with pytest.raises(CaseFileError, match=expected):
        load_problems(examples)
