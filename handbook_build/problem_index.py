"""The Coding tab's problem index: every problem's case file, by pattern and by difficulty.

The case files are the single source: a problem appears here because its
solution and cases exist, linked to the page and heading its case file names.
Patterns are the pages' titles in the site's navigation, in navigation order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from handbook_build.cases.case_file import DIFFICULTIES, CaseFile, load_case_file
from handbook_build.cases.runner import CASE_FILE_SUFFIX

INDEX_PAGE = "coding/problems.md"


def load_problems(examples_dir: Path) -> list[CaseFile]:
    """Every case file under examples_dir/coding; a malformed one raises CaseFileError naming it."""
    project = examples_dir.parent
    return [
        load_case_file(path, shown_as=path.relative_to(project).as_posix())
        for path in sorted((examples_dir / "coding").rglob(f"*{CASE_FILE_SUFFIX}"))
    ]


def heading_title(docs_dir: Path, page: str) -> str:
    """A page's first heading, up to a colon: the name of a page the navigation does not title."""
    text = (docs_dir / page).read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    title = match.group(1).strip() if match else page
    return title.split(":")[0].strip()


def _page_of(problem: CaseFile) -> str:
    return problem.page.partition("#")[0]


def _link(target: str) -> str:
    # The index lives in coding/, beside every page it links.
    return target.removeprefix("coding/")


def _problem_cell(problem: CaseFile) -> str:
    return f"[{problem.title}]({_link(problem.page)})"


def _practice(problem: CaseFile) -> str:
    return ", practice" if problem.practice else ""


def index_markdown(problems: Iterable[CaseFile], docs_dir: Path, nav_titles: Mapping[str, str]) -> str:
    """The index page: a summary, then one table per pattern and one per difficulty."""
    problems = list(problems)
    pages = list(dict.fromkeys([page for page in nav_titles if page.startswith("coding/")]))
    pages += sorted({_page_of(p) for p in problems} - set(pages))
    title_of = {page: nav_titles.get(page) or heading_title(docs_dir, page) for page in pages}
    by_title = sorted(problems, key=lambda p: p.title.lower())

    counts = {level: sum(p.difficulty == level for p in problems) for level in DIFFICULTIES}
    practice = sum(p.practice for p in problems)
    cases = sum(len(p.cases) for p in problems)
    lines = [
        "# Every problem, by pattern and by difficulty",
        "",
        "Each problem below has a tested solution and a case file of named inputs",
        "and expected outputs, which `python3 dev.py cases` runs; bring your own",
        "cases with `--cases FILE`. Practice problems keep their solution hidden",
        "on their page until you open it.",
        "",
        f"{len(problems)} problems ({', '.join(f'{counts[level]} {level}' for level in DIFFICULTIES)}; "
        f"{practice} of them practice problems), with {cases:,} cases in all.",
        "",
        "## By pattern",
    ]
    for page in pages:
        chosen = [p for p in by_title if _page_of(p) == page]
        if not chosen:
            continue
        chosen.sort(key=lambda p: (p.practice, DIFFICULTIES.index(p.difficulty)))
        lines += ["", f"### {title_of[page]}", "", "| Problem | Difficulty |", "|---|---|"]
        lines += [f"| {_problem_cell(p)} | {p.difficulty}{_practice(p)} |" for p in chosen]
    lines += ["", "## By difficulty"]
    for level in DIFFICULTIES:
        chosen = [p for p in by_title if p.difficulty == level]
        if not chosen:
            continue
        lines += ["", f"### {level.capitalize()}", "", "| Problem | Pattern |", "|---|---|"]
        lines += [
            f"| {_problem_cell(p)} | [{title_of[_page_of(p)]}]({_link(_page_of(p))}){_practice(p)} |"
            for p in chosen
        ]
    return "\n".join(lines) + "\n"
