"""Readable on a laptop (1280 px) and on a phone (390 px), on every page of the built site.

- Diagrams: on a laptop every mermaid label is drawn at 12 px or more after
  the drawing is scaled to fit the column. On a phone a diagram is scaled to
  fit as an overview, however small that makes it, and its "Full screen" button
  opens it at a size where every label is 12 px or more, in a view that scrolls
  to every part (diagram-zoom.js). We chose that over a smaller minimum for the
  column itself: a sequence diagram of three or four participants is 600-900 px
  wide, so at 358 px even 9 px labels would need a diagram a third narrower
  than its messages, and 9 px is below what Apple and Google suggest for body
  text on a phone (11 pt, 12 sp).
- The page itself never scrolls sideways; a wide table scrolls inside its box,
  and that box fades at an edge where more is hidden.
- Code: a block whose lines are all within black's 88 columns fits the column
  at 1280 px; a wider one scrolls; none is ever clipped, `#>` output included.
  Code and table text stays at 12 px or more.
- The notebook's figure keeps the size it was drawn at and scrolls instead.

Material draws each diagram into a closed shadow root. An init script makes
every shadow root open in these tests only, so the test reads the drawn SVG
itself; nothing else about the page changes.

Each page is measured once per width and the tests below read that
measurement; the tests of one page at one width share one pytest-xdist worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import LOOPBACK_HOSTS
from tests.browser.test_accessibility import site_pages

pytestmark = pytest.mark.browser

LAPTOP, PHONE = 1280, 390
PAGES = site_pages()
NOTEBOOK = "system-design/url-shortener/estimation/"


def one_measurement(width: int, path: str) -> pytest.MarkDecorator:
    """The tests of one page at one width run on one pytest-xdist worker, which measures it once."""
    return pytest.mark.xdist_group(f"readability-{width}-{path}")


WIDTH_AND_PAGE = [
    pytest.param(width, path, id=f"{width}px-{path}", marks=one_measurement(width, path))
    for width in (LAPTOP, PHONE)
    for path in PAGES
]
WIDTHS = [pytest.param(width, id=f"{width}px", marks=one_measurement(width, NOTEBOOK)) for width in (LAPTOP, PHONE)]
READABLE_PX = 12
BLACK_COLUMNS = 88

# Tests only: make every shadow root open, so the drawn diagram can be read.
OPEN_SHADOW_ROOTS = """
(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
        return attach.call(this, { ...init, mode: "open" });
    };
})();
"""

# Show everything a reader could open: every tab's block, every <details>, and
# layout for off-screen blocks (content-visibility only skips work off screen).
REVEAL_EVERYTHING = """
.md-typeset .tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
.md-typeset .highlight, .md-typeset .md-typeset__scrollwrap, .md-typeset details {
    content-visibility: visible !important;
}
"""

# Every label of one drawn diagram with the size it appears on screen: its CSS
# font size times the scale of the SVG element that holds it.
LABELS = """
(root) => {
    const labels = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.data.trim();
        const element = walker.currentNode.parentElement;
        if (!text || !element || element.closest("style, title, desc")) continue;
        const holder = element.closest("text, foreignObject");
        if (!holder || element.getClientRects().length === 0) continue;
        const matrix = holder.getScreenCTM();
        const scale = Math.hypot(matrix.a, matrix.b);
        labels.push({ text, px: parseFloat(getComputedStyle(element).fontSize) * scale });
    }
    return labels;
}
"""

MEASURE = """
async ([blackColumns, labelsSource]) => {
    const labelsOf = eval(labelsSource);
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const article = document.querySelector("article") ?? document.body;
    const visible = (element) => element.getClientRects().length > 0;
    const heading = (element) => {
        let found = null;
        for (const h of article.querySelectorAll("h1, h2, h3, h4")) {
            if (h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
        }
        return found ? found.textContent.replace("¶", "").trim() : "(top)";
    };
    const result = {
        scrollWidth: document.scrollingElement.scrollWidth,
        innerWidth,
        diagrams: [],
        code: [],
        tables: [],
        images: [],
    };

    document.querySelectorAll("div.mermaid").forEach((diagram, index) => {
        const svg = diagram.shadowRoot?.querySelector("svg");
        if (!svg) {
            result.diagrams.push({ index, name: heading(diagram), error: "no readable SVG in its shadow root" });
            return;
        }
        const labels = labelsOf(diagram.shadowRoot);
        result.diagrams.push({
            index,
            name: `${svg.getAttribute("aria-roledescription")} under "${heading(diagram)}"`,
            labels,
            naturalWidth: svg.viewBox.baseVal.width,
            shownWidth: svg.getBoundingClientRect().width,
            hasButton: Boolean(diagram.closest(".handbook-diagram")?.querySelector(".handbook-diagram__open")),
        });
    });

    for (const code of article.querySelectorAll("pre > code")) {
        if (!visible(code) || code.closest(".mermaid")) continue;
        const lines = code.textContent.replace(/\\n$/, "").split("\\n");
        const box = code.getBoundingClientRect();
        const clippedBy = [];
        for (let element = code.parentElement; element !== article.parentElement; element = element.parentElement) {
            const style = getComputedStyle(element);
            const clips = ["hidden", "clip"].includes(style.overflowX) || /paint|strict|content/.test(style.contain);
            const outer = element.getBoundingClientRect();
            if (clips && (box.left < outer.left - 1 || box.right > outer.right + 1)) {
                clippedBy.push(element.tagName.toLowerCase() + "." + [...element.classList].join("."));
            }
        }
        const title = code.closest(".highlight")?.querySelector(".filename")?.textContent.trim();
        result.code.push({
            name: `${title ?? JSON.stringify(lines[0].trim().slice(0, 50))} under "${heading(code)}"`,
            longestLine: Math.max(...lines.map((line) => line.length)),
            linesOverLimit: lines.filter((line) => line.length > blackColumns).length,
            outputLines: lines.filter((line) => line.trimStart().startsWith("#>")).length,
            overflow: code.scrollWidth - code.clientWidth,
            overflowX: getComputedStyle(code).overflowX,
            fontPx: parseFloat(getComputedStyle(code).fontSize),
            printedOutput: Boolean(code.closest(".jp-OutputArea")),
            clippedBy,
        });
    }

    for (const table of article.querySelectorAll("table")) {
        if (!visible(table) || table.closest(".highlight, .highlighttable")) continue;
        const cells = [...table.querySelectorAll("th, td")];
        const wrap = table.closest(".md-typeset__scrollwrap");
        const box = table.getBoundingClientRect();
        const column = article.getBoundingClientRect();
        const entry = {
            name: `"${(cells[0]?.textContent ?? "").trim().slice(0, 40)}" under "${heading(table)}"`,
            smallestPx: Math.min(...cells.map((cell) => parseFloat(getComputedStyle(cell).fontSize))),
            wrapped: Boolean(wrap),
            spillsOut: !wrap && (box.right > column.right + 1 || box.left < column.left - 1),
            overflow: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,
        };
        // How far each edge fades (readability.css), left and right, in px.
        const fades = () => {
            const style = getComputedStyle(wrap);
            return ["start", "end"].map((edge) => parseFloat(style.getPropertyValue(`--handbook-fade-${edge}`)));
        };
        if (wrap && entry.overflow > 1) {
            entry.overflowX = getComputedStyle(wrap).overflowX;
            wrap.scrollLeft = 0;
            await frame();
            entry.fadesAtStart = fades();
            wrap.scrollLeft = wrap.scrollWidth;
            await frame();
            entry.fadesAtEnd = fades();
            wrap.scrollLeft = 0;
        } else if (wrap) {
            entry.fadesAtStart = fades();
        }
        result.tables.push(entry);
    }

    for (const image of article.querySelectorAll(".jp-RenderedImage img")) {
        const box = image.parentElement;
        result.images.push({
            naturalWidth: image.naturalWidth,
            shownWidth: image.getBoundingClientRect().width,
            boxOverflowX: getComputedStyle(box).overflowX,
            boxOverflow: box.scrollWidth - box.clientWidth,
        });
    }
    return result;
}
"""

# The full-screen view of the open diagram: label sizes, and whether it can
# scroll to every part of the drawing.
FULL_SCREEN = """
([labelsSource]) => {
    const dialog = document.querySelector("dialog.handbook-zoom");
    const root = dialog.querySelector(".handbook-zoom__canvas").shadowRoot;
    const view = dialog.querySelector(".handbook-zoom__view");
    const svg = root.querySelector("svg").getBoundingClientRect();
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(view).overflowX);
    return {
        labels: eval(labelsSource)(root),
        reachesEverything: (svg.width <= view.clientWidth || (scrolls && view.scrollWidth >= svg.width))
            && (svg.height <= view.clientHeight || view.scrollHeight >= svg.height),
        focusInside: dialog.contains(document.activeElement),
    };
}
"""


def new_context(browser: Browser, width: int) -> BrowserContext:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(OPEN_SHADOW_ROOTS)

    def block_other_hosts(route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"http", "https"} and parts.hostname not in LOOPBACK_HOSTS:
            route.abort()
        else:
            route.continue_()

    context.route("**/*", block_other_hosts)
    return context


def wait_for_diagrams(page: Page) -> None:
    """Bring the first diagram near the screen (mermaid loads then) and wait until all are drawn."""
    # Count the sources in the page as served: Material swaps each <pre> for the
    # <div> it draws into, so the live DOM cannot say how many are still to come.
    expected = page.request.get(page.url).text().count('<pre class="mermaid">')
    if expected == 0:
        return
    # Scrolled from script: a locator could hold a <pre> that Material replaces meanwhile.
    page.evaluate("document.querySelector('pre.mermaid, div.mermaid')?.scrollIntoView()")
    page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {expected}", timeout=20_000)
    # diagram-zoom.js wraps each drawn diagram in the next microtask.
    page.wait_for_timeout(100)


def measure_page(context: BrowserContext, site_url: str, width: int, path: str) -> dict[str, Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(site_url + path, wait_until="networkidle")
        page.add_style_tag(content=REVEAL_EVERYTHING)
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        wait_for_diagrams(page)
        measured = page.evaluate(MEASURE, [BLACK_COLUMNS, LABELS])
        for diagram in measured["diagrams"]:
            diagram["fullScreen"] = open_full_screen(page, diagram["index"]) if diagram.get("hasButton") else None
        measured["errors"] = errors
        return measured
    finally:
        page.close()


def open_full_screen(page: Page, index: int) -> dict[str, Any]:
    opener = page.locator("div.mermaid").nth(index).locator("xpath=..").locator(".handbook-diagram__open")
    opener.click()
    page.wait_for_function(
        """() => {
            const dialog = document.querySelector("dialog.handbook-zoom");
            return dialog?.open && dialog.querySelector(".handbook-zoom__canvas").shadowRoot.querySelector("svg");
        }""",
        timeout=10_000,
    )
    view = page.evaluate(FULL_SCREEN, [LABELS])
    page.keyboard.press("Escape")
    expect(page.locator("dialog.handbook-zoom")).not_to_have_attribute("open", "", timeout=5_000)
    view["focusReturned"] = page.evaluate("(button) => document.activeElement === button", opener.element_handle())
    return view


@pytest.fixture(scope="module")
def measured(browser: Browser, site_url: str) -> Iterator[Callable[[int, str], dict[str, Any]]]:
    """measured(width, path): that page's measurement, taken once per module and width."""
    contexts: dict[int, BrowserContext] = {}
    cache: dict[tuple[int, str], dict[str, Any]] = {}

    def get(width: int, path: str) -> dict[str, Any]:
        if (width, path) not in cache:
            if width not in contexts:
                contexts[width] = new_context(browser, width)
            cache[width, path] = measure_page(contexts[width], site_url, width, path)
        return cache[width, path]

    yield get
    for context in contexts.values():
        context.close()


def where(path: str) -> str:
    return path or "/"


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_diagram_labels_are_readable(width: int, path: str, measured: Callable[[int, str], dict[str, Any]]) -> None:
    page = measured(width, path)
    problems = [f"script error: {error}" for error in page["errors"]]
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
def test_the_page_never_scrolls_sideways(width: int, path: str, measured: Callable[[int, str], dict[str, Any]]) -> None:
    page = measured(width, path)
    assert page["scrollWidth"] <= page["innerWidth"], (
        f"{where(path)} at {width} px is {page['scrollWidth']} px wide: the page scrolls sideways"
    )


@pytest.mark.parametrize(("width", "path"), WIDTH_AND_PAGE)
def test_wide_tables_scroll_in_their_box_with_a_cue(
    width: int, path: str, measured: Callable[[int, str], dict[str, Any]]
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
    width: int, path: str, measured: Callable[[int, str], dict[str, Any]]
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
    width: int, measured: Callable[[int, str], dict[str, Any]]
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


# Two tables as Material writes them, one wider than a phone and one that fits.
WIDE_TABLE = """() => {
    const row = (tag, count) => "<tr>" + Array.from({ length: count }, (_, i) => `<${tag}>cell ${i} of a row</${tag}>`)
        .join("") + "</tr>";
    const table = (id, count) => `<div class="md-typeset__scrollwrap" id="${id}"><div class="md-typeset__table">`
        + `<table><thead>${row("th", count)}</thead><tbody>${row("td", count)}${row("td", count)}</tbody></table>`
        + "</div></div>";
    document.querySelector("article").insertAdjacentHTML("afterbegin", table("wide", 12) + table("narrow", 2));
}"""
NO_CUE = ".md-typeset__scrollwrap { mask-image: none !important; animation: none !important; }"


def edge_strips(page: Page, selector: str) -> tuple[bytes, bytes]:
    """Screenshots of the left and right 12 px of a box, as PNG bytes."""
    box = page.locator(selector).bounding_box()
    assert box is not None

    def strip(x: float) -> bytes:
        return page.screenshot(clip={"x": x, "y": box["y"], "width": 12, "height": box["height"]})

    return strip(box["x"]), strip(box["x"] + box["width"] - 12)


def test_a_table_wider_than_a_phone_fades_where_more_is_hidden(browser: Browser, site_url: str) -> None:
    """Pixels, not styles: the edge where columns are hidden looks different from the same edge without the cue."""
    context = new_context(browser, PHONE)
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="networkidle")
        page.evaluate(WIDE_TABLE)
        page.locator("#wide").scroll_into_view_if_needed()
        page.mouse.move(0, 0)

        def looks(selector: str, scroll: str) -> tuple[tuple[bytes, bytes], tuple[bytes, bytes]]:
            page.evaluate(f"document.querySelector('{selector}').scrollLeft = {scroll}")
            page.wait_for_timeout(100)
            with_cue = edge_strips(page, selector)
            cue_off = page.add_style_tag(content=NO_CUE)
            page.wait_for_timeout(100)
            without = edge_strips(page, selector)
            cue_off.evaluate("(style) => style.remove()")
            page.wait_for_timeout(100)
            return with_cue, without

        (left, right), (plain_left, plain_right) = looks("#wide", "0")
        assert right != plain_right, "a table that scrolls shows no cue at its right edge"
        assert left == plain_left, "nothing is hidden to the left, yet the left edge fades"
        (left, right), (plain_left, plain_right) = looks("#wide", "document.querySelector('#wide').scrollWidth")
        assert left != plain_left, "scrolled to the end, the left edge shows no cue"
        assert right == plain_right, "scrolled to the end, the right edge still fades"
        (left, right), (plain_left, plain_right) = looks("#narrow", "0")
        assert (left, right) == (plain_left, plain_right), "a table that fits shows a scroll cue"
    finally:
        context.close()


def first_page_with_a_diagram(built_site: Path) -> str:
    for html in sorted(built_site.rglob("index.html")):
        if 'class="mermaid"' in html.read_text(encoding="utf-8"):
            relative = html.parent.relative_to(built_site).as_posix()
            return "" if relative == "." else relative + "/"
    raise AssertionError("no page of the built site has a diagram")


def test_the_full_screen_view_works_from_the_keyboard(browser: Browser, site_url: str, built_site: Path) -> None:
    path = first_page_with_a_diagram(built_site)
    context = new_context(browser, PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        wait_for_diagrams(page)
        opener = page.locator(".handbook-diagram__open").first
        expect(opener).to_have_accessible_name("Open the diagram full screen")
        opener.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.handbook-zoom")
        expect(dialog).to_have_attribute("open", "")
        view = dialog.locator(".handbook-zoom__view")
        expect(view).to_be_focused()
        level = dialog.locator(".handbook-zoom__level")
        before = level.text_content()
        page.keyboard.press("+")
        expect(level).not_to_have_text(before or "")
        page.keyboard.press("-")
        expect(level).to_have_text(before or "")
        page.keyboard.press("+")
        page.keyboard.press("+")
        scrolled = view.evaluate("(view) => { view.scrollLeft = 0; return view.scrollWidth > view.clientWidth; }")
        assert scrolled, "zoomed in twice on a phone, the diagram should be wider than the screen"
        page.keyboard.press("ArrowRight")
        expect(view).not_to_have_js_property("scrollLeft", 0)
        for name in ("Zoom out", "Zoom in", "Fit to screen", "Close"):
            expect(dialog.get_by_role("button", name=name)).to_be_visible()
        page.keyboard.press("Escape")
        expect(dialog).not_to_have_attribute("open", "")
        expect(opener).to_be_focused()
        # The Close button, reached with Tab, closes it too.
        page.keyboard.press("Enter")
        expect(dialog).to_have_attribute("open", "")
        close = dialog.get_by_role("button", name="Close")
        for _ in range(8):
            if close.evaluate("(button) => button === document.activeElement"):
                break
            page.keyboard.press("Tab")
        expect(close).to_be_focused()
        page.keyboard.press("Enter")
        expect(dialog).not_to_have_attribute("open", "")
    finally:
        context.close()
