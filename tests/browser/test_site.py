"""The built site in a real Chromium: offline-clean, error-free, and its features work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.page_visit import site_pages

pytestmark = pytest.mark.browser


def page_paths(built_site: Path) -> list[str]:
    """URL paths of every HTML page in the build, e.g. 'apis/rest/'."""
    paths = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def test_the_other_html_pages_load_offline_without_errors(
    built_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    """The HTML files that are not reader pages (404.html): test_every_page.py visits the rest."""
    page, watch = watched_page
    reader_pages = set(site_pages())
    paths = [path for path in page_paths(built_site) if path not in reader_pages]
    assert "404.html" in paths, f"expected the not-found page among {paths}"
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
    assert watch.problems() == []


def test_search_finds_a_term_and_lands_on_its_page(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("search").get_by_label("Search").first.click()
    page.keyboard.type("problem details")
    first_result = page.locator(".md-search-result__item a").first
    expect(first_result).to_be_visible(timeout=10_000)
    expect(first_result).to_have_attribute("href", re.compile(r"apis/errors/"))
    first_result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{site_url}apis/errors/")), timeout=10_000)
    expect(page.locator("h1")).to_contain_text("API errors: problem details")
    assert watch.problems() == []


def test_mermaid_diagrams_render_from_the_site_itself(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(site_url + "role/owning-a-service/", wait_until="networkidle")
    # Material replaces each <pre class="mermaid"> source with a <div class="mermaid">
    # holding the drawn SVG in a closed shadow root, so the SVG itself is not
    # reachable; a rendered diagram shows as a div with real height. The library
    # loads once a diagram comes near the screen, and then draws them all.
    expect(page.locator("pre.mermaid")).to_have_count(3)
    page.locator("pre.mermaid").first.scroll_into_view_if_needed()
    expect(page.locator("pre.mermaid")).to_have_count(0, timeout=10_000)
    diagrams = page.locator("div.mermaid")
    expect(diagrams).to_have_count(3)
    heights = [diagrams.nth(i).bounding_box()["height"] for i in range(diagrams.count())]
    assert min(heights) > 50, f"diagrams did not render: heights {heights}"
    assert watch.problems() == []


def test_mermaid_is_downloaded_only_when_a_diagram_is_near(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "vendor/mermaid" in request.url else None)
    page.goto(site_url + "role/levels/", wait_until="networkidle")  # no diagram
    page.goto(site_url + "apis/graphql/", wait_until="networkidle")  # its diagram is far below the fold
    page.wait_for_timeout(500)
    assert fetched == [], "mermaid was downloaded before any diagram was near the screen"
    expect(page.locator("pre.mermaid").first).to_be_attached()
    page.locator("pre.mermaid").first.scroll_into_view_if_needed()
    expect(page.locator("div.mermaid").first).to_be_visible(timeout=10_000)
    assert [url.removeprefix(site_url) for url in fetched] == ["assets/vendor/mermaid.min.js"]
    assert watch.problems() == []


def test_the_search_index_is_downloaded_when_search_opens(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "search_index" in request.url else None)
    page.goto(site_url + "machine-coding/lru-cache/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert fetched == [], "the search index was downloaded before anyone searched"
    page.keyboard.press("s")  # Material's shortcut to open search
    page.keyboard.type("outbox")
    expect(page.locator(".md-search-result__item a").first).to_be_visible(timeout=10_000)
    assert [url.removeprefix(site_url) for url in fetched] == ["search/search_index.json"]
    assert watch.problems() == []


def test_notebook_pages_use_the_sites_own_code_blocks(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(site_url + "system-design/url-shortener/estimation/", wait_until="networkidle")
    article = page.locator("article")
    expect(article.locator("style")).to_have_count(0)  # no inlined JupyterLab CSS
    expect(article.locator(".jp-CodeCell .highlight pre > code").first).to_be_visible()
    expect(article.locator(".jp-CodeCell button.md-code__button[data-md-type=copy]").first).to_be_attached()
    expect(article.locator("[tabindex='0']:not(code)")).to_have_count(0)
    assert watch.problems() == []


def test_light_and_dark_schemes_toggle(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, _ = watched_page
    page.goto(site_url, wait_until="networkidle")
    body = page.locator("body")
    schemes = set()
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        schemes.add(body.get_attribute("data-md-color-scheme"))
    assert {"default", "slate"} <= schemes


def test_code_blocks_have_copy_buttons_and_pages_have_edit_links(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, _ = watched_page
    page.goto(site_url + "apis/rest/", wait_until="networkidle")
    expect(page.locator("button.md-code__button[data-md-type=copy]").first).to_be_attached()
    edit = page.locator("a.md-content__button[href*='/edit/main/docs/apis/rest.md']")
    expect(edit).to_have_count(1)


def test_glossary_terms_show_tooltips(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(site_url + "apis/rest/", wait_until="networkidle")
    term = page.locator(".md-typeset abbr").first  # every one has a title until hovered
    definition = term.get_attribute("title")
    assert definition
    tooltip = page.locator("#handbook-tooltip")
    term.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    expect(term).to_have_attribute("aria-describedby", "handbook-tooltip")
    # The browser's own title tooltip would sit on top of ours while it shows.
    expect(term).not_to_have_attribute("title", definition)
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    expect(term).to_have_attribute("title", definition)
    term.hover()
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert watch.problems() == []


def test_a_tap_shows_a_glossary_tooltip_inside_a_phone_screen(site_url: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + "apis/rest/", wait_until="networkidle")
        terms = page.locator(".md-typeset abbr")
        tooltip = page.locator("#handbook-tooltip")
        for index in (0, terms.count() - 1):
            term = terms.nth(index)
            term.scroll_into_view_if_needed()
            definition = term.get_attribute("title")
            term.tap()
            expect(tooltip).to_be_visible()
            expect(tooltip).to_have_text(definition)
            box = tooltip.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            term.tap()  # a second tap on the term closes it
            expect(tooltip).to_be_hidden()
        terms.first.scroll_into_view_if_needed()
        terms.first.tap()
        page.locator(".md-typeset h1").tap()  # so does a tap elsewhere
        expect(tooltip).to_be_hidden()
    finally:
        context.close()
