"""The estimation notebooks (docs/**/*.py, jupytext percent format), read and run as tests need them.

A notebook's own test checks its numbers against plain formulas; the structure
every notebook shares (a title, no LaTeX, links that resolve, results only in
printed output) is checked once for all of them in tests/test_notebooks.py.
"""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from pathlib import Path
from typing import Any

import jupytext

from tests.support.example_files import DOCS_DIR

_LINK = re.compile(r"\]\(([^)]+)\)")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def notebook_files() -> list[Path]:
    """Every notebook page: the Python files under docs/ (mkdocs-jupyter's include)."""
    return sorted(DOCS_DIR.rglob("*.py"))


def read(path: Path):
    return jupytext.read(path, fmt="py:percent")


def markdown_of(path: Path) -> str:
    return "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")


def run_as_script(path: Path) -> tuple[dict[str, Any], str]:
    """Run the notebook as `python <path>` would, headless; return its globals and printout."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            namespace = runpy.run_path(str(path), run_name="__main__")
    finally:
        plt.close("all")
    return namespace, out.getvalue()


def unresolved_links(path: Path) -> list[str]:
    """Links in the notebook's markdown that do not reach a page of the site.

    Notebook markdown bypasses MkDocs' link checks. A notebook at
    docs/a/b/name.py is served at a/b/name/, so a link climbs one level more
    than the file's folder depth: from docs/system-design/x/estimation.py,
    "../../../data/sql-indexes/" is docs/data/sql-indexes.md. External links
    (https://...) are left to the reader.
    """
    page_url_parts = [*path.resolve().relative_to(DOCS_DIR).with_suffix("").parts]
    bad = []
    for link in _LINK.findall(markdown_of(path)):
        if link.startswith(("https://", "http://")):
            continue
        target, _, _anchor = link.partition("#")
        if not target.endswith("/"):
            bad.append(f"{link} (a page link ends in /)")
            continue
        parts = list(page_url_parts)
        for piece in target.rstrip("/").split("/"):
            if piece == "..":
                if not parts:
                    break
                parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        else:
            stem = DOCS_DIR.joinpath(*parts)
            candidates = [
                stem.with_suffix(".md"),
                stem / "index.md",
                stem.with_suffix(".py"),
            ]
            if any(p.is_file() for p in candidates):
                continue
        bad.append(link)
    return bad


def numbers_in(text: str) -> set[str]:
    """Every number written in `text`, as written (1,000 and 4.96, without a trailing comma)."""
    return {n.rstrip(",.") for n in _NUMBER.findall(text)}
