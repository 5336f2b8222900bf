"""The skill tracker in a real Chromium, on the built skill-map pages: statuses,
notes, progress bars, the level filter, instant navigation, keyboard-only use,
the no-JavaScript fallback and accessibility (axe-core)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.tracker_support import (
    OVERVIEW,
    area_pages,
    bar,
    bar_numbers,
    catalog,
    enable_instant_navigation,
    messages,
    open_tracker,
    progress_json,
    run_axe,
    seed_storage,
    skill_ids,
    status_select,
    stored_skills,
    tracker_stats,
)

pytestmark = pytest.mark.browser

AREA = "auth"  # a fixed area id from the tracker contract
OTHER_AREA = "coding-dsa"


def test_statuses_and_notes_survive_a_reload(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    first, second, third = skill_ids(page)[:3]
    total = len(skill_ids(page))
    assert bar_numbers(page, AREA) == (0, total, 0)

    status_select(page, first).select_option("learning")
    status_select(page, second).select_option("done")
    status_select(page, third).select_option("skipped")
    note_button = page.get_by_role("button", name=re.compile(r"Add note on "))
    note_button.first.click()
    page.locator(f"#tracker-note-{first}").fill("Read RFC 6749, section 4.1, twice.")

    page.reload()
    expect(page.locator(".tracker.tracker--ready")).to_have_count(1)
    expect(status_select(page, first)).to_have_value("learning")
    expect(status_select(page, second)).to_have_value("done")
    expect(status_select(page, third)).to_have_value("skipped")
    expect(page.locator(f"#tracker-note-{first}")).to_have_value("Read RFC 6749, section 4.1, twice.")
    expect(page.get_by_role("button", name=re.compile(r"^Edit note on "))).to_have_count(1)
    assert stored_skills(page) == {
        first: {"status": "learning", "note": "Read RFC 6749, section 4.1, twice."},
        second: {"status": "done"},
        third: {"status": "skipped"},
    }
    # Done and skipped count as covered; learning does not.
    assert bar_numbers(page, AREA) == (2, total, round(200 / total))
    assert watch.problems() == []


def test_bars_on_the_overview_count_every_area_and_the_total(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    ids = skill_ids(page)
    for skill_id in ids[:3]:
        status_select(page, skill_id).select_option("done")
    status_select(page, ids[3]).select_option("skipped")
    status_select(page, ids[4]).select_option("learning")

    open_tracker(page, site_url + OVERVIEW)
    covered, area_total, value = bar_numbers(page, AREA)
    assert (covered, area_total, value) == (4, len(ids), round(400 / len(ids)))
    overall = bar_numbers(page, "all")
    all_skills = sum(len(area["skills"]) for area in catalog(page)["areas"])
    assert overall == (4, all_skills, round(400 / all_skills))
    assert bar_numbers(page, OTHER_AREA)[0] == 0
    expect(bar(page, "all").get_by_role("progressbar")).to_have_attribute("aria-label", "Overall progress")
    expect(bar(page, AREA)).to_contain_text(f"4 of {len(ids)} covered")
    assert watch.problems() == []


def test_level_filter_hides_other_levels_and_says_how_many(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    levels = page.locator(".tracker-skill").evaluate_all("items => items.map(item => item.dataset.level)")
    sde2 = levels.count("sde2")
    assert 0 < sde2 < len(levels), "the test needs an area with SDE-II and other skills"
    status_select(page, skill_ids(page)[0]).select_option("done")
    before = bar_numbers(page, AREA)

    page.get_by_label("Show level").select_option("sde2")
    expect(page.locator(".tracker-skill:visible")).to_have_count(sde2)
    expect(page.locator(".tracker-skill[data-level=sde2]:visible")).to_have_count(sde2)
    hidden = len(levels) - sde2
    expect(page.locator(".tracker-filter-status")).to_contain_text(
        f"Showing {sde2} of {len(levels)} skills (SDE-II only); {hidden} hidden by the level filter"
    )
    # The filter changes what is listed, never what is counted.
    assert bar_numbers(page, AREA) == before

    page.get_by_label("Show level").select_option("")
    expect(page.locator(".tracker-skill:visible")).to_have_count(len(levels))
    expect(page.locator(".tracker-filter-status")).to_have_text(f"Showing all {len(levels)} skills.")
    assert watch.problems() == []


def test_instant_navigation_keeps_state_and_attaches_listeners_once(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    enable_instant_navigation(page)
    open_tracker(page, site_url + OVERVIEW)
    page.evaluate("window.__samePageLoad = true")
    sidebar = page.locator(".md-sidebar--primary")

    sidebar.locator(f"a.md-nav__link[href$='skills/{AREA}/']").click()
    expect(page).to_have_url(re.compile(rf"skills/{AREA}/$"))
    page.wait_for_load_state("networkidle")
    # Material re-creates every <script> inside the content on instant
    # navigation without its attributes, so a <script type="application/json">
    # catalog would run as JavaScript here; the catalog must not be a script.
    assert watch.page_errors == [], f"instant navigation raised page errors: {watch.page_errors}"
    expect(page.locator(f".tracker[data-area-id='{AREA}'].tracker--ready")).to_have_count(1)
    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")

    sidebar.locator(f"a.md-nav__link[href$='skills/{OTHER_AREA}/']").click()
    expect(page.locator(f".tracker[data-area-id='{OTHER_AREA}'].tracker--ready")).to_have_count(1)
    # As after the first click: let Material finish swapping the page in, so
    # the next click reaches a page it has finished mounting.
    page.wait_for_load_state("networkidle")
    sidebar.locator(f"a.md-nav__link[href$='skills/{AREA}/']").click()
    expect(page.locator(f".tracker[data-area-id='{AREA}'].tracker--ready")).to_have_count(1)

    assert page.evaluate("window.__samePageLoad") is True, "navigation reloaded the page instead of going instant"
    expect(status_select(page, first)).to_have_value("done")
    assert bar_numbers(page, AREA)[0] == 1

    second = skill_ids(page)[1]
    before = tracker_stats(page)["barUpdates"]
    status_select(page, second).select_option("skipped")
    expect(bar(page, AREA)).to_have_attribute("data-covered", "2")
    assert tracker_stats(page)["barUpdates"] == before + 1, "one change must update the bars exactly once"
    assert stored_skills(page) == {first: {"status": "done"}, second: {"status": "skipped"}}

    sidebar.locator("a.md-nav__link[href$='skills/']").first.click()
    expect(page.locator(".tracker[data-tracker-page='overview'].tracker--ready")).to_have_count(1)
    assert bar_numbers(page, AREA)[0] == 2
    assert page.evaluate("window.__samePageLoad") is True
    assert watch.problems() == []


def test_a_change_in_another_tab_shows_up(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    other = page.context.new_page()
    open_tracker(other, f"{site_url}skills/{AREA}/")
    first = skill_ids(page)[0]
    status_select(other, first).select_option("done")
    expect(status_select(page, first)).to_have_value("done")
    expect(bar(page, AREA)).to_have_attribute("data-covered", "1")
    assert watch.problems() == []


def test_keyboard_alone_sets_a_status_and_writes_a_note(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    first = skill_ids(page)[0]

    def focused() -> dict[str, str]:
        return page.evaluate(
            "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
            " action: document.activeElement.dataset.action || ''})"
        )

    for _ in range(150):
        page.keyboard.press("Tab")
        if focused()["id"] == f"tracker-status-{first}":
            break
    else:
        pytest.fail("Tab never reached the first status control")
    page.keyboard.press("ArrowDown")  # not started -> learning
    expect(status_select(page, first)).to_have_value("learning")
    page.keyboard.type("Done")  # type-ahead picks the option by its label
    expect(status_select(page, first)).to_have_value("done")

    page.keyboard.press("Tab")
    assert focused()["action"] == "toggle-note"
    page.keyboard.press("Enter")
    assert focused()["id"] == f"tracker-note-{first}"
    page.keyboard.type("Practise the PKCE flow.")
    assert stored_skills(page) == {first: {"status": "done", "note": "Practise the PKCE flow."}}

    # Reset and undo work from the keyboard too: focus lands on the confirmation.
    page.get_by_role("button", name="Reset progress…").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Yes, reset everything")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status_select(page, first)).to_have_value("not-started")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Undo reset")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status_select(page, first)).to_have_value("done")
    assert watch.problems() == []


def test_without_javascript_the_pages_read_as_a_checklist(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}skills/{AREA}/")
        items = page.locator(".tracker-skill")
        assert items.count() > 3
        expect(items.first.locator(".tracker-skill__title strong")).to_be_visible()
        expect(items.first.locator(".tracker-level")).to_have_text(re.compile(r"^(Junior|Mid|SDE-II|Senior)$"))
        expect(items.first.locator(".tracker-skill__description")).to_be_visible()
        expect(page.locator(".tracker-nojs")).to_be_visible()
        expect(page.locator(".tracker-nojs")).to_contain_text("JavaScript")
        expect(page.locator(".tracker select, .tracker button")).to_have_count(0)

        page.goto(site_url + OVERVIEW)
        notes = page.locator(".tracker-nojs")  # the tracker's, and the readiness table's
        expect(notes).to_have_count(2)
        for note in notes.all():
            expect(note).to_be_visible()
        expect(page.locator(f".tracker-areas a[href$='{AREA}/']")).to_be_visible()
    finally:
        context.close()


def test_the_no_javascript_note_is_hidden_once_the_script_runs(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, _ = watched_page
    open_tracker(page, f"{site_url}skills/{AREA}/")
    expect(page.locator(".tracker-nojs")).to_be_hidden()


def test_the_largest_area_page_works(built_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    counts = area_pages(built_site)
    largest = max(counts, key=counts.get)
    open_tracker(page, f"{site_url}skills/{largest}/")
    ids = skill_ids(page)
    assert len(ids) == counts[largest]
    for skill_id in ids:
        status_select(page, skill_id).select_option("done")
    assert bar_numbers(page, largest) == (len(ids), len(ids), 100)
    assert watch.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [OVERVIEW, f"skills/{AREA}/"], ids=["overview", "area"])
def test_axe_finds_no_violations(path: str, scheme: str, site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.emulate_media(color_scheme=scheme)
    seed_storage(page, {"sde2-handbook/progress/v1": "{not json"})  # shows a warning message too
    open_tracker(page, site_url + path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    if path != OVERVIEW:
        ids = skill_ids(page)
        status_select(page, ids[0]).select_option("done")
        status_select(page, ids[1]).select_option("learning")
        status_select(page, ids[2]).select_option("skipped")
        page.get_by_role("button", name=re.compile(r"Add note on ")).first.click()
        page.get_by_label("Show level").select_option("mid")
    expect(messages(page)).to_contain_text("could not be read")
    assert run_axe(page) == []

    page.get_by_role("button", name="Reset progress…").click()
    expect(page.get_by_role("button", name="Yes, reset everything")).to_be_visible()
    assert run_axe(page) == []
    assert watch.problems() == []


def test_a_shared_snapshot_passes_axe(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, _ = watched_page
    seed_storage(page, {"sde2-handbook/progress/v1": progress_json({})})
    open_tracker(page, f"{site_url}skills/{AREA}/")
    status_select(page, skill_ids(page)[0]).select_option("done")
    page.get_by_role("button", name="Share a snapshot").click()
    link = page.get_by_role("textbox", name="Share link").input_value()
    page.goto(site_url)  # then open the link as a fresh visit
    open_tracker(page, link)
    expect(page.locator(".tracker-banner")).to_be_visible()
    assert run_axe(page) == []
