"""Each query a reader would type finds its teaching page in the top three, above the glossary.

Every query goes to Material's own search worker, the one the page set up
with the built index, and its ranking is read from the worker's answer: about
25 ms a query. A sample is also typed key by key into the search box, as a
reader does, and the result list on screen must rank pages exactly as the
worker did, so the fast path and the one readers see cannot drift apart.
"""

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


# Every 20th query is also typed into the box (about ten).
TYPED = QUERIES[::20]

# Keeps a handle on each Worker the page creates: Material makes exactly one,
# its search worker, and sends it the index itself.
KEEP_WORKERS = """(() => {
    const NativeWorker = window.Worker;
    window.handbookWorkers = [];
    window.Worker = function (...args) {
        const worker = new NativeWorker(...args);
        window.handbookWorkers.push(worker);
        return worker;
    };
    window.Worker.prototype = NativeWorker.prototype;
})();"""
# Material's worker protocol: {type: 2, data: query} asks, {type: 3, data:
# {items}} answers, one item per page (best first), each a list of that
# page's matching sections, the page itself first.
ASK_WORKER = """([query, siteUrl]) => new Promise((resolve) => {
    const worker = window.handbookWorkers[0];
    const answer = (event) => {
        if (event.data.type !== 3) return;
        worker.removeEventListener("message", answer);
        const pages = event.data.data.items.map((item) => new URL(item[0].location, siteUrl).href);
        resolve(pages.map((href) => href.split(/[?#]/)[0].replace(siteUrl, "")));
    };
    worker.addEventListener("message", answer);
    worker.postMessage({type: 2, data: query});
})"""
# Result pages on screen in rank order (one item per page, best first), or
# null while the list still answers an earlier keystroke: each link carries the
# query terms it matched in `?h=`, so the final list has the last word typed.
RESULT_PAGES = """([siteUrl, lastWord]) => {
    const matched = (link) => (new URL(link.href).searchParams.get("h") ?? "").toLowerCase().split(/[\\s-]+/);
    const anyLink = [...document.querySelectorAll(".md-search-result__list a")];
    // Material's h= lists the matched terms, stemmed ("unions" may come back as "union"), so compare by prefix.
    const sameWord = (term) => term.length > 0 && (lastWord.startsWith(term) || term.startsWith(lastWord));
    if (!anyLink.some((link) => matched(link).some(sameWord))) return null;
    const pages = [];
    for (const link of document.querySelectorAll(".md-search-result__list > .md-search-result__item > a")) {
        const page = link.href.split(/[?#]/)[0].replace(siteUrl, "");
        if (!pages.includes(page)) pages.push(page);
    }
    return pages;
}"""


def settled_results(
    page: Page, site_url: str, query: str, quiet_seconds: float = 0.4, timeout: float = 30.0
) -> list[str]:
    """The result pages for `query` once the list has stopped changing (Material renders results as they come).

    `timeout` bounds the wait, it measures nothing: typed key by key, a long query is
    searched once per keystroke, and on a busy 2-core machine that took over 10 s.
    """
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


def miss(entry: dict[str, str], ranked: list[str]) -> str | None:
    """Why `ranked` fails the entry (its page not in the top 3, or the glossary above it), or None."""
    top = ranked[:3]
    wanted_rank = ranked.index(entry["page"]) if entry["page"] in ranked else len(ranked)
    glossary_first = GLOSSARY in ranked and ranked.index(GLOSSARY) < wanted_rank
    if entry["page"] in top and not glossary_first:
        return None
    return f"{entry['query']!r}: wanted {entry['page']} in the top 3 above the glossary, got {top}"


def open_search(page: Page, site_url: str) -> None:
    """Load the home page with search open and its worker holding the index."""
    page.add_init_script(KEEP_WORKERS)
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-search__input").click()  # releases the held index request
    page.wait_for_function("() => window.handbookWorkers.length === 1")
    page.keyboard.type("index")  # the first answer comes once the worker is set up
    page.wait_for_selector(".md-search-result__list > li")


def test_the_query_set_is_big_and_names_pages_that_exist(built_site: Path) -> None:
    assert len(QUERIES) >= 40
    for entry in QUERIES:
        assert set(entry) == {"query", "page"}, entry
        assert (built_site / entry["page"] / "index.html").is_file(), f"{entry['query']!r}: no page {entry['page']}"


def test_every_query_finds_its_teaching_page_above_the_glossary(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_search(page, site_url)
    misses = [miss(entry, page.evaluate(ASK_WORKER, [entry["query"], site_url])) for entry in QUERIES]
    missed = [m for m in misses if m]
    assert not missed, "\n".join(missed)
    assert watch.problems() == []


def test_typed_queries_show_the_worker_ranking_on_screen(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_search(page, site_url)
    assert len(TYPED) >= 8
    for entry in TYPED:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("() => !document.querySelector('.md-search-result__list > li')")
        page.keyboard.type(entry["query"])  # key by key: Material searches on each keystroke
        on_screen = settled_results(page, site_url, entry["query"])
        from_worker = page.evaluate(ASK_WORKER, [entry["query"], site_url])
        # The screen renders the first page of results; the worker ranks them all.
        assert on_screen and on_screen == from_worker[: len(on_screen)], entry["query"]
        assert miss(entry, on_screen) is None
    assert watch.problems() == []


# Material's worker once answered every term starting with "u" with nothing (a bug of
# lunr's trie, fixed by docs/assets/javascripts/workers/search-lunr-fix.js): typed key by
# key, "union find" passes through "u", "un" and "union f", which all failed.
def test_typing_union_find_shows_the_union_find_page(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_search(page, site_url)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type("union find")
    assert "coding/union-find/" in settled_results(page, site_url, "union find")[:3]
    assert watch.problems() == []
