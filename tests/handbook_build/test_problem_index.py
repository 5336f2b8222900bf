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


def test_problems_are_grouped_by_difficulty_with_links(tmp_path: Path) -> None:
    examples, docs = make_repo(tmp_path)
    add_problem(examples, "pair_sum")
    add_problem(examples, "three_sum", difficulty="medium")
    add_problem(examples, "squares", practice=True)
    markdown = index_markdown(load_problems(examples), docs)
    assert "3 problems: 2 easy, 1 medium, 0 hard." in markdown
    easy, medium = markdown.split("## Easy")[1].split("## Medium")
    assert "| [Pair sum](pointers.md#pair_sum) | [Two pointers](pointers.md) | 2 |" in easy
    assert "| [Squares (practice)](pointers.md#squares) |" in easy
    assert "[Three sum](pointers.md#three_sum)" in medium
    assert "## Hard" not in markdown


def test_a_broken_case_file_stops_the_index_naming_it(tmp_path: Path) -> None:
    examples, _docs = make_repo(tmp_path)
    add_problem(examples, "pair_sum", difficulty="trivial")
    expected = r"^examples/coding/pointers/pair_sum\.cases\.json: 'difficulty' must be one of"
    with pytest.raises(CaseFileError, match=expected):
        load_problems(examples)
