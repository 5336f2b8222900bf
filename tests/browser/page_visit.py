"""One visit to one page of the built site, measured for every per-page browser test.

Each page is loaded once, at 1280 px, with every request off this machine
refused and recorded. Then, in that one load:

1. axe-core checks the page in the light scheme (every WCAG 2.x A/AA rule and
   axe's best practices), then in the dark scheme only the rules whose result
   depends on colors (contrast, links told apart from text): the palette is
   all that changes between the two;
2. everything a reader could open is revealed, the diagrams are drawn, and the
   readability measurement is taken at 1280 px;
3. the viewport narrows to 390 px (layout follows the viewport; nothing the
   measurement reads is fixed at load) and the measurement is taken again.

A page load costs about two seconds of CPU in Chromium here; one load instead
of four (two widths, axe, the offline check) is most of what the browser tests
spend.

Material draws each diagram into a closed shadow root. An init script makes
every shadow root open in these tests only, so the measurement reads the drawn
SVG itself; axe is pointed past the diagrams, which it could not see inside
before the roots were opened either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import LOOPBACK_HOSTS
from tests.support.axe import axe_violations
from tests.support.example_files import REPO_ROOT

LAPTOP, PHONE = 1280, 390
BLACK_COLUMNS = 88
# The rules whose outcome depends on the colors of the page.
COLOR_RULES = ["color-contrast", "link-in-text-block"]
# Colors switch at once, so axe never reads a color halfway through a transition.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"

# rule id -> (targets it may name, why it stays)
MATERIAL_MARKUP = {
    "landmark-unique": (
        re.compile(r"(\.md-code__nav|nav\[aria-labelledby=\"__nav_[\w_]+_label\"\]|nav\[data-md-level=\"\d+\"\])$"),
        "Material's JavaScript gives every code block a <nav> toolbar with no name, and its navigation "
        "sidebar labels nested sections by their titles, which can repeat; both come from Material's "
        "templates and scripts, not from our markup.",
    ),
}


def site_pages() -> list[str]:
    """Every page of the site, as the URL path a reader visits: docs/ and the generated pages."""
    areas = yaml.safe_load((REPO_ROOT / "data/skills.yml").read_text(encoding="utf-8"))["areas"]
    # Generated at build time: the glossary, the skill map, the coding problem index.
    pages = {"", "glossary/", "skills/", "coding/problems/", *(f"skills/{area['id']}/" for area in areas)}
    for source in (REPO_ROOT / "docs").rglob("*"):
        if source.suffix not in {".md", ".py", ".ipynb"} or "assets" in source.parts:
            continue
        relative = source.relative_to(REPO_ROOT / "docs").with_suffix("").as_posix()
        pages.add("" if relative == "index" else relative.removesuffix("/index") + "/")
    return sorted(pages)


def unexplained(violations: list[dict]) -> list[str]:
    problems = []
    for violation in violations:
        allowed = MATERIAL_MARKUP.get(violation["id"])
        for node in violation["nodes"]:
            if allowed and allowed[0].search(node["target"]):
                continue
            problems.append(f"{violation['id']} ({violation['help']}): {node['target']}: {node['summary']}")
    return problems


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


def new_context(browser: Browser, width: int = LAPTOP) -> BrowserContext:
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




@dataclass
class Visit:
    """What one page did and showed: the per-page tests read only this."""

    path: str
    external_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    axe: dict[str, list[str]] = field(default_factory=dict)  # scheme -> unexplained violations
    measured: dict[int, dict[str, Any]] = field(default_factory=dict)  # width -> measurement


def measure(page: Page) -> dict[str, Any]:
    measured = page.evaluate(MEASURE, [BLACK_COLUMNS, LABELS])
    for diagram in measured["diagrams"]:
        diagram["fullScreen"] = open_full_screen(page, diagram["index"]) if diagram.get("hasButton") else None
    return measured


def visit_page(context: BrowserContext, site_url: str, path: str) -> Visit:
    """Load `path` once and take every per-page measurement (see the module docstring)."""
    visit = Visit(path)
    page = context.new_page()

    def record(url: str) -> None:
        parts = urlsplit(url)
        external = parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOOPBACK_HOSTS
        if external and url not in visit.external_requests:
            visit.external_requests.append(url)

    page.on("request", lambda request: record(request.url))
    page.on("websocket", lambda socket: record(socket.url))
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
    page.on("console", lambda m: visit.errors.append(f"console error: {m.text}") if m.type == "error" else None)
    try:
        page.set_viewport_size({"width": LAPTOP, "height": 900})
        page.emulate_media(color_scheme="light")
        page.goto(site_url + path, wait_until="networkidle")
        page.add_style_tag(content=NO_TRANSITIONS)
        # The palette follows the system setting; Material re-colors the page when it changes.
        for scheme, palette, rules in (("light", "default", None), ("dark", "slate", COLOR_RULES)):
            page.emulate_media(color_scheme=scheme)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
            visit.axe[scheme] = unexplained(axe_violations(page, rules=rules, exclude=["div.mermaid"]))
        page.emulate_media(color_scheme="light")
        page.add_style_tag(content=REVEAL_EVERYTHING)
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        wait_for_diagrams(page)
        visit.measured[LAPTOP] = measure(page)
        page.set_viewport_size({"width": PHONE, "height": 900})
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        visit.measured[PHONE] = measure(page)
        return visit
    finally:
        page.close()
