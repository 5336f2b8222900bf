"""The project's own Python (not the examples, which tests/test_docs.py lints) passes ruff."""

from __future__ import annotations

import subprocess

from ruff.__main__ import find_ruff_bin

from tests.support.example_files import REPO_ROOT

PROJECT_CODE = ["dev.py", "handbook_build", "gen_pages", "hooks", "tests", "docs"]


def test_project_code_passes_ruff() -> None:
    result = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", *PROJECT_CODE],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
