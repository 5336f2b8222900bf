"""A broken skills file fails the real build with one clean line naming file, line and skill id."""

from __future__ import annotations

from pathlib import Path

from tests.support.project_copy import build_copy, copy_project


def test_a_broken_skills_file_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    skills = project / "data/skills.yml"
    text = skills.read_text()
    anchor = "apis/rest.md#pick-each-status-code-on-purpose"
    # The first use of that anchor inside the http-status-codes skill (other skills link it too).
    at = text.index(anchor, text.index("- id: http-status-codes"))
    line = text[:at].count("\n") + 1
    skills.write_text(text[:at] + "apis/rest.md#no-such-heading" + text[at + len(anchor) :])

    result = build_copy(project)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    expected = f"data/skills.yml:{line}: skill 'http-status-codes': link 'apis/rest.md#no-such-heading'"
    assert expected in output
    assert "Traceback" not in output
