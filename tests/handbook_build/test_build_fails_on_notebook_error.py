"""Notebooks are executed at build time, and a cell that raises fails the build.

The check builds a two-page project with the handbook's own mkdocs-jupyter
settings, read from mkdocs.yml, rather than the whole site: what is under test
is that configuration, and a small project builds in seconds.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support.example_files import REPO_ROOT
from tests.support.site_build import run_mkdocs_build


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving out the Python objects some extensions name with !!python/name tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def jupyter_settings() -> dict:
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            return plugin["mkdocs-jupyter"]
    raise AssertionError("mkdocs.yml configures no mkdocs-jupyter plugin")


def build_with_notebook(project: Path, last_cell: str) -> tuple[int, str]:
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Home\n")
    notebook = f"# %% [markdown]\n# # Estimate\n\n# %%\nx = 6 * 7\n\n# %%\n{last_cell}\n"
    (project / "docs/estimate.py").write_text(notebook)
    config = {"site_name": "notebook check", "plugins": [{"mkdocs-jupyter": jupyter_settings()}]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = run_mkdocs_build(project, project / "site")
    return result.returncode, result.stdout + result.stderr


def test_a_cell_that_raises_fails_the_build(tmp_path: Path) -> None:
    code, output = build_with_notebook(tmp_path, 'raise RuntimeError("this cell is broken on purpose")')
    assert code != 0
    assert "this cell is broken on purpose" in output


def test_a_notebook_that_runs_builds_and_shows_its_output(tmp_path: Path) -> None:
    code, output = build_with_notebook(tmp_path, "print(f'answer={x}')")
    assert code == 0, output
    assert "answer=42" in (tmp_path / "site/estimate/index.html").read_text(encoding="utf-8")
