"""Every page of the built site, visited once (tests/browser/page_visit.py) and checked for:

- offline: no request to any host but this machine, and no script errors;
- accessibility: no axe-core violation, light and dark, outside what
  Material's own markup causes (page_visit.MATERIAL_MARKUP, with the reason);
- readable on a laptop (1280 px) and on a phone (390 px):
  - diagrams: on a laptop every mermaid label is drawn at 12 px or more after
    the drawing is scaled to fit the column. On a phone a diagram is scaled to
    fit as an overview, however small that makes it, and its "Full screen"
    button opens it at a size where every label is 12 px or more, in a view
    that scrolls to every part (diagram-zoom.js). We chose that over a smaller
    minimum for the column itself: a sequence diagram of three or four
    participants is 600-900 px wide, so at 358 px even 9 px labels would need
    a diagram a third narrower than its messages, and 9 px is below what Apple
    and Google suggest for body text on a phone (11 pt, 12 sp);
  - the page itself never scrolls sideways; a wide table scrolls inside its
    box, and that box fades at an edge where more is hidden;
  - code: a block whose lines are all within black's 88 columns fits the
    column at 1280 px; a wider one scrolls; none is ever clipped, `#>` output
    included. Code and table text stays at 12 px or more;
  - the notebook's figure keeps the size it was drawn at and scrolls instead.

All the tests of one page run on one pytest-xdist worker, which visits it once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.page_visit import BLACK_COLUMNS, LAPTOP, PHONE, Visit, new_context, site_pages, visit_page

pytestmark = pytest.mark.browser

PAGES = site_pages()
NOTEBOOK = "system-design/url-shortener/estimation/"
READABLE_PX = 12
Measured = Callable[[int, str], dict[str, Any]]


def one_visit(path: str) -> pytest.MarkDecorator:
    """The tests of one page run on one pytest-xdist worker, which visits it once."""
    return pytest.mark.xdist_group(f"page-{path}")


ONE_PAGE = [pytest.param(path, id=path or "/", marks=one_visit(path)) for path in PAGES]
WIDTH_AND_PAGE = [
    pytest.param(width, path, id=f"{width}px-{path}", marks=one_visit(path))
    for path in PAGES
    for width in (LAPTOP, PHONE)
]
WIDTHS = [pytest.param(width, id=f"{width}px", marks=one_visit(NOTEBOOK)) for width in (LAPTOP, PHONE)]


@pytest.fixture(scope="module")
def visited(browser: Browser, site_url: str) -> Iterator[Callable[[str], Visit]]:
    """visited(path): that page's one visit, taken the first time a test asks."""
    context = new_context(browser)
    cache: dict[str, Visit] = {}

    def get(path: str) -> Visit:
        if path not in cache:
            cache[path] = visit_page(context, site_url, path)
        return cache[path]

    yield get
    context.close()


@pytest.fixture(scope="module")
def measured(visited: Callable[[str], Visit]) -> Measured:
    """measured(width, path): the readability measurement of that page at that width."""
    return lambda width, path: visited(path).measured[width]


def test_the_page_list_is_the_built_site(built_site: Path) -> None:
    built = set()
    for html in built_site.rglob("index.html"):
        relative = html.parent.relative_to(built_site).as_posix()
        if relative != "search":
            built.add("" if relative == "." else relative + "/")
    assert built == set(PAGES)


@pytest.mark.parametrize("path", ONE_PAGE)
def test_the_page_loads_offline_without_script_errors(path: str, visited: Callable[[str], Visit]) -> None:
    visit = visited(path)
    problems = [f"external request: {url}" for url in visit.external_requests] + visit.errors
    assert not problems, f"{path or '/'}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ONE_PAGE)
def test_the_page_passes_axe_light_and_dark(path: str, visited: Callable[[str], Visit]) -> None:
    problems = [f"{scheme}: {problem}" for scheme, found in visited(path).axe.items() for problem in found]
    assert sorted(visited(path).axe) == ["dark", "light"]
    assert not problems, "\n".join(problems)


def where(path: str) -> str:
    return path or "/"


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_diagram_labels_are_readable(width: int, path: str, measured: Measured) -> None:
    page = measured(width, path)
    # Script errors fail test_the_page_loads_offline_without_script_errors.
    problems = []
    for diagram in page["diagrams"]:
        name = f"{where(path)} diagram {diagram['index'] + 1} ({diagram['name']})"
        if "error" in diagram:
            problems.append(f"{name}: {diagram['error']}")
            continue
        if not diagram["labels"]:
            problems.append(f"{name}: no labels found in the drawing")
        small = sorted((label for label in diagram["labels"] if label["px"] < READABLE_PX), key=lambda x: x["px"])
        if width == LAPTOP and small:
            problems.append(
                f"{name}: {len(small)} label(s) under {READABLE_PX} px in the column "
                f"(drawn {diagram['naturalWidth']:.0f} px wide, shown {diagram['shownWidth']:.0f}): "
                + ", ".join(f"{label['text']!r} {label['px']:.1f} px" for label in small[:5])
            )
        view = diagram["fullScreen"]
        if view is None:
            problems.append(f"{name}: no full-screen button")
            continue
        small_there = [label for label in view["labels"] if label["px"] < READABLE_PX]
        if small_there:
            problems.append(
                f"{name}: full screen still shows labels under {READABLE_PX} px: "
                + ", ".join(f"{label['text']!r} {label['px']:.1f} px" for label in small_there[:5])
            )
        if not view["reachesEverything"]:
            problems.append(f"{name}: the full-screen view cannot scroll to every part of the drawing")
        if not view["focusInside"] or not view["focusReturned"]:
            problems.append(f"{name}: focus did not move into the full-screen view and back to its button")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_the_page_never_scrolls_sideways(width: int, path: str, measured: Measured) -> None:
    page = measured(width, path)
    assert page["scrollWidth"] <= page["innerWidth"], (
        f"{where(path)} at {width} px is {page['scrollWidth']} px wide: the page scrolls sideways"
    )


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_wide_tables_scroll_in_their_box_with_a_cue(
    width: int, path: str, measured: Measured
) -> None:
    problems = []
    for table in measured(width, path)["tables"]:
        name = f"{where(path)} table {table['name']}"
        if table["smallestPx"] < READABLE_PX:
            problems.append(f"{name}: text at {table['smallestPx']:.1f} px")
        if table["spillsOut"]:
            problems.append(f"{name}: wider than the column and not in a scrolling box")
        if table["overflow"] > 1:
            if table["overflowX"] not in {"auto", "scroll"}:
                problems.append(f"{name}: {table['overflow']} px are cut off (overflow-x: {table['overflowX']})")
            start, end = table["fadesAtStart"], table["fadesAtEnd"]
            if not (start[0] == 0 and start[1] > 0 and end[0] > 0 and end[1] == 0):
                problems.append(
                    f"{name}: scrolls without the edge cue (fades left/right at the start {start}, at the end {end})"
                )
        elif table["wrapped"] and table["fadesAtStart"] != [0, 0]:
            problems.append(f"{name}: fits, yet an edge fades as if more were hidden ({table['fadesAtStart']})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_code_fits_or_scrolls_and_is_never_clipped(
    width: int, path: str, measured: Measured
) -> None:
    problems = []
    for block in measured(width, path)["code"]:
        name = f"{where(path)} code block {block['name']}"
        if block["fontPx"] < READABLE_PX:
            problems.append(f"{name}: code at {block['fontPx']:.1f} px")
        if block["clippedBy"]:
            problems.append(f"{name}: clipped by {', '.join(block['clippedBy'])}")
        if block["overflow"] > 1 and block["overflowX"] not in {"auto", "scroll"}:
            what = f", {block['outputLines']} of them #> output" if block["outputLines"] else ""
            problems.append(f"{name}: lines cut off{what} (overflow-x: {block['overflowX']})")
        if width == LAPTOP and block["overflow"] > 1 and block["longestLine"] <= BLACK_COLUMNS:
            problems.append(
                f"{name}: its longest line is {block['longestLine']} columns, yet it scrolls by {block['overflow']} px"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_notebook_figure_keeps_its_size_and_scrolls(
    width: int, measured: Measured
) -> None:
    page = measured(width, NOTEBOOK)
    assert page["images"], f"{NOTEBOOK} shows no figure"
    assert [block for block in page["code"] if block["printedOutput"]], f"{NOTEBOOK} shows no printed output"
    for image in page["images"]:
        # Drawn at 100 dpi, its 10 pt axis labels are 13.9 px at its own size.
        assert image["shownWidth"] >= image["naturalWidth"] - 0.5, f"the figure is shrunk: {image}"
        if image["boxOverflow"] > 1:
            assert image["boxOverflowX"] in {"auto", "scroll"}, f"the figure is cut off: {image}"
    if width == PHONE:
        assert any(image["boxOverflow"] > 1 for image in page["images"]), "expected the figure to scroll at 390 px"
    # Its printed tables are code blocks: test_code_fits_or_scrolls_and_is_never_clipped
    # checks on this page, as on every other, that they stay at 12 px or more and
    # scroll rather than clip.
