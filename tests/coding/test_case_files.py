"""Every case file under examples/coding/ passes against the solution beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build.cases.case_file import load_case_file
from handbook_build.cases.runner import CASE_FILE_SUFFIX, run_cases, solution_path
from tests.support.example_files import EXAMPLES_DIR, REPO_ROOT

CASE_FILES = sorted((EXAMPLES_DIR / "coding").rglob(f"*{CASE_FILE_SUFFIX}"))


@pytest.mark.parametrize("path", CASE_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in CASE_FILES])
def test_every_case_passes(path: Path) -> None:
    verdicts = run_cases(load_case_file(path), solution_path(path))
    failures = [f"{v.case.label}: {v.problem}" for v in verdicts if not v.passed]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", CASE_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in CASE_FILES])
def test_every_case_file_links_a_page_that_exists(path: Path) -> None:
    page, _, _anchor = load_case_file(path).page.partition("#")
    assert (REPO_ROOT / "docs" / page).is_file(), f"{path}: page {page} is not under docs/"
