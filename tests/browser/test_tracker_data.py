"""The skill tracker's data paths in a real Chromium: export and import (and every
refused import), stored-state recovery and migrations, share links, reset and undo."""

from __future__ import annotations

import base64
import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.tracker_support import (
    BACKUP_KEY,
    EXPORT_FORMAT,
    STORAGE_KEY,
    bar_numbers,
    catalog,
    export_document,
    import_file,
    messages,
    open_tracker,
    progress_json,
    record_json,
    seed_storage,
    skill_ids,
    status_select,
    stored_raw,
    stored_record,
    stored_skills,
)

pytestmark = pytest.mark.browser

AREA = "auth"


def area_url(site_url: str) -> str:
    return f"{site_url}skills/{AREA}/"


# ---------------------------------------------------------------- export / import


def test_export_then_import_in_a_fresh_profile(
    browser: Browser, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    status_select(page, second).select_option("learning")
    page.get_by_role("button", name=re.compile(r"Add note on ")).first.click()
    page.locator(f"#tracker-note-{first}").fill("Owned the login rewrite")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    download = download_info.value
    assert download.suggested_filename == "sde2-handbook-progress.json"
    exported = download.path().read_bytes()
    assert json.loads(exported) == {
        "format": EXPORT_FORMAT,
        "version": 1,
        "skills": {first: {"status": "done", "note": "Owned the login rewrite"}, second: {"status": "learning"}},
    }
    assert watch.problems() == []

    fresh = browser.new_context()  # a new profile: empty localStorage
    try:
        other = fresh.new_page()
        open_tracker(other, area_url(site_url))
        assert stored_raw(other) is None
        import_file(other, "sde2-handbook-progress.json", exported)
        expect(messages(other)).to_contain_text("Imported progress for 2 skills")
        expect(status_select(other, first)).to_have_value("done")
        expect(status_select(other, second)).to_have_value("learning")
        expect(other.locator(f"#tracker-note-{first}")).to_have_value("Owned the login rewrite")
        assert stored_skills(other) == json.loads(exported)["skills"]
        assert bar_numbers(other, AREA)[0] == 1

        # Import offers an undo that restores what was there (nothing, here).
        other.get_by_role("button", name="Undo import").click()
        expect(status_select(other, first)).to_have_value("not-started")
        assert stored_skills(other) == {}
    finally:
        fresh.close()


def test_import_replaces_progress_and_keeps_unknown_ids(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    before = stored_skills(page)

    replacement = {second: {"status": "skipped"}, "a-future-skill": {"status": "done"}}
    import_file(page, "progress.json", export_document(replacement))
    expect(messages(page)).to_contain_text("1 entry for skills not in this list was kept but not counted")
    expect(status_select(page, first)).to_have_value("not-started")
    expect(status_select(page, second)).to_have_value("skipped")
    assert stored_skills(page) == {second: {"status": "skipped"}, "a-future-skill": {"status": "done"}}
    assert bar_numbers(page, AREA)[0] == 1

    page.get_by_role("button", name="Undo import").click()
    expect(status_select(page, first)).to_have_value("done")
    assert stored_skills(page) == before
    assert watch.problems() == []


def test_an_import_with_renamed_ids_lands_on_the_current_ids(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    old_id, new_id = next(iter(catalog(page)["migrations"].items()))
    import_file(page, "old-export.json", export_document({old_id: {"status": "done", "note": "from 2024"}}))
    expect(messages(page)).to_contain_text("Imported progress for 1 skill")
    expect(messages(page)).to_contain_text("moved to its new name")
    assert stored_skills(page) == {new_id: {"status": "done", "note": "from 2024"}}
    assert watch.problems() == []


TOO_MANY = {f"skill-{number}": {"status": "done"} for number in range(5001)}
BAD_IMPORTS = {
    "malformed-json": (b'{"format": "sde2-handbook-progress", "version": 1, "skills": {', "not valid JSON"),
    "not-an-export": (json.dumps({"skills": {}}).encode(), "not a progress export"),
    "wrong-format": (
        json.dumps({"format": "other-tool", "version": 1, "skills": {}}).encode(),
        "not a progress export",
    ),
    "wrong-version": (json.dumps({"format": EXPORT_FORMAT, "version": 2, "skills": {}}).encode(), "has version 2"),
    "oversized": (export_document({"x": {"note": "a" * 1_100_000}}), "the limit is 1 MB"),
    "skills-not-object": (json.dumps({"format": EXPORT_FORMAT, "version": 1, "skills": []}).encode(), "not an object"),
    "status-wrong-type": (export_document({"jwt-tokens": {"status": 3}}), 'status of "jwt-tokens" is not text'),
    "note-wrong-type": (export_document({"jwt-tokens": {"note": ["x"]}}), 'note of "jwt-tokens" is not text'),
    "entry-not-object": (export_document({"jwt-tokens": "done"}), "is not an object"),
    "unknown-field": (export_document({"jwt-tokens": {"status": "done", "owner": "me"}}), "unknown field"),
    "unknown-status": (export_document({"jwt-tokens": {"status": "mastered"}}), '"mastered" is not a known status'),
    "note-too-long": (export_document({"jwt-tokens": {"note": "n" * 2001}}), "longer than 2,000 characters"),
    "too-many-entries": (export_document(TOO_MANY), "the limit is 5,000"),
    "bad-skill-id": (export_document({"__proto__": {"status": "done"}}), "not a valid skill id"),
}


@pytest.mark.parametrize("case", BAD_IMPORTS, ids=list(BAD_IMPORTS))
def test_a_bad_import_is_refused_and_changes_nothing(
    case: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    content, reason = BAD_IMPORTS[case]
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    status_select(page, first).select_option("learning")
    before = stored_raw(page)

    import_file(page, f"{case}.json", content)
    message = messages(page)
    expect(message).to_contain_text("Import refused:")
    expect(message).to_contain_text(reason)
    expect(message).to_contain_text("Your progress was not changed.")
    assert stored_raw(page) == before
    expect(status_select(page, first)).to_have_value("learning")
    expect(page.get_by_role("button", name="Undo import")).to_have_count(0)
    assert watch.problems() == []


def test_a_hostile_note_is_shown_strictly_as_text(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    hostile = (
        '<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
        '"><svg onload="window.__pwned = 3"></svg> &amp; &lt;b&gt;'
    )
    import_file(page, "<b onmouseover=alert(1)>.json", export_document({first: {"status": "done", "note": hostile}}))
    expect(messages(page)).to_contain_text("Imported progress for 1 skill")
    expect(page.locator(f"#tracker-note-{first}")).to_have_value(hostile)
    assert page.locator(".tracker img, .tracker svg, .tracker script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert stored_skills(page)[first]["note"] == hostile

    page.reload()
    expect(page.locator(f"#tracker-note-{first}")).to_have_value(hostile)
    assert page.evaluate("window.__pwned") is None
    assert watch.problems() == []


# ---------------------------------------------------------------- stored state


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{not json", "it is not valid JSON"),
        ('["done"]', "it is not a progress record"),
        ('{"version": 7, "skills": {}}', "its version is 7; this page reads versions 1 and 2"),
        ('{"version": 1, "skills": "all done"}', "it has no skills object"),
    ],
    ids=["not-json", "wrong-shape", "wrong-version", "skills-not-object"],
)
def test_unreadable_storage_starts_empty_says_so_and_keeps_a_backup(
    raw: str, reason: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    seed_storage(page, {STORAGE_KEY: raw})
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text(f"Your saved progress could not be read: {reason}")
    expect(messages(page)).to_contain_text(BACKUP_KEY)
    assert stored_raw(page, BACKUP_KEY) == raw
    assert bar_numbers(page, AREA)[0] == 0

    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")  # the page still works
    assert stored_skills(page) == {first: {"status": "done"}}
    page.reload()
    expect(status_select(page, first)).to_have_value("done")
    expect(messages(page)).not_to_contain_text("could not be read")
    assert stored_raw(page, BACKUP_KEY) == raw
    assert watch.problems() == []


def test_a_partly_valid_store_keeps_the_good_entries(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    first, second = skill_ids(page)[:2]
    raw = json.dumps(
        {
            "version": 1,
            "skills": {
                first: {"status": "done", "note": "kept"},
                second: {"status": "brilliant"},
                "Bad Id": {"status": "done"},
            },
        }
    )
    seed_storage(page, {STORAGE_KEY: raw})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text("2 saved entries could not be read and were dropped")
    expect(messages(page)).to_contain_text("The rest of your progress is kept")
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, second)).to_have_value("not-started")
    assert stored_skills(page) == {first: {"status": "done", "note": "kept"}}
    assert stored_raw(page, BACKUP_KEY) == raw
    assert watch.problems() == []


def test_a_version_1_record_upgrades_without_loss(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    first, second, third = skill_ids(page)[:3]
    saved = {
        first: {"status": "done", "note": "Ünïcødé — “quotes”, <b>tags</b> & a\nsecond line"},
        second: {"status": "learning"},
        third: {"note": "only a note"},
        "retired-long-ago": {"status": "skipped", "note": "not in the list"},
    }
    seed_storage(page, {STORAGE_KEY: progress_json(saved)})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))

    record = stored_record(page)
    assert record is not None and record["version"] == 2
    assert stored_skills(page) == saved
    for skill_id, entry in record["skills"].items():
        assert set(entry["rev"]) == set(entry) - {"rev"}, f"{skill_id}: every stored field has a revision"
    expect(messages(page)).not_to_contain_text("could not be read")
    expect(status_select(page, first)).to_have_value("done")
    expect(page.locator(f"#tracker-note-{first}")).to_have_value(saved[first]["note"])
    expect(status_select(page, second)).to_have_value("learning")
    expect(status_select(page, third)).to_have_value("not-started")
    expect(page.locator(f"#tracker-note-{third}")).to_have_value("only a note")
    assert bar_numbers(page, AREA)[0] == 1

    # The export still has the format other browsers import, with everything in it.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    assert json.loads(download.value.path().read_bytes()) == {"format": EXPORT_FORMAT, "version": 1, "skills": saved}

    # Upgraded once: a reload reads the new record and leaves it as it is.
    upgraded = stored_raw(page)
    page.reload()
    expect(page.locator(".tracker.tracker--ready")).to_have_count(1)
    expect(status_select(page, first)).to_have_value("done")
    assert stored_raw(page) == upgraded
    assert watch.problems() == []


def test_stored_entries_with_bad_revisions_are_dropped_and_the_rest_kept(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    first, second, third, fourth = skill_ids(page)[:4]
    record = json.loads(record_json({first: {"status": "done", "note": "kept"}}))
    record["skills"] |= {
        second: {"status": "done", "rev": {}},
        third: {"status": "done", "rev": {"status": [-1, "tab"]}},
        fourth: {"status": "done", "rev": {"status": [1, "Not A Tab"]}},
        "no-revisions": {"status": "done"},
        "cleared-skill": {"rev": {"status": [4, "tab"]}},
    }
    raw = json.dumps(record)
    seed_storage(page, {STORAGE_KEY: raw})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text(
        f'4 saved entries could not be read and were dropped (first problem: the status of "{second}" has no revision)'
    )
    assert stored_raw(page, BACKUP_KEY) == raw
    assert stored_skills(page) == {first: {"status": "done", "note": "kept"}}
    # A skill changed back to "not started" keeps its revision, so no other tab can revive it.
    assert stored_record(page)["skills"]["cleared-skill"] == {"rev": {"status": [4, "tab"]}}
    assert bar_numbers(page, AREA)[0] == 1
    assert watch.problems() == []


def test_blocked_storage_still_shows_the_page_and_saves_nothing(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage',"
        " {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text("blocks local storage")
    # Material's own inline scripts read localStorage unguarded and throw; the
    # tracker must add no error of its own, on load or on a change.
    material_errors = list(watch.page_errors)
    assert set(material_errors) <= {"blocked"}
    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")
    # Nothing can be kept, so the control goes back and says why, right there.
    expect(status_select(page, first)).to_have_value("not-started")
    problem = page.locator(f".tracker-skill[data-skill-id='{first}'] [role=alert]")
    expect(problem).to_have_text(
        "Not saved: this browser blocks local storage, so the status is back to what is saved."
    )
    assert bar_numbers(page, AREA)[0] == 0
    assert watch.page_errors == material_errors
    assert watch.console_errors == []
    assert watch.external_requests == []


def test_migrations_move_and_merge_progress(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.goto(area_url(site_url))
    migrations = catalog(page)["migrations"]
    # Two retired ids merged into one current id, if the data has such a merge.
    targets: dict[str, list[str]] = {}
    for old, new in migrations.items():
        targets.setdefault(new, []).append(old)
    new_id, old_ids = max(targets.items(), key=lambda item: len(item[1]))
    skills = {old_ids[0]: {"status": "learning", "note": "first note"}, new_id: {"status": "skipped", "note": "second"}}
    if len(old_ids) > 1:
        skills[old_ids[1]] = {"status": "done"}
    seed_storage(page, {STORAGE_KEY: progress_json(skills)})
    page.evaluate("sessionStorage.clear()")
    open_tracker(page, area_url(site_url))
    expect(messages(page)).to_contain_text("renamed or merged skill")
    merged = stored_skills(page)
    assert set(merged) == {new_id}
    # The most advanced status wins (done > skipped > learning); notes are joined.
    assert merged[new_id]["status"] == ("done" if len(old_ids) > 1 else "skipped")
    assert merged[new_id]["note"] == "second\n\nfirst note"
    assert watch.problems() == []


def test_ids_missing_from_the_catalog_are_kept_but_not_counted(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    seed_storage(page, {STORAGE_KEY: progress_json({"retired-long-ago": {"status": "done", "note": "keep me"}})})
    open_tracker(page, area_url(site_url))
    assert bar_numbers(page, AREA)[0] == 0
    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")
    assert stored_skills(page) == {"retired-long-ago": {"status": "done", "note": "keep me"}, first: {"status": "done"}}
    assert watch.problems() == []


# ---------------------------------------------------------------- share links


def test_a_share_link_shows_a_read_only_snapshot(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first, second, third = skill_ids(page)[:3]
    status_select(page, first).select_option("done")
    status_select(page, second).select_option("skipped")
    page.get_by_role("button", name=re.compile(r"Add note on ")).first.click()
    page.locator(f"#tracker-note-{first}").fill("private")
    page.get_by_role("button", name="Share a snapshot").click()
    link = page.get_by_role("textbox", name="Share link").input_value()
    assert "#progress=" in link
    assert "private" not in base64.urlsafe_b64decode(link.split("#progress=")[1] + "==").decode()

    # Your own progress moves on; the link still shows the old snapshot.
    status_select(page, first).select_option("not-started")
    status_select(page, third).select_option("learning")
    own = stored_raw(page)
    page.goto(site_url)  # leave, then open the link like a visitor would
    open_tracker(page, link)
    expect(page.locator(".tracker-banner")).to_contain_text("Viewing a shared snapshot — read-only")
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, second)).to_have_value("skipped")
    expect(status_select(page, third)).to_have_value("not-started")
    expect(status_select(page, first)).to_be_disabled()
    expect(page.get_by_role("button", name="Export progress")).to_be_disabled()
    expect(page.get_by_role("button", name="Reset progress…")).to_be_disabled()
    expect(page.locator(f"#tracker-note-{first}")).to_be_hidden()
    assert bar_numbers(page, AREA)[0] == 2
    assert stored_raw(page) == own

    page.get_by_role("button", name="Leave the snapshot").click()
    expect(page.locator(".tracker-banner")).to_be_hidden()
    assert "#progress=" not in page.url
    expect(status_select(page, first)).to_have_value("not-started")
    expect(status_select(page, third)).to_have_value("learning")
    expect(status_select(page, first)).to_be_enabled()
    assert stored_raw(page) == own
    assert watch.problems() == []


def _fragment(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "fragment",
    ["", "not*base64!", "AAAA", _fragment({"v": 1, "s": {"jwt-tokens": "z"}}), _fragment({"v": 9, "s": {}})],
    ids=["empty", "bad-characters", "not-json", "unknown-status", "wrong-version"],
)
def test_a_broken_share_link_is_refused_and_progress_untouched(
    fragment: str, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_tracker(page, area_url(site_url))
    first = skill_ids(page)[0]
    status_select(page, first).select_option("done")
    own = stored_raw(page)
    page.goto(site_url)
    open_tracker(page, f"{area_url(site_url)}#progress={fragment}")
    expect(messages(page)).to_contain_text("This share link cannot be shown")
    expect(messages(page)).to_contain_text("Your own progress is shown instead, unchanged.")
    expect(page.locator(".tracker-banner")).to_be_hidden()
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, first)).to_be_enabled()
    assert stored_raw(page) == own
    assert watch.problems() == []


# ---------------------------------------------------------------- reset and undo


def test_reset_asks_first_then_undo_restores_exactly(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    seed_storage(page, {STORAGE_KEY: progress_json({"retired-long-ago": {"status": "done"}})})
    open_tracker(page, area_url(site_url))
    first, second = skill_ids(page)[:2]
    status_select(page, first).select_option("done")
    status_select(page, second).select_option("learning")
    before = stored_raw(page)
    saved = stored_skills(page)

    page.get_by_role("button", name="Reset progress…").click()
    expect(messages(page)).to_contain_text("Reset all progress in this browser? This clears 3 saved entries")
    page.get_by_role("button", name="Cancel").click()
    expect(messages(page)).to_contain_text("Reset cancelled; nothing changed.")
    assert stored_raw(page) == before

    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("button", name="Yes, reset everything").click()
    expect(messages(page)).to_contain_text("Progress reset")
    expect(status_select(page, first)).to_have_value("not-started")
    assert stored_skills(page) == {}
    assert bar_numbers(page, AREA)[0] == 0

    page.get_by_role("button", name="Undo reset").click()
    expect(messages(page)).to_contain_text("your progress is back")
    assert stored_skills(page) == saved
    expect(status_select(page, first)).to_have_value("done")
    expect(status_select(page, second)).to_have_value("learning")
    assert bar_numbers(page, AREA)[0] == 1
    assert watch.problems() == []
