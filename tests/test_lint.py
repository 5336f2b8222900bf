"""All the project's Python passes ruff with pyproject.toml's rules (examples are also
linted and black-checked one by one in tests/test_docs.py)."""

from __future__ import annotations

import subprocess

from ruff.__main__ import find_ruff_bin

from tests.support.example_files import REPO_ROOT


def test_project_code_passes_ruff() -> None:
    result = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
