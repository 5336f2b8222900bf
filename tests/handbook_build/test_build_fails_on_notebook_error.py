"""Notebooks are executed at build time, and a cell that raises fails the build."""

from __future__ import annotations

from pathlib import Path

from tests.support.project_copy import build_copy, copy_project

NOTEBOOK = "docs/system-design/url-shortener-estimation.py"


def test_a_cell_that_raises_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    notebook = project / NOTEBOOK
    notebook.write_text(notebook.read_text() + '\n# %%\nraise RuntimeError("this cell is broken on purpose")\n')
    result = build_copy(project)
    assert result.returncode != 0
    assert "this cell is broken on purpose" in result.stdout + result.stderr
