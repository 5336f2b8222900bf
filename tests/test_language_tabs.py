"""Language tabs read the same on every page: exact labels, Python first, each tab in its language.

content.tabs.link (mkdocs.yml) links tabs by label, so a reader who picks Go
once sees Go everywhere; a tab labeled "golang" or "TS" on one page would
break that link, and a Java fence under a "Go" tab would show the wrong code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.example_files import REPO_ROOT, markdown_pages
from tests.support.fences import find_fences

LABELS = ("Python", "Java", "Go", "TypeScript")  # the order every group keeps
LANGUAGE_OF_LABEL = {
    "Python": {"python", "py"},
    "Java": {"java"},
    "Go": {"go"},
    "TypeScript": {"ts", "typescript"},
}
FENCE_LANGUAGES = {
    language: label for label, names in LANGUAGE_OF_LABEL.items() for language in names
}
_TAB = re.compile(r'^(?P<indent>\s*)===(?P<flags>[+!]*) "(?P<label>[^"]*)"\s*$')


@dataclass(frozen=True)
class Tab:
    label: str
    line: int  # 1-based line of the `=== "label"` marker
    languages: frozenset[str]  # languages of the fences directly in this tab


def tab_groups(page: Path) -> list[list[Tab]]:
    """Groups of adjacent tabs, each tab with the languages of the fences inside it."""
    lines = page.read_text(encoding="utf-8").splitlines()
    fences = find_fences(page)
    groups: list[list[Tab]] = []
    previous_end: tuple[str, int] | None = (
        None  # (indent, last line) of the last tab seen
    )
    for number, line in enumerate(lines, start=1):
        match = _TAB.match(line)
        if not match:
            continue
        indent = match["indent"]
        end = number
        while end < len(lines) and (
            not lines[end].strip() or _indent_of(lines[end]) > len(indent)
        ):
            end += 1
        inside = frozenset(
            f.language
            for f in fences
            if number < f.line <= end
            and _indent_of(lines[f.line - 1]) == len(indent) + 4
        )
        tab = Tab(match["label"], number, inside)
        # `===!` starts a new tab set even right after another one (pymdownx.tabbed).
        joins = "!" not in match["flags"]
        if joins and previous_end and previous_end[0] == indent and previous_end[1] == number - 1:
            groups[-1].append(tab)
        else:
            groups.append([tab])
        previous_end = (indent, end)
    return groups


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def problems_in(group: list[Tab]) -> list[str]:
    """Why a group of language tabs breaks the convention; empty for other tab groups."""
    languages = set().union(*(tab.languages for tab in group))
    if not languages & {"java", "go", "ts", "typescript"}:
        return []  # tabs of options, not of languages
    problems = []
    labels = [tab.label for tab in group]
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        problems.append(f"labels {unknown} are not among {list(LABELS)}")
    known = [label for label in labels if label in LABELS]
    if known != sorted(known, key=LABELS.index) or len(set(known)) != len(known):
        problems.append(f"tabs {labels} are not in the order {list(LABELS)}")
    for tab in (t for t in group if t.label in LABELS):
        wrong = {
            lang
            for lang in tab.languages
            if FENCE_LANGUAGES.get(lang, tab.label) != tab.label
        }
        if wrong:
            problems.append(
                f'line {tab.line}: the "{tab.label}" tab holds {sorted(wrong)} code'
            )
    return problems


def test_every_language_tab_group_keeps_the_convention() -> None:
    problems = []
    for page in markdown_pages():
        for group in tab_groups(page):
            for problem in problems_in(group):
                problems.append(
                    f"{page.relative_to(REPO_ROOT)}:{group[0].line}: {problem}"
                )
    assert not problems, "\n".join(problems)


def test_the_site_has_language_tabs() -> None:
    groups = [
        g
        for page in markdown_pages()
        for g in tab_groups(page)
        if any("java" in t.languages for t in g)
    ]
    assert groups, "no page shows Java in a tab: the check above would pass vacuously"


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def _tabs(*pairs: tuple[str, str]) -> str:
    return "".join(
        f'=== "{label}"\n\n    ```{lang}\n    code\n    ```\n\n'
        for label, lang in pairs
    )


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (
            (
                ("Python", "python"),
                ("Java", "java"),
                ("Go", "go"),
                ("TypeScript", "ts"),
            ),
            [],
        ),
        ((("Python", "python"), ("Go", "go")), []),
        ((("Java", "java"), ("Python", "python")), ["not in the order"]),
        ((("Python", "python"), ("golang", "go")), ["not among"]),
        ((("Python", "python"), ("Go", "java")), ["holds ['java'] code"]),
        ((("SQLite", "sql"), ("PostgreSQL", "sql")), []),
    ],
)
def test_the_checker_refuses_what_it_should(
    tmp_path: Path, pairs: tuple[tuple[str, str], ...], expected: list[str]
) -> None:
    groups = tab_groups(_page(tmp_path, _tabs(*pairs)))
    assert len(groups) == 1 and len(groups[0]) == len(pairs)
    problems = problems_in(groups[0])
    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


def test_a_bang_starts_a_new_group_right_after_another(tmp_path: Path) -> None:
    text = _tabs(("Python", "python"), ("Go", "go")) + _tabs(("Python", "python")).replace("===", "===!", 1)
    assert [[t.label for t in g] for g in tab_groups(_page(tmp_path, text))] == [["Python", "Go"], ["Python"]]


def test_two_groups_apart_are_two_groups(tmp_path: Path) -> None:
    text = (
        _tabs(("Python", "python"))
        + "Some prose between.\n\n"
        + _tabs(("Java", "java"))
    )
    assert [[t.label for t in g] for g in tab_groups(_page(tmp_path, text))] == [
        ["Python"],
        ["Java"],
    ]
