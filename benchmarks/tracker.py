"""Skill tracker (docs/assets/javascripts/tracker.js) in a real Chromium.

Reports, on the built site:
  (a) how long one status change takes to be saved and to update every
      progress bar on the largest area page, timed inside the page with
      performance.now() around dispatching the change event (plus the forced
      layout that follows), with an empty store and with a full one: every
      save re-reads and merges the stored record, so its size shows here;
  (b) how long the tracker's init takes (its own performance.now() timing,
      window.sde2HandbookTracker.stats.lastInitMs), with an empty store and
      with a store where every skill has a status and a note; the ratio
      full/empty shows what stored progress costs at start-up.

Numbers only; nothing is asserted. BENCH_QUICK=1 runs few repetitions.

    .venv/bin/python benchmarks/tracker.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from benchmarks.timing import quick_mode
from tests.support.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from tests.support.ci import running_under_ci
from tests.support.site_build import build_site, serve_directory, site_path_prefix

STORAGE_KEY = "sde2-handbook/progress/v1"
STORE_VERSION = 2
CHANGES = 30 if quick_mode() else 300
LOADS = 3 if quick_mode() else 15
NOTE = "Practised it on a side project; revisit the failure cases and write down what broke. " * 3

# Runs in the page: toggles statuses one at a time and times each change from
# dispatching the event until the bars are updated and laid out again.
TIME_STATUS_CHANGES = """(changes) => {
    const selects = [...document.querySelectorAll('.tracker-skill select[data-role=status]')];
    const bars = [...document.querySelectorAll('.tracker-bar')];
    const times = [];
    for (let i = 0; i < changes; i += 1) {
        const select = selects[i % selects.length];
        select.value = select.value === 'done' ? 'not-started' : 'done';
        const before = bars[0].getAttribute('aria-valuetext');
        const start = performance.now();
        select.dispatchEvent(new Event('change', {bubbles: true}));
        for (const bar of bars) bar.getBoundingClientRect();
        times.push(performance.now() - start);
        if (bars[0].getAttribute('aria-valuetext') === before && selects.length > 1) {
            throw new Error('a status change did not update the bar');
        }
    }
    return {times, skills: selects.length, bars: bars.length};
}"""


def largest_area(site: Path) -> tuple[str, int]:
    counts = {
        html.parent.name: html.read_text().count('class="tracker-skill"')
        for html in (site / "skills").glob("*/index.html")
    }
    area = max(counts, key=counts.get)
    return area, counts[area]


def full_store(page: Page) -> str:
    """A stored record (current format) where every skill in the catalog has a status and a note."""
    catalog = page.evaluate(
        """() => {
            const node = document.getElementById('skill-catalog');
            return JSON.parse(node.getAttribute('data-catalog') ?? node.textContent);
        }"""
    )
    statuses = ["learning", "done", "skipped"]
    skills = {}
    for area in catalog["areas"]:
        for index, skill_id in enumerate(area["skills"]):
            stamp = [index + 1, "bench"]
            skills[skill_id] = {"status": statuses[index % 3], "note": NOTE, "rev": {"status": stamp, "note": stamp}}
    return json.dumps({"version": STORE_VERSION, "skills": skills})


def load_with(page: Page, url: str, stored: str | None) -> None:
    page.evaluate(
        "([key, value]) => value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)",
        [STORAGE_KEY, stored],
    )
    page.goto(url, wait_until="load")
    page.wait_for_selector(".tracker.tracker--ready")


def init_times(page: Page, url: str, stored: str | None) -> list[float]:
    times = []
    for _ in range(LOADS):
        load_with(page, url, stored)
        times.append(page.evaluate("() => window.sde2HandbookTracker.stats.lastInitMs"))
    return times


def change_times(page: Page, url: str, stored: str | None) -> dict:
    load_with(page, url, stored)
    return page.evaluate(TIME_STATUS_CHANGES, CHANGES)


def main() -> int:
    executable = find_chromium()
    if executable is None:
        print(f"Tracker benchmark skipped: no Chromium found, so no timings and no ratio. To run it, {HOW_TO_GET_ONE}.")
        return 1 if running_under_ci() else 0

    with tempfile.TemporaryDirectory() as temp:
        site = build_site(Path(temp) / "site")
        area, skill_count = largest_area(site)
        with serve_directory(site, site_path_prefix()) as site_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
            page = browser.new_context().new_page()
            area_url = f"{site_url}skills/{area}/"
            page.goto(area_url, wait_until="load")
            page.wait_for_selector(".tracker.tracker--ready")
            store = full_store(page)
            total_skills = len(json.loads(store)["skills"])

            empty_changes = change_times(page, area_url, None)
            full_changes = change_times(page, area_url, store)
            print(f"largest area page: skills/{area}/ ({skill_count} skills, {empty_changes['bars']} bar(s))")
            for label, changes in (("empty store", empty_changes), (f"all {total_skills} saved", full_changes)):
                print(
                    f"status change -> saved, every bar updated, {label:<15}: median "
                    f"{statistics.median(changes['times']) * 1000:8.1f} us over {CHANGES} changes "
                    f"(max {max(changes['times']) * 1000:.1f} us)"
                )
            ratio = statistics.median(full_changes["times"]) / max(statistics.median(empty_changes["times"]), 1e-4)
            print(f"status change, full store / empty store: ratio {ratio:5.2f}")

            for label, url in (("area", area_url), ("overview", f"{site_url}skills/")):
                empty = statistics.median(init_times(page, url, None))
                full = statistics.median(init_times(page, url, store))
                print(
                    f"init, {label:<8} page: empty store {empty:7.2f} ms   "
                    f"all {total_skills} skills with status+note {full:7.2f} ms   "
                    f"ratio {full / max(empty, 0.1):5.2f}   (median of {LOADS} loads)"
                )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
