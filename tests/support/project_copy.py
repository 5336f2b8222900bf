"""A throwaway copy of the project, for tests that break something and build it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.example_files import REPO_ROOT
from tests.support.site_build import run_mkdocs_build

# Enough of the project for `mkdocs build`: configuration, hooks, generators, pages, data.
BUILD_INPUTS = [
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


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("*.py[co]", "__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def build_copy(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`; returns the finished process (output in .stdout/.stderr)."""
    return run_mkdocs_build(project, project / "site")
