"""Every committed figure is exactly what its example draws today."""

from __future__ import annotations

import pytest

from handbook_build.figures import FigureSource, figure_sources, render_svg
from tests.support.example_files import REPO_ROOT

SOURCES = figure_sources(REPO_ROOT)


@pytest.mark.parametrize("source", SOURCES, ids=[s.module for s in SOURCES])
def test_committed_figure_is_what_the_example_draws(source: FigureSource, request: pytest.FixtureRequest) -> None:
    drawn = render_svg(source.module)
    if request.config.getoption("update_examples"):
        source.output.parent.mkdir(parents=True, exist_ok=True)
        source.output.write_text(drawn, encoding="utf-8")
        return
    committed = source.output.relative_to(REPO_ROOT)
    assert source.output.exists(), f"{committed} is missing: run python3 dev.py update-examples"
    assert source.output.read_text(encoding="utf-8") == drawn, (
        f"{committed} is not what {source.module} draws: run python3 dev.py update-examples"
    )
