"""Each query a reader would type finds its teaching page in the top three, above the glossary."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
GLOSSARY = "glossary/"
# Result pages in rank order (Material lists one item per page, best first), or
# null while the list still answers an earlier keystroke: each link carries the
# query terms it matched in `?h=`, so the final list has the last word typed.
RESULT_PAGES = """([siteUrl, lastWord]) => {
    const matched = (link) => (new URL(link.href).searchParams.get("h") ?? "").toLowerCase().split(" ");
    const anyLink = [...document.querySelectorAll(".md-search-result__list a")];
    if (!anyLink.some((link) => matched(link).includes(lastWord))) return null;
    const pages = [];
    for (const link of document.querySelectorAll(".md-search-result__list > .md-search-result__item > a")) {
        const page = link.href.split(/[?#]/)[0].replace(siteUrl, "");
        if (!pages.includes(page)) pages.push(page);
    }
    return pages;
}"""


def settled_results(
    page: Page, site_url: str, query: str, quiet_seconds: float = 0.4, timeout: float = 10.0
) -> list[str]:
    """The result pages for `query` once the list has stopped changing (Material renders results as they come)."""
    last_word = re.split(r"[\s\-]+", query.lower())[-1]
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        current = page.evaluate(RESULT_PAGES, [site_url, last_word])
        if current != last:
            last, since = current, time.monotonic()
        elif current and time.monotonic() - since >= quiet_seconds:
            return current
        page.wait_for_timeout(50)
    return last or []


def test_the_query_set_is_big_and_names_pages_that_exist(built_site: Path) -> None:
    assert len(QUERIES) >= 40
    for entry in QUERIES:
        assert set(entry) == {"query", "page"}, entry
        assert (built_site / entry["page"] / "index.html").is_file(), f"{entry['query']!r}: no page {entry['page']}"


# Queries typed at once, one per tab: most of a query's time is waiting for
# the result list to settle, and the tabs' waits overlap.
TABS = 4


def clear_and_type(tab: Page, query: str) -> None:
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Backspace")
    tab.wait_for_function("() => !document.querySelector('.md-search-result__list > li')")
    # Typed key by key, as a reader does: Material searches on each keystroke.
    tab.keyboard.type(query)


def test_every_query_finds_its_teaching_page_above_the_glossary(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    first_tab, watch = watched_page
    tabs = [first_tab] + [first_tab.context.new_page() for _ in range(TABS - 1)]
    errors: list[str] = []
    for tab in tabs[1:]:  # the first tab's errors are already in `watch`
        tab.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    for tab in tabs:
        tab.goto(site_url, wait_until="networkidle")
        tab.locator(".md-search__input").click()
    misses = []
    for start in range(0, len(QUERIES), TABS):
        batch = list(zip(tabs, QUERIES[start : start + TABS], strict=False))
        for tab, entry in batch:
            clear_and_type(tab, entry["query"])
        for tab, entry in batch:
            ranked = settled_results(tab, site_url, entry["query"])
            top = ranked[:3]
            wanted_rank = ranked.index(entry["page"]) if entry["page"] in ranked else len(ranked)
            glossary_first = GLOSSARY in ranked and ranked.index(GLOSSARY) < wanted_rank
            if entry["page"] not in top or glossary_first:
                misses.append(f"{entry['query']!r}: wanted {entry['page']} in the top 3 above the glossary, got {top}")
    assert not misses, "\n".join(misses)
    assert watch.problems() + errors == []
