"""The readability features that a per-page measurement cannot show: the scroll cue's
pixels, and the full-screen diagram view driven from the keyboard.
The per-page measurements are in test_every_page.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.page_visit import PHONE, new_context, wait_for_diagrams

pytestmark = pytest.mark.browser


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
