"""Two tabs on the tracker, in one browser context (they share localStorage and hear
each other's `storage` events): neither loses the other's changes, even when both
write before either has heard of the other, and an undo in one tab never reverts a
later change made in the other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.tracker_support import (
    STORAGE_KEY,
    export_document,
    import_file,
    install_lagging_storage,
    messages,
    open_tracker,
    skill_ids,
    status_select,
    stored_raw,
    stored_skills,
    tracker_stats,
)

pytestmark = pytest.mark.browser

AREA = "auth"

# Sets a status the way the select does, inside the page, and returns at once.
SET_STATUS = """([id, status]) => {
    const select = document.getElementById(`tracker-status-${id}`);
    select.value = status;
    select.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def area_url(site_url: str) -> str:
    return f"{site_url}skills/{AREA}/"


@pytest.fixture
def second_tab(watched_page: tuple[Page, PageWatch]) -> Iterator[tuple[Page, list[str]]]:
    """Another tab in the same browser context as watched_page, with its script errors."""
    page, _ = watched_page
    other = page.context.new_page()
    errors: list[str] = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    other.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield other, errors
    other.close()


def wait_until_stored(page: Page, expected: dict[str, dict[str, str]]) -> None:
    """Wait until localStorage holds exactly `expected` (statuses and notes, as stored_skills reads them)."""
    page.wait_for_function(
        """([key, expected]) => {
            const raw = localStorage.getItem(key);
            if (raw === null) return Object.keys(expected).length === 0;
            const seen = {};
            for (const [id, entry] of Object.entries(JSON.parse(raw).skills)) {
                const plain = {};
                if ("status" in entry) plain.status = entry.status;
                if ("note" in entry) plain.note = entry.note;
                if (Object.keys(plain).length) seen[id] = plain;
            }
            const sorted = (value) => JSON.stringify(value, Object.keys(value).sort());
            return Object.keys(seen).length === Object.keys(expected).length
                && Object.entries(expected).every(([id, entry]) => sorted(seen[id] ?? {}) === sorted(entry));
        }""",
        arg=[STORAGE_KEY, expected],
        timeout=10_000,
    )


def assert_settled(*tabs: Page) -> None:
    """Once the tabs agree, neither writes again (no echo of each other's writes)."""
    before = [tracker_stats(tab)["writes"] for tab in tabs]
    tabs[0].wait_for_timeout(500)
    assert [tracker_stats(tab)["writes"] for tab in tabs] == before


def test_writes_at_the_same_moment_keep_both_changes(
    site_url: str, watched_page: tuple[Page, PageWatch], second_tab: tuple[Page, list[str]]
) -> None:
    page, watch = watched_page
    other, other_errors = second_tab
    install_lagging_storage(other)
    open_tracker(page, area_url(site_url))
    open_tracker(other, area_url(site_url))
    first, second, third = skill_ids(page)[:3]
    status_select(page, third).select_option("skipped")
    expect(status_select(other, third)).to_have_value("skipped")

    # The other tab falls behind: it still sees storage as it was and has not
    # heard of the next write yet, as a tab in another process can be.
    other.evaluate("(key) => window.__trackerTestLag.hold([key])", STORAGE_KEY)
    status_select(page, first).select_option("done")
    other.wait_for_function("() => window.__trackerTestLag.queued() > 0")
    status_select(other, second).select_option("learning")  # written over a record without `first`
    other.evaluate("() => window.__trackerTestLag.release()")

    expected = {first: {"status": "done"}, second: {"status": "learning"}, third: {"status": "skipped"}}
    for tab in (page, other):
        expect(status_select(tab, first)).to_have_value("done")
        expect(status_select(tab, second)).to_have_value("learning")
        expect(status_select(tab, third)).to_have_value("skipped")
    wait_until_stored(page, expected)
    assert stored_skills(other) == expected
    assert_settled(page, other)
    assert watch.problems() == [] and other_errors == []


def test_a_status_in_one_tab_and_a_note_in_the_other_on_the_same_skill_both_survive(
    site_url: str, watched_page: tuple[Page, PageWatch], second_tab: tuple[Page, list[str]]
) -> None:
    page, watch = watched_page
    other, other_errors = second_tab
    install_lagging_storage(other)
    open_tracker(page, area_url(site_url))
    open_tracker(other, area_url(site_url))
    first = skill_ids(page)[0]

    other.evaluate("(key) => window.__trackerTestLag.hold([key])", STORAGE_KEY)
    status_select(page, first).select_option("done")
    other.wait_for_function("() => window.__trackerTestLag.queued() > 0")
    other.get_by_role("button", name="Add note").first.click()
    other.locator(f"#tracker-note-{first}").fill("written in the other tab")
    other.evaluate("() => window.__trackerTestLag.release()")

    for tab in (page, other):
        expect(status_select(tab, first)).to_have_value("done")
        expect(tab.locator(f"#tracker-note-{first}")).to_have_value("written in the other tab")
    wait_until_stored(page, {first: {"status": "done", "note": "written in the other tab"}})
    assert_settled(page, other)
    assert watch.problems() == [] and other_errors == []


def test_interleaved_writes_from_two_tabs_all_survive(
    site_url: str, watched_page: tuple[Page, PageWatch], second_tab: tuple[Page, list[str]]
) -> None:
    page, watch = watched_page
    other, other_errors = second_tab
    open_tracker(page, area_url(site_url))
    open_tracker(other, area_url(site_url))
    ids = skill_ids(page)
    pairs = list(zip(ids[0:5], ids[5:10], strict=True))
    assert len(pairs) == 5
    # Each tab writes right after the other, without waiting for events.
    for mine, theirs in pairs:
        page.evaluate(SET_STATUS, [mine, "done"])
        other.evaluate(SET_STATUS, [theirs, "skipped"])

    expected = {mine: {"status": "done"} for mine, _ in pairs} | {theirs: {"status": "skipped"} for _, theirs in pairs}
    wait_until_stored(page, expected)
    for tab in (page, other):
        for skill_id, entry in expected.items():
            expect(status_select(tab, skill_id)).to_have_value(entry["status"])
    assert_settled(page, other)
    assert watch.problems() == [] and other_errors == []


@pytest.mark.parametrize("action", ["reset", "import"])
def test_undo_in_one_tab_keeps_a_later_change_made_in_the_other(
    action: str, site_url: str, watched_page: tuple[Page, PageWatch], second_tab: tuple[Page, list[str]]
) -> None:
    page, watch = watched_page
    other, other_errors = second_tab
    open_tracker(page, area_url(site_url))
    open_tracker(other, area_url(site_url))
    first, second, third, fourth, fifth = skill_ids(page)[:5]
    status_select(page, first).select_option("done")
    status_select(page, second).select_option("learning")
    status_select(page, third).select_option("skipped")
    expect(status_select(other, third)).to_have_value("skipped")

    if action == "reset":
        page.get_by_role("button", name="Reset progress…").click()
        page.get_by_role("button", name="Yes, reset everything").click()
    else:
        import_file(page, "progress.json", export_document({fourth: {"status": "done"}}))
        expect(status_select(page, fourth)).to_have_value("done")
    expect(status_select(other, first)).to_have_value("not-started")

    # After the reset or import, the other tab changes a skill it touched, and one it did not.
    status_select(other, first).select_option("skipped")
    status_select(other, fifth).select_option("learning")
    expect(status_select(page, first)).to_have_value("skipped")
    expect(status_select(page, fifth)).to_have_value("learning")

    page.get_by_role("button", name=f"Undo {action}").click()
    expect(messages(page)).to_contain_text(
        "Undone, except for 1 skill changed again since (here or in another tab): it keeps its newer status or note."
    )
    expected = {
        first: {"status": "skipped"},
        second: {"status": "learning"},
        third: {"status": "skipped"},
        fifth: {"status": "learning"},
    }
    wait_until_stored(page, expected)
    for tab in (page, other):
        for skill_id, entry in expected.items():
            expect(status_select(tab, skill_id)).to_have_value(entry["status"])
        expect(status_select(tab, fourth)).to_have_value("not-started")
    assert_settled(page, other)
    assert watch.problems() == [] and other_errors == []


def test_storage_cleared_in_another_tab_is_not_brought_back(
    site_url: str, watched_page: tuple[Page, PageWatch], second_tab: tuple[Page, list[str]]
) -> None:
    page, watch = watched_page
    other, other_errors = second_tab
    open_tracker(page, area_url(site_url))
    open_tracker(other, area_url(site_url))
    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")
    expect(status_select(other, first)).to_have_value("done")

    other.evaluate("() => localStorage.clear()")  # what clearing site data does
    expect(status_select(page, first)).to_have_value("not-started")
    assert_settled(page, other)
    assert stored_raw(page) is None
    # The next change starts from the cleared state.
    status_select(page, skill_ids(page)[1]).select_option("learning")
    wait_until_stored(other, {skill_ids(page)[1]: {"status": "learning"}})
    assert watch.problems() == [] and other_errors == []
