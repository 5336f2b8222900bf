"""Helpers for the skill tracker's browser tests (tests/browser/test_tracker*.py).

The fixtures themselves (built_site, site_url, browser, watched_page) come from
conftest.py; these are plain functions the tracker tests share.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect

from tests.support.example_files import REPO_ROOT

STORAGE_KEY = "sde2-handbook/progress/v1"
BACKUP_KEY = "sde2-handbook/progress/v1/corrupt-backup"
EXPORT_FORMAT = "sde2-handbook-progress"
OVERVIEW = "skills/"
AXE_SCRIPT = REPO_ROOT / ".cache" / "test-assets" / "axe.min.js"
PUBLISHED_ORIGIN = re.compile(r"https?://[^/<]+")


def enable_instant_navigation(page: Page) -> None:
    """Make Material's instant navigation work against the loopback server.

    Material only intercepts links found in sitemap.xml, after moving each
    entry to the current protocol and host but not the port. The sitemap lists
    the published https URLs, so on a random local port no link matches and
    every click is a full page load. Rewriting the sitemap's origin to the
    local one lets the tests exercise real instant navigation.
    """

    def rewrite(route: Route) -> None:
        response = route.fetch()
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(route.request.url))
        route.fulfill(response=response, body=PUBLISHED_ORIGIN.sub(origin, response.text()))

    page.route("**/sitemap.xml", rewrite)


def seed_storage(page: Page, values: dict[str, str]) -> None:
    """Put `values` in localStorage before any page script runs, once per tab.

    A sessionStorage flag keeps later reloads in the same tab from writing
    them again, so a test can reload and see what the tracker itself saved.
    """
    script = (
        "if (!sessionStorage.getItem('tracker-test-seeded')) {"
        f"  for (const [key, value] of Object.entries({json.dumps(values)})) localStorage.setItem(key, value);"
        "  sessionStorage.setItem('tracker-test-seeded', '1');"
        "}"
    )
    page.add_init_script(script)


def progress_json(skills: dict[str, dict[str, str]]) -> str:
    return json.dumps({"version": 1, "skills": skills})


def open_tracker(page: Page, url: str) -> None:
    """Load a tracker page and wait until the script has set it up."""
    page.goto(url, wait_until="load")
    expect(page.locator(".tracker.tracker--ready")).to_have_count(1, timeout=15_000)


def stored_raw(page: Page, key: str = STORAGE_KEY) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key)


def stored_skills(page: Page) -> dict[str, Any]:
    raw = stored_raw(page)
    return {} if raw is None else json.loads(raw)["skills"]


def catalog(page: Page) -> dict[str, Any]:
    """The skill catalog the page embeds, read the way the tracker reads it."""
    return page.evaluate(
        """() => {
            const node = document.getElementById("skill-catalog");
            return JSON.parse(node.getAttribute("data-catalog") ?? node.textContent);
        }"""
    )


def skill_ids(page: Page) -> list[str]:
    return page.locator(".tracker-skill").evaluate_all("items => items.map(item => item.dataset.skillId)")


def status_select(page: Page, skill_id: str):
    return page.locator(f"#tracker-status-{skill_id}")


def bar(page: Page, area: str):
    return page.locator(f".tracker-progress[data-progress-area='{area}']")


def bar_numbers(page: Page, area: str) -> tuple[int, int, int]:
    """(covered, total, aria-valuenow) of one progress bar."""
    container = bar(page, area)
    covered = int(container.get_attribute("data-covered") or -1)
    total = int(container.get_attribute("data-total") or -1)
    value = int(container.get_by_role("progressbar").get_attribute("aria-valuenow") or -1)
    return covered, total, value


def tracker_stats(page: Page) -> dict[str, float]:
    return page.evaluate("() => ({...window.sde2HandbookTracker.stats})")


def messages(page: Page):
    return page.locator(".tracker-messages")


def area_pages(built_site: Path) -> dict[str, int]:
    """Area id -> number of skills, read from the built area pages."""
    counts = {}
    for html in sorted((built_site / "skills").glob("*/index.html")):
        counts[html.parent.name] = html.read_text().count('class="tracker-skill"')
    return counts


def import_file(page: Page, name: str, content: bytes) -> None:
    """Import through the real path: the Import button opens the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])
