"""The Coding tab's problem index: every problem's case file, as one table per difficulty.

The case files are the single source: a problem appears here because its
solution and cases exist, with the page and heading its case file names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def page_title(docs_dir: Path, page: str) -> str:
    """A page's first heading, without the part after a colon (the pattern's name)."""
    text = (docs_dir / page).read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    title = match.group(1).strip() if match else page
    return title.split(":")[0].strip()


def _link_from_index(page: str) -> str:
    # The index lives in coding/, and every problem page is a sibling or lower.
    return page.removeprefix("coding/")


def index_markdown(problems: Iterable[CaseFile], docs_dir: Path) -> str:
    problems = sorted(problems, key=lambda p: (DIFFICULTIES.index(p.difficulty), p.title.lower()))
    lines = [
        "# Every problem, by pattern and difficulty",
        "",
        "Each problem below has a tested solution and a case file that",
        "`python3 dev.py cases` runs; bring your own cases with `--cases FILE`.",
        "Practice problems hide their solution on their page until you open it.",
        "",
    ]
    counts = {level: sum(p.difficulty == level for p in problems) for level in DIFFICULTIES}
    lines.append(
        f"{len(problems)} problems: " + ", ".join(f"{counts[level]} {level}" for level in DIFFICULTIES) + "."
    )
    for level in DIFFICULTIES:
        chosen = [p for p in problems if p.difficulty == level]
        if not chosen:
            continue
        lines += ["", f"## {level.capitalize()}", "", "| Problem | Pattern | Cases |", "|---|---|---|"]
        for problem in chosen:
            page, _, _ = problem.page.partition("#")
            title = problem.title + (" (practice)" if problem.practice else "")
            pattern = page_title(docs_dir, page)
            lines.append(
                f"| [{title}]({_link_from_index(problem.page)}) | [{pattern}]({_link_from_index(page)}) "
                f"| {len(problem.cases)} |"
            )
    return "\n".join(lines) + "\n"
