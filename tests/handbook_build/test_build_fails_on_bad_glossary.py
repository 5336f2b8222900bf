"""A broken data file fails the real build with a message naming the file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.example_files import REPO_ROOT

# Enough of the project to build: configuration, hooks, generators, pages, data.
_NEEDED = [
    "mkdocs.yml",
    "assets.lock.json",
    "overrides",
    "hooks",
    "gen_pages",
    "handbook_build",
    "docs",
    "data",
    "examples",
]


def test_a_broken_glossary_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    for name in _NEEDED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.py[co]", "__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    (tmp_path / "data/glossary.yml").write_text("- term: API\n  definition: ok\n- term: REST\n  definiton: typo\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/glossary.yml:3: unknown key(s) ['definiton']" in output
