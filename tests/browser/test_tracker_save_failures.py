"""When the browser refuses to save (storage full: setItem throws QuotaExceededError;
or storage blocked), the control the reader just changed goes back to what is
stored, and an alert right beside it says why; storage stays byte for byte."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.tracker_support import (
    bar_numbers,
    export_document,
    fill_storage,
    import_file,
    install_failing_storage,
    messages,
    open_tracker,
    run_axe,
    skill_ids,
    status_select,
    stored_raw,
    stored_skills,
)

pytestmark = pytest.mark.browser

AREA = "auth"
FULL_STATUS = "Not saved: this browser's storage is full, so the status is back to what is saved."
FULL_NOTE = "Not saved: this browser's storage is full, so the note is back to what is saved."
BLOCKED_STATUS = "Not saved: this browser blocks local storage, so the status is back to what is saved."


def area_url(site_url: str) -> str:
    return f"{site_url}skills/{AREA}/"


def skill_item(page: Page, skill_id: str):
    return page.locator(f".tracker-skill[data-skill-id='{skill_id}']")


def alert_follows(page: Page, skill_id: str, selector: str) -> bool:
    """Whether the skill's alert comes right after `selector` inside that skill."""
    return page.evaluate(
        """([id, selector]) => {
            const item = document.querySelector(`.tracker-skill[data-skill-id="${id}"]`);
            const alert = item.querySelector("[role=alert]");
            return Boolean(alert) && alert.previousElementSibling === item.querySelector(selector);
        }""",
        [skill_id, selector],
    )


def test_a_status_that_cannot_be_saved_goes_back_and_says_why_beside_it(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    fill_storage(page)
    before = stored_raw(page)

    status_select(page, second).select_option("done")
    alert = skill_item(page, second).get_by_role("alert")
    expect(alert).to_have_text(FULL_STATUS)
    expect(status_select(page, second)).to_have_value("not-started")
    expect(skill_item(page, second)).to_have_attribute("data-status", "not-started")
    assert alert_follows(page, second, ".tracker-status")
    expect(status_select(page, second)).to_have_attribute("aria-describedby", f"tracker-problem-{second}")
    expect(page.get_by_role("alert")).to_have_count(1)
    expect(messages(page)).not_to_contain_text("Not saved")
    assert stored_raw(page) == before
    assert bar_numbers(page, AREA)[0] == 1

    # Trying again while still full says the same, once, in the same place.
    status_select(page, second).select_option("skipped")
    expect(status_select(page, second)).to_have_value("not-started")
    expect(page.get_by_role("alert")).to_have_count(1)
    assert stored_raw(page) == before

    # With room again the same change is saved, and the alert goes away.
    page.evaluate("window.__trackerTestQuota = undefined")
    status_select(page, second).select_option("done")
    expect(status_select(page, second)).to_have_value("done")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(status_select(page, second)).not_to_have_attribute("aria-describedby", f"tracker-problem-{second}")
    assert stored_skills(page) == {first: {"status": "done"}, second: {"status": "done"}}
    assert bar_numbers(page, AREA)[0] == 2
    assert watch.problems() == []


def test_a_note_that_cannot_be_saved_goes_back_and_says_why_beside_it(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    skill_item(page, first).get_by_role("button", name="Add note").click()
    note = page.locator(f"#tracker-note-{first}")
    note.fill("kept")
    fill_storage(page)
    before = stored_raw(page)

    note.fill("kept, and a longer thought that does not fit")
    expect(note).to_have_value("kept")
    expect(skill_item(page, first).get_by_role("alert")).to_have_text(FULL_NOTE)
    assert alert_follows(page, first, "textarea")
    expect(note).to_have_attribute("aria-describedby", f"tracker-problem-{first}")
    assert stored_raw(page) == before

    # A shorter note takes less room, so it is saved, and the alert goes away.
    note.fill("k")
    expect(note).to_have_value("k")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert stored_skills(page) == {first: {"note": "k"}}
    assert watch.problems() == []


def test_storage_blocked_after_the_page_loaded(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    page.evaluate("window.__trackerTestBlocked = true")

    status_select(page, first).select_option("learning")
    expect(skill_item(page, first).get_by_role("alert")).to_have_text(BLOCKED_STATUS)
    expect(status_select(page, first)).to_have_value("not-started")
    assert stored_raw(page) is None
    assert watch.problems() == []


def test_an_import_that_cannot_be_saved_changes_nothing(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    fill_storage(page)
    before = stored_raw(page)

    import_file(page, "bigger.json", export_document({second: {"status": "done", "note": "x" * 500}}))
    expect(messages(page)).to_contain_text("Nothing changed: this browser's storage is full or blocked.")
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, second)).to_have_value("not-started")
    expect(page.get_by_role("button", name="Undo import")).to_have_count(0)
    assert stored_raw(page) == before
    assert watch.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_failed_save_passes_axe(scheme: str, site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, _ = watched_page
    page.emulate_media(color_scheme=scheme)
    install_failing_storage(page)
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    fill_storage(page)
    status_select(page, first).select_option("done")
    skill_item(page, second).get_by_role("button", name="Add note").click()
    page.locator(f"#tracker-note-{second}").fill("no room")
    expect(page.get_by_role("alert")).to_have_count(2)
    assert run_axe(page) == []
