"""What every notebook page shares: it reads as a titled notebook, its prose renders, its links resolve.

Each notebook's numbers are tested beside its design (tests/system_design/<design>/);
the build executes every notebook in a kernel and fails on an error, and the
built page must carry its chart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import (
    markdown_of,
    notebook_files,
    numbers_in,
    read,
    run_as_script,
    unresolved_links,
)

NOTEBOOKS = [
    pytest.param(p, id=p.relative_to(DOCS_DIR).as_posix()) for p in notebook_files()
]


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_it_reads_as_a_titled_notebook_with_code(path: Path) -> None:
    cells = read(path).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), path
    assert any(c.cell_type == "code" for c in cells), path


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_its_prose_uses_no_latex(path: Path) -> None:
    # MathJax is off on purpose: a dollar sign or \( in prose would render raw.
    prose = markdown_of(path)
    assert "$" not in prose and "\\(" not in prose, path


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_its_links_reach_pages_of_the_site(path: Path) -> None:
    assert unresolved_links(path) == [], path


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_its_built_page_shows_each_chart_as_an_image(
    path: Path, built_site: Path
) -> None:
    source = path.read_text(encoding="utf-8")
    charts = source.count("plt.show()")
    page = built_site / path.relative_to(DOCS_DIR).with_suffix("") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert (
        html.count("data:image/png;base64,") >= charts
    ), f"{page}: {charts} charts drawn"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_its_prose_states_no_computed_result(path: Path) -> None:
    # Results live in printed output, so a changed input cannot leave stale prose;
    # prose may repeat the code's own literals and small counts.
    printed = run_as_script(path)[1]
    code = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
    stated = numbers_in(markdown_of(path)) & numbers_in(printed) - numbers_in(code)
    assert {n for n in stated if float(n.replace(",", "")) > 10} == set(), path


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_its_matplotlib_magic_survives_the_jupytext_round_trip(path: Path) -> None:
    sources = [c.source for c in read(path).cells if c.cell_type == "code"]
    assert any("\n%matplotlib inline\n" in f"\n{source}\n" for source in sources), path
