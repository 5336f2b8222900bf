"""A broken case file fails the real build with one line naming the file and where it breaks."""

from __future__ import annotations

from pathlib import Path

from tests.support.project_copy import build_copy, copy_project


def test_a_case_file_that_is_not_json_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    folder = project / "examples/coding/broken"
    folder.mkdir(parents=True)
    (folder / "pair.cases.json").write_text('{\n  "title": "Pair",\n  "cases": [\n    {"name": "a",}\n  ]\n}\n')

    result = build_copy(project)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "examples/coding/broken/pair.cases.json: line 4, column 18: not valid JSON" in output
    assert "Traceback" not in output
