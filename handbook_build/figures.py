"""Figures drawn by examples: a plot on a page is the output of code the tests run.

An example named `*_figure.py` defines `FIGURE`, the path of the SVG file it
draws (relative to the repository root, under docs/), and `figure()`, which
returns a matplotlib Figure. The SVG is committed beside the page, so a build
costs nothing extra; tests/test_figures.py redraws every figure and fails if the
committed file differs, and `python3 dev.py update-examples` rewrites it.
"""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from pathlib import Path

FIGURE_SUFFIX = "_figure.py"
# Fixed ids and no timestamp, so the same figure is the same bytes on every run.
DETERMINISTIC_SVG = {"svg.hashsalt": "handbook", "svg.fonttype": "path", "figure.dpi": 100}


@dataclass(frozen=True)
class FigureSource:
    module: str  # dotted name, e.g. examples.system_design.partitioning.ring_balance_figure
    output: Path  # the committed SVG


def figure_sources(repo_root: Path) -> list[FigureSource]:
    sources = []
    for path in sorted((repo_root / "examples").rglob(f"*{FIGURE_SUFFIX}")):
        dotted = ".".join(path.relative_to(repo_root).with_suffix("").parts)
        output = getattr(importlib.import_module(dotted), "FIGURE", None)
        if not isinstance(output, str) or not output.startswith("docs/") or not output.endswith(".svg"):
            raise ValueError(f"{path}: FIGURE must name an .svg file under docs/, got {output!r}")
        sources.append(FigureSource(dotted, repo_root / output))
    return sources


def render_svg(module_name: str) -> str:
    """Draw the module's figure and return the SVG text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    module = importlib.import_module(module_name)
    with matplotlib.rc_context(DETERMINISTIC_SVG):
        figure = module.figure()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(figure)
    return buffer.getvalue()
