"""Figure discovery refuses a figure module that does not say where its SVG goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build.figures import figure_sources


def _repo_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figure_line: str) -> Path:
    folder = tmp_path / "examples" / f"topic_{abs(hash(figure_line))}"
    folder.mkdir(parents=True)
    (folder / "spread_figure.py").write_text(f"{figure_line}\n\ndef figure():\n    return None\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_figure_module_names_its_svg_under_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo_with(tmp_path, monkeypatch, 'FIGURE = "docs/section/figures/spread.svg"')
    [source] = figure_sources(repo)
    assert source.output == repo / "docs/section/figures/spread.svg"
    assert source.module.endswith(".spread_figure")


@pytest.mark.parametrize("figure_line", ["", 'FIGURE = "figures/spread.svg"', 'FIGURE = "docs/spread.png"'])
def test_a_missing_or_misplaced_figure_path_is_an_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figure_line: str
) -> None:
    repo = _repo_with(tmp_path, monkeypatch, figure_line)
    with pytest.raises(ValueError, match=r"spread_figure\.py: FIGURE must name an \.svg file under docs/"):
        figure_sources(repo)
