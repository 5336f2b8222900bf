"""Names of Object.prototype members (`constructor`, `toString`, `__proto__`, ...) as
skill ids, statuses, share codes, entry fields, levels and migrations: the tracker
treats them as plain data everywhere. Invalid ones are refused like any other bad
value (storage unchanged byte for byte); valid ones (`constructor` is a well-formed
skill id) are kept and counted exactly once; none is ever shown as a function's
source, and nothing reaches a prototype."""

from __future__ import annotations

import base64
import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.tracker_support import (
    BACKUP_KEY,
    STORAGE_KEY,
    bar_numbers,
    catalog,
    export_document,
    import_file,
    messages,
    no_prototype_changes,
    open_tracker,
    progress_json,
    record_json,
    rewrite_page,
    seed_storage,
    skill_ids,
    status_select,
    stored_raw,
    stored_skills,
)

pytestmark = pytest.mark.browser

AREA = "auth"
PROTOTYPE_NAMES = [
    "constructor",
    "toString",
    "__proto__",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "toLocaleString",
    "__defineGetter__",
]
STATUSES = {"not-started", "learning", "done", "skipped"}


def area_url(site_url: str) -> str:
    return f"{site_url}skills/{AREA}/"


def fragment(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def assert_plain_data_only(page: Page) -> None:
    """No function source or object dump on screen or in a status attribute; prototypes intact."""
    text = page.locator(".tracker").inner_text()
    assert "native code" not in text and "[object Object]" not in text
    shown = page.locator(".tracker-skill").evaluate_all("items => items.map(item => item.dataset.status)")
    assert set(shown) <= STATUSES, shown
    assert no_prototype_changes(page) == []


# ---------------------------------------------------------------- share links


@pytest.mark.parametrize("code", PROTOTYPE_NAMES)
def test_a_share_link_whose_status_code_is_a_prototype_name_is_refused(
    code: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    own = stored_raw(page)
    page.goto(site_url)
    open_tracker(page, f"{area_url(site_url)}#progress={fragment({'v': 1, 's': {second: code}})}")
    expect(messages(page)).to_contain_text(
        "This share link cannot be shown: the link holds an entry this handbook does not understand."
    )
    expect(page.locator(".tracker-banner")).to_be_hidden()
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, second)).to_have_value("not-started")
    assert stored_raw(page) == own
    assert_plain_data_only(page)
    assert watch.problems() == []


@pytest.mark.parametrize("skill_id", ["__proto__", "toString", "hasOwnProperty"])
def test_a_share_link_whose_skill_id_is_an_invalid_prototype_name_is_refused(
    skill_id: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, f"{area_url(site_url)}#progress={fragment({'v': 1, 's': {skill_id: 'd'}})}")
    expect(messages(page)).to_contain_text("the link holds an entry this handbook does not understand")
    expect(page.locator(".tracker-banner")).to_be_hidden()
    assert stored_raw(page) is None
    assert_plain_data_only(page)
    assert watch.problems() == []


def test_a_share_link_may_name_a_skill_constructor_which_is_shown_but_not_counted(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    open_tracker(page, f"{area_url(site_url)}#progress={fragment({'v': 1, 's': {'constructor': 'd', first: 'd'}})}")
    expect(page.locator(".tracker-banner")).to_be_visible()
    expect(status_select(page, first)).to_have_value("done")
    assert bar_numbers(page, AREA)[0] == 1
    assert_plain_data_only(page)
    assert watch.problems() == []


# ---------------------------------------------------------------- imports


REFUSED = {
    **{
        f"status-{name}": (export_document({"jwt-tokens": {"status": name}}), f'"{name}" is not a known status')
        for name in PROTOTYPE_NAMES
    },
    **{
        f"skill-id-{name}": (export_document({name: {"status": "done"}}), "is not a valid skill id")
        for name in PROTOTYPE_NAMES
        if name != "constructor"
    },
    "field-__proto__": (
        export_document({"jwt-tokens": {"__proto__": {"status": "done"}}}),
        'has an unknown field "__proto__"',
    ),
    "field-constructor": (export_document({"jwt-tokens": {"constructor": "done"}}), 'unknown field "constructor"'),
    "note-is-an-object": (export_document({"jwt-tokens": {"note": {"toString": "x"}}}), "is not text"),
    "export-inside-__proto__": (
        json.dumps({"__proto__": {"format": "sde2-handbook-progress", "version": 1, "skills": {}}}).encode(),
        "not a progress export",
    ),
    "skills-inside-__proto__": (
        json.dumps({"format": "sde2-handbook-progress", "version": 1, "__proto__": {"skills": {}}}).encode(),
        'its "skills" field is not an object',
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_an_import_with_a_prototype_name_in_the_wrong_place_is_refused(
    case: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    content, reason = REFUSED[case]
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    status_select(page, first).select_option("learning")
    before = stored_raw(page)

    import_file(page, f"{case}.json", content)
    expect(messages(page)).to_contain_text("Import refused:")
    expect(messages(page)).to_contain_text(reason)
    expect(messages(page)).to_contain_text("Your progress was not changed.")
    assert stored_raw(page) == before
    expect(status_select(page, first)).to_have_value("learning")
    expect(page.get_by_role("button", name="Undo import")).to_have_count(0)
    assert_plain_data_only(page)
    assert watch.problems() == []


def test_an_imported_skill_named_constructor_is_kept_but_not_counted(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    imported = {"constructor": {"status": "done", "note": "not in the list"}, first: {"status": "skipped"}}
    import_file(page, "progress.json", export_document(imported))
    expect(messages(page)).to_contain_text(
        "Imported progress for 1 skill (1 entry for skills not in this list was kept but not counted)."
    )
    assert stored_skills(page) == imported
    assert bar_numbers(page, AREA)[0] == 1

    page.reload()
    expect(page.locator(".tracker.tracker--ready")).to_have_count(1)
    assert stored_skills(page) == imported
    assert bar_numbers(page, AREA)[0] == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    assert json.loads(download.value.path().read_bytes())["skills"] == imported
    assert_plain_data_only(page)
    assert watch.problems() == []


# ---------------------------------------------------------------- stored state


def test_stored_entries_with_prototype_names_load_as_data(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    first, second, third = skill_ids(page)[:3]
    good = json.loads(record_json({"constructor": {"status": "done", "note": "kept"}, first: {"status": "done"}}))
    skills = good["skills"]
    skills["__proto__"] = {"status": "done", "rev": {"status": [1, "a"]}}
    skills[second] = {"status": "toString", "rev": {"status": [1, "a"]}}
    skills[third] = {"status": "done", "rev": {"status": [1, "a"], "__proto__": [1, "a"]}}
    skills["valueof"] = {"status": "done", "rev": {"constructor": [1, "a"]}}
    raw = json.dumps(good)
    seed_storage(page, {STORAGE_KEY: raw})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text("4 saved entries could not be read and were dropped")
    assert stored_raw(page, BACKUP_KEY) == raw
    assert stored_skills(page) == {"constructor": {"status": "done", "note": "kept"}, first: {"status": "done"}}
    expect(status_select(page, second)).to_have_value("not-started")
    expect(status_select(page, third)).to_have_value("not-started")
    assert bar_numbers(page, AREA)[0] == 1
    assert_plain_data_only(page)
    assert watch.problems() == []


# ---------------------------------------------------------------- the page's catalog


def test_levels_named_after_prototype_members_are_labelled_with_their_names(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    extra = ["constructor", "toString", "__proto__"]
    rewrite_page(page, area_url(site_url), lambda data: data["levels"].extend(extra))
    open_tracker(page, area_url(site_url))
    labels = page.get_by_label("Show level").locator("option").all_inner_texts()
    assert labels == ["All levels", "Junior", "Mid", "SDE-II", "Senior", *extra]
    total = len(skill_ids(page))
    page.get_by_label("Show level").select_option("constructor")
    expect(page.locator(".tracker-filter-status")).to_contain_text(
        f"Showing 0 of {total} skills (constructor only); {total} hidden by the level filter"
    )
    assert_plain_data_only(page)
    assert watch.problems() == []


def test_a_skill_named_constructor_is_tracked_shared_and_counted_once(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    renamed = skill_ids(page)[0]

    def rename(data: dict) -> None:
        for area in data["areas"]:
            area["skills"] = ["constructor" if skill == renamed else skill for skill in area["skills"]]

    rewrite_page(page, area_url(site_url), rename, ((f'data-skill-id="{renamed}"', 'data-skill-id="constructor"'),))
    open_tracker(page, area_url(site_url))
    assert skill_ids(page)[0] == "constructor"
    total = len(skill_ids(page))
    status_select(page, "constructor").select_option("done")
    assert stored_skills(page) == {"constructor": {"status": "done"}}
    assert bar_numbers(page, AREA)[:2] == (1, total)

    page.reload()
    expect(status_select(page, "constructor")).to_have_value("done")
    assert bar_numbers(page, AREA)[0] == 1

    import_file(page, "progress.json", export_document({"constructor": {"status": "skipped"}}))
    expect(messages(page)).to_contain_text("Imported progress for 1 skill. It replaced what was here before.")
    expect(status_select(page, "constructor")).to_have_value("skipped")
    assert bar_numbers(page, AREA)[0] == 1

    page.get_by_role("button", name="Share a snapshot").click()
    link = page.get_by_role("textbox", name="Share link").input_value()
    page.goto(site_url)
    open_tracker(page, link)
    expect(page.locator(".tracker-banner")).to_be_visible()
    expect(status_select(page, "constructor")).to_have_value("skipped")
    assert bar_numbers(page, AREA)[0] == 1
    assert_plain_data_only(page)
    assert watch.problems() == []


def test_a_retired_skill_named_constructor_moves_to_its_new_id(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    first = skill_ids(page)[0]
    assert "constructor" not in catalog(page)["migrations"]

    def retire(data: dict) -> None:
        data["migrations"]["constructor"] = first
        data["migrations"]["__proto__"] = first  # not a valid id: ignored, never a prototype

    rewrite_page(page, area_url(site_url), retire)
    stored = {"constructor": {"status": "done", "note": "old"}, first: {"status": "learning", "note": "new"}}
    seed_storage(page, {STORAGE_KEY: progress_json(stored)})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text("Progress of 1 renamed or merged skill moved to its new name.")
    assert stored_skills(page) == {first: {"status": "done", "note": "new\n\nold"}}
    assert bar_numbers(page, AREA)[0] == 1

    import_file(page, "old.json", export_document({"constructor": {"status": "skipped"}}))
    expect(messages(page)).to_contain_text("Imported progress for 1 skill. It replaced what was here before.")
    expect(messages(page)).to_contain_text("moved to its new name")
    assert stored_skills(page) == {first: {"status": "skipped"}}
    assert bar_numbers(page, AREA)[0] == 1
    assert_plain_data_only(page)
    assert watch.problems() == []
