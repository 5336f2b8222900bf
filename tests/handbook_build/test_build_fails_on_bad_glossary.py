"""A broken data file fails the real build with a message naming the file and line."""

from __future__ import annotations

from pathlib import Path

from tests.support.project_copy import build_copy, copy_project


def test_a_broken_glossary_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "data/glossary.yml").write_text("- term: API\n  definition: ok\n- term: REST\n  definiton: typo\n")
    result = build_copy(project)
    assert result.returncode != 0
    assert "data/glossary.yml:3: unknown key(s) ['definiton']" in result.stdout + result.stderr
