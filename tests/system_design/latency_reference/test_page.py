"""The method page: its time budget adds up, its figures come only from the generated tables."""

from __future__ import annotations

import re

import pytest

from examples.system_design.latency_reference.reference import (
    DATA_FILE,
    MEANING_FILE,
    MEASURED,
    TABLE_FILE,
    format_number,
    load,
)
from tests.support.example_files import DOCS_DIR, REPO_ROOT

PAGE = DOCS_DIR / "system-design" / "design-round.md"
PROBLEMS = ["url-shortener", "rate-limiter", "news-feed", "file-storage", "ride-matching", "chat", "payments"]
MAX_WORDS = 2_800  # 2,700 of prose, plus its predict-the-output quiz (question and options)
COMPETENCIES = {"Problem navigation", "Solution design", "Technical excellence", "Communication"}


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def prose(page: str) -> str:
    """The page without its code fences and include lines."""
    outside, inside = [], False
    for line in page.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
        elif not inside and not line.startswith("--8<--"):
            outside.append(line)
    return "\n".join(outside)


def test_both_generated_tables_are_included_not_typed(page: str) -> None:
    for generated in (TABLE_FILE, MEANING_FILE):
        include = f'--8<-- "{generated.relative_to(REPO_ROOT).as_posix()}"'
        assert include in page.splitlines(), f"the page must include {generated.name}"


def test_no_measured_figure_is_typed_into_the_page(page: str) -> None:
    text = prose(page)
    for row in load(DATA_FILE)["rows"]:
        if row["source"] == MEASURED:
            figure = f"{format_number(row['value'])} {row['unit']}"
            assert figure not in text, f"{row['id']}: {figure} is typed by hand; it belongs in the table"


def budget_rows(page: str) -> list[tuple[str, int, int]]:
    section = page.split("## The time budget", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| (\d+) \| (\d+) \|$", section, re.MULTILINE)
    return [(step, int(short), int(long)) for step, short, long in rows]


def test_the_time_budget_fills_35_and_50_minutes_of_design_with_all_nine_steps(page: str) -> None:
    rows = budget_rows(page)
    assert len(rows) == 9
    assert sum(short for _, short, _ in rows) == 35, "the design part of a 45-minute slot"
    assert sum(long for _, _, long in rows) == 50, "the design part of a 60-minute slot"
    steps = re.findall(r"^\d\. \*\*(.+?)\.\*\*", page.split("## The nine steps", 1)[1], re.MULTILINE)
    assert [step for step, _, _ in rows] == steps


def test_the_drawing_deadline_is_where_the_budget_puts_the_high_level_design(page: str) -> None:
    before_drawing = [short for step, short, _ in budget_rows(page)][:4]
    (minute,) = re.findall(r"By minute (\d+) of the design", page)
    assert int(minute) == sum(before_drawing)


def rubric_rows(page: str) -> list[list[str]]:
    section = page.split("## The scoring rubric", 1)[1].split("\n### ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")][1:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_the_rubric_covers_every_step_and_communication(page: str) -> None:
    rows = rubric_rows(page)
    budget = [step.split(",")[0] for step, _, _ in budget_rows(page)]
    assert [row[0] for row in rows] == [*budget, "Communication"]
    assert {row[1] for row in rows} == COMPETENCIES, "each step maps to one of the four competencies"


def test_the_problems_and_the_notebook_are_linked(page: str) -> None:
    for slug in PROBLEMS:
        assert f"]({slug}/index.md)" in page
        assert (PAGE.parent / slug / "index.md").exists()
    assert "](url-shortener/estimation.py)" in page


def test_the_page_stays_within_its_length(page: str) -> None:
    generated = TABLE_FILE.read_text(encoding="utf-8") + MEANING_FILE.read_text(encoding="utf-8")
    words = len(re.findall(r"[A-Za-z0-9][\w'.,/-]*", prose(page) + generated))
    assert words <= MAX_WORDS, f"{words} words"
