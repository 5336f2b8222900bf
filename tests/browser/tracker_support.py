"""Helpers for the skill tracker's browser tests (tests/browser/test_tracker*.py).

The fixtures themselves (built_site, site_url, browser, watched_page) come from
conftest.py; these are plain functions the tracker tests share.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect

from tests.support.axe import axe_violations

STORAGE_KEY = "sde2-handbook/progress/v1"  # the slot's name; the record inside carries its own version
STORE_VERSION = 2
BACKUP_KEY = "sde2-handbook/progress/v1/corrupt-backup"
EXPORT_FORMAT = "sde2-handbook-progress"
OVERVIEW = "skills/"
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
    """A stored record in format version 1, the one the first release wrote (no revisions)."""
    return json.dumps({"version": 1, "skills": skills})


def record_json(skills: dict[str, dict[str, Any]], stamp: tuple[int, str] = (1, "seed")) -> str:
    """A stored record in the current format: each field present gets the revision `stamp`."""
    entries = {}
    for skill_id, entry in skills.items():
        rev = {field: list(stamp) for field in ("status", "note") if field in entry}
        entries[skill_id] = {**entry, "rev": rev}
    return json.dumps({"version": STORE_VERSION, "skills": entries})


def open_tracker(page: Page, url: str) -> None:
    """Load a tracker page and wait until the script has set it up."""
    page.goto(url, wait_until="load")
    expect(page.locator(".tracker.tracker--ready")).to_have_count(1, timeout=15_000)


def stored_raw(page: Page, key: str = STORAGE_KEY) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key)


def stored_record(page: Page) -> dict[str, Any] | None:
    raw = stored_raw(page)
    return None if raw is None else json.loads(raw)


def stored_skills(page: Page) -> dict[str, dict[str, str]]:
    """What is saved for the reader: each skill's status and note, as an export has them.

    Revisions are left out, and so are skills whose fields are all back at
    their defaults (the record keeps those so other tabs cannot revive them).
    """
    record = stored_record(page)
    skills: dict[str, dict[str, str]] = {}
    for skill_id, entry in (record or {"skills": {}})["skills"].items():
        plain = {field: entry[field] for field in ("status", "note") if field in entry}
        if plain:
            skills[skill_id] = plain
    return skills


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


def run_axe(page: Page) -> list[dict]:
    """axe-core violations inside the tracker block, as {id, help, nodes: ["target: summary"]}.

    Scoped to `.tracker` because that is what this project's script renders;
    tests/browser/test_every_page.py checks whole pages.
    """
    return [
        {"id": v["id"], "help": v["help"], "nodes": [f"{n['target']}: {n['summary']}" for n in v["nodes"]]}
        for v in axe_violations(page, ".tracker")
    ]


def area_pages(built_site: Path) -> dict[str, int]:
    """Area id -> number of skills, read from the built area pages."""
    counts = {}
    for page_file in sorted((built_site / "skills").glob("*/index.html")):
        counts[page_file.parent.name] = page_file.read_text().count('class="tracker-skill"')
    return counts


def import_file(page: Page, name: str, content: bytes) -> None:
    """Import through the real path: the Import button opens the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def export_document(skills: dict) -> bytes:
    return json.dumps({"format": EXPORT_FORMAT, "version": 1, "skills": skills}).encode()


def no_prototype_changes(page: Page) -> list[str]:
    """Problems if anything added to or replaced on Object.prototype / Array.prototype."""
    return page.evaluate(
        """() => {
            const problems = [];
            for (const [name, proto] of [["Object", Object.prototype], ["Array", Array.prototype]]) {
                for (const key of Object.keys(proto)) problems.push(`${name}.prototype has "${key}"`);
                if (Object.getPrototypeOf(proto) !== (name === "Object" ? null : Object.prototype)) {
                    problems.push(`${name}.prototype's prototype changed`);
                }
            }
            for (const key of ["status", "note", "rev", "d", "l", "s"]) {
                if (key in {}) problems.push(`a fresh object has "${key}"`);
            }
            if (({}).constructor !== Object) problems.push("({}).constructor is not Object");
            return problems;
        }"""
    )


CATALOG_ATTRIBUTE = re.compile(r'data-catalog="([^"]*)"')


def rewrite_page(
    page: Page, url: str, edit_catalog: Callable[[dict], None], replacements: tuple[tuple[str, str], ...] = ()
) -> None:
    """Serve `url` with its embedded catalog changed by `edit_catalog` and `replacements` applied to the HTML.

    Lets a test give the real page data the handbook does not have (yet), such
    as a skill or a level named like an Object.prototype member.
    """

    def rewrite(route: Route) -> None:
        response = route.fetch()

        def edited(match: re.Match[str]) -> str:
            data = json.loads(html.unescape(match.group(1)))
            edit_catalog(data)
            return f'data-catalog="{html.escape(json.dumps(data), quote=True)}"'

        body, count = CATALOG_ATTRIBUTE.subn(edited, response.text(), count=1)
        assert count == 1, f"{url} embeds no catalog"
        for old, new in replacements:
            assert old in body, f"{old!r} is not in {url}"
            body = body.replace(old, new)
        route.fulfill(response=response, body=body)

    page.route(url, rewrite)


# ------------------------------------------------------------------ storage that fails or lags

# Wraps localStorage.setItem so a test can make it throw QuotaExceededError
# once the stored text would pass window.__trackerTestQuota characters, or
# throw SecurityError (as a browser that blocks storage does) when
# window.__trackerTestBlocked is true.
FAILING_STORAGE_SCRIPT = """(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (this === window.localStorage) {
            if (window.__trackerTestBlocked) throw new DOMException("The operation is insecure.", "SecurityError");
            const quota = window.__trackerTestQuota;
            if (typeof quota === "number") {
                let used = String(key).length + String(value).length;
                for (let i = 0; i < this.length; i += 1) {
                    const other = this.key(i);
                    if (other !== String(key)) used += other.length + this.getItem(other).length;
                }
                if (used > quota) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            }
        }
        return setItem.call(this, key, value);
    };
})();"""


def install_failing_storage(page: Page) -> None:
    page.add_init_script(FAILING_STORAGE_SCRIPT)


def fill_storage(page: Page) -> None:
    """From now on any write that makes localStorage hold more than it does now fails as full."""
    page.evaluate(
        """() => {
            let used = 0;
            for (let i = 0; i < localStorage.length; i += 1) {
                const key = localStorage.key(i);
                used += key.length + localStorage.getItem(key).length;
            }
            window.__trackerTestQuota = used;
        }"""
    )


# Makes one tab lag behind the others the way a browser's per-process storage
# cache can: while held, localStorage.getItem returns what was stored when the
# hold began (plus this tab's own writes), and `storage` events wait in a
# queue. release() drops the stale view and delivers the queued events.
LAGGING_STORAGE_SCRIPT = """(() => {
    const getItem = Storage.prototype.getItem;
    const setItem = Storage.prototype.setItem;
    let held = null;
    const queued = [];
    Storage.prototype.getItem = function (key) {
        if (held && this === window.localStorage && held.has(String(key))) return held.get(String(key));
        return getItem.call(this, key);
    };
    Storage.prototype.setItem = function (key, value) {
        const result = setItem.call(this, key, value);
        if (held && this === window.localStorage) held.set(String(key), String(value));
        return result;
    };
    window.addEventListener("storage", (event) => {
        if (!held) return;
        queued.push(event);
        event.stopImmediatePropagation();
    }, true);
    window.__trackerTestLag = {
        hold(keys) {
            held = new Map(keys.map((key) => [key, getItem.call(window.localStorage, key)]));
        },
        queued: () => queued.length,
        release() {
            held = null;
            for (const event of queued.splice(0)) {
                window.dispatchEvent(new StorageEvent("storage", {
                    key: event.key, oldValue: event.oldValue, newValue: event.newValue,
                    url: event.url, storageArea: event.storageArea,
                }));
            }
        },
    };
})();"""


def install_lagging_storage(page: Page) -> None:
    page.add_init_script(LAGGING_STORAGE_SCRIPT)
