"""Stored quiz results in a real Chromium (quizzes.js over progress-store.js, part "quizzes"):

- a checked answer is stored ({answered, correct, firstCorrect}) and, after a reload,
  the question says "Answered before: right/wrong";
- the results travel in the tracker's export and come back with its import; a file
  without "quizzes" leaves them alone, an empty one clears them (undoable);
- an import with one bad quiz entry is refused whole and changes nothing;
- two tabs count each other's answers; an answer that cannot be saved says so and
  changes nothing; unreadable stored results are kept aside;
- the skill map's readiness table counts, per interview round, skills done, quizzes whose
  last answer was right and interview flashcards due; axe finds nothing in it in the light
  or the dark scheme, and it fits 390 px.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.page_visit import PHONE
from tests.browser.test_quizzes import KEYBOARD_PAGE, QUIZ_PAGES, quiz_site  # noqa: F401 (a fixture)
from tests.browser.tracker_support import (
    STORAGE_KEY,
    catalog,
    fill_storage,
    import_file,
    install_failing_storage,
    messages,
    open_tracker,
    run_axe,
    seed_storage,
    status_select,
    stored_raw,
)

pytestmark = pytest.mark.browser

QUIZZES_KEY = "sde2-handbook/quizzes/v1"
TRACKER = "skills/"
AREA = "skills/auth/"
QUIZ = QUIZ_PAGES[KEYBOARD_PAGE][0]
FORM = f"#quiz-{QUIZ.quiz_id}"


def open_quiz(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    expect(page.locator(f"{FORM} .handbook-quiz__check")).to_be_visible(timeout=15_000)


def answer(page: Page, value: str) -> None:
    """Pick the right or a wrong option of the page's first quiz and check it."""
    form = page.locator(FORM)
    form.locator(f"input[value={value}]").first.check()
    form.get_by_role("button", name="Check").click()
    expect(form).to_have_attribute("data-result", value)


def stored_results(page: Page) -> dict[str, dict]:
    raw = stored_raw(page, QUIZZES_KEY)
    if raw is None:
        return {}
    return {quiz_id: entry["result"] for quiz_id, entry in json.loads(raw)["quizzes"].items() if "result" in entry}


def before_line(page: Page):
    return page.locator(f"{FORM} .handbook-quiz__before")


def test_an_answer_is_stored_and_shown_after_a_reload(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    open_quiz(page, site_url + KEYBOARD_PAGE)
    expect(before_line(page)).to_have_count(0)  # never answered: nothing to say
    answer(page, "wrong")
    assert stored_results(page) == {QUIZ.quiz_id: {"answered": 1, "correct": False, "firstCorrect": False}}
    page.reload()
    expect(before_line(page)).to_have_text("Answered before: wrong.")
    answer(page, "right")
    assert stored_results(page) == {QUIZ.quiz_id: {"answered": 2, "correct": True, "firstCorrect": False}}
    page.reload()
    expect(before_line(page)).to_have_text("Answered before: right (checked 2 times).")
    # Other quizzes of the page stay unmarked.
    expect(page.locator(".handbook-quiz__before")).to_have_count(1)
    # Ids the build could not have written are refused, and nothing is stored for them.
    for bad in ["Upper", "a--b", "-a", "a" * 81, "__proto__", "constructor x"]:
        assert page.evaluate("(id) => window.handbookProgress.recordQuiz(id, true).ok", bad) is False
    assert page.evaluate("() => window.handbookProgress.recordQuiz('ok-id', 'yes').ok") is False
    assert list(stored_results(page)) == [QUIZ.quiz_id]
    assert watch.problems() == []


def test_results_travel_in_the_export_and_import(
    browser: Browser, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "right")
    saved = stored_results(page)
    open_tracker(page, site_url + TRACKER)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    expect(messages(page)).to_contain_text("and 1 quiz result")
    exported = download.value.path().read_bytes()
    data = json.loads(exported)
    assert data["quizzes"] == saved == {QUIZ.quiz_id: {"answered": 1, "correct": True, "firstCorrect": True}}
    assert "flashcards" not in data  # no card reviewed

    fresh = browser.new_context()  # another profile: empty storage
    try:
        other = fresh.new_page()
        open_tracker(other, site_url + TRACKER)
        import_file(other, "sde2-handbook-progress.json", exported)
        expect(messages(other)).to_contain_text("Quiz results: 1 question, replacing yours.")
        assert stored_results(other) == saved
        # A file without "quizzes" leaves them alone; an empty one clears them, and undo brings them back.
        document = {key: value for key, value in data.items() if key != "quizzes"}
        import_file(other, "older.json", json.dumps(document).encode())
        expect(messages(other)).to_contain_text("It holds no quiz results, so yours are kept.")
        assert stored_results(other) == saved
        import_file(other, "empty.json", json.dumps({**document, "quizzes": {}}).encode())
        expect(messages(other)).to_contain_text("Quiz results: 0 questions, replacing yours.")
        assert stored_results(other) == {}
        other.get_by_role("button", name="Undo import").click()
        expect(messages(other)).to_contain_text("Undone")
        assert stored_results(other) == saved
        open_quiz(other, site_url + KEYBOARD_PAGE)
        expect(before_line(other)).to_have_text("Answered before: right.")
    finally:
        fresh.close()
    assert watch.problems() == []


BAD_ENTRIES = {
    "bad id": ({"Bad_Id": {"answered": 1, "correct": True}}, '"Bad_Id" is not a valid quiz id'),
    "long id": ({"a" * 81: {"answered": 1, "correct": True}}, "is not a valid quiz id"),
    "zero answers": ({"x": {"answered": 0, "correct": True}}, 'the answer count of quiz "x"'),
    "fractional answers": ({"x": {"answered": 1.5, "correct": True}}, 'the answer count of quiz "x"'),
    "text result": ({"x": {"answered": 2, "correct": "yes"}}, "does not say if it was right"),
    "unknown field": ({"x": {"answered": 1, "correct": True, "date": "2026-12-03"}}, 'unknown field "date"'),
    "proto field": (
        {"x": json.loads('{"answered": 1, "correct": true, "__proto__": {}}')},
        'unknown field "__proto__"',
    ),
    "first differs": ({"x": {"answered": 1, "correct": True, "firstCorrect": False}}, "answered once"),
    "not an object": ({"x": [1, True]}, 'the result of quiz "x" is not an object'),
    "field not an object": ([], 'its "quizzes" field is not an object'),
}


@pytest.mark.parametrize("case", list(BAD_ENTRIES))
def test_a_bad_quiz_entry_refuses_the_whole_import(
    case: str, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "wrong")
    open_tracker(page, site_url + AREA)
    page.locator("select[data-role=status]").first.select_option("done")
    before = {key: stored_raw(page, key) for key in (STORAGE_KEY, QUIZZES_KEY)}
    quizzes, reason = BAD_ENTRIES[case]
    good = {"fine-one": {"answered": 3, "correct": True, "firstCorrect": False}}
    if isinstance(quizzes, dict):
        quizzes = {**good, **quizzes}
    document = {"format": "sde2-handbook-progress", "version": 1, "skills": {}, "quizzes": quizzes}
    import_file(page, "bad.json", json.dumps(document).encode())
    expect(messages(page)).to_contain_text("Import refused:")
    expect(messages(page)).to_contain_text(reason)
    expect(messages(page)).to_contain_text("Your progress was not changed.")
    assert {key: stored_raw(page, key) for key in before} == before
    assert watch.problems() == []


def test_two_tabs_count_each_others_answers(browser: Browser, quiz_site: Path, site_url: str) -> None:  # noqa: F811
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        open_quiz(first, site_url + KEYBOARD_PAGE)
        open_quiz(second, site_url + KEYBOARD_PAGE)
        answer(first, "right")
        # The other tab hears of it through the storage event and says so.
        expect(before_line(second)).to_have_text("Answered before: right.")
        answer(second, "wrong")
        expect(before_line(first)).to_have_text("Answered before: wrong (checked 2 times).")
        expected = {QUIZ.quiz_id: {"answered": 2, "correct": False, "firstCorrect": True}}
        assert stored_results(first) == stored_results(second) == expected
    finally:
        context.close()


def test_an_answer_that_cannot_be_saved_says_so(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "right")
    before = stored_raw(page, QUIZZES_KEY)
    fill_storage(page)
    answer(page, "wrong")
    verdict = page.locator(f"{FORM} .handbook-quiz__verdict")
    expect(verdict).to_have_text(
        "Not quite: it prints what is shown below. (Not saved: this browser's storage is full.)"
    )
    assert stored_raw(page, QUIZZES_KEY) == before
    page.evaluate("window.__trackerTestBlocked = true")
    answer(page, "right")
    expect(verdict).to_contain_text("(Not saved: this browser blocks local storage.)")
    assert stored_raw(page, QUIZZES_KEY) == before
    assert watch.problems() == []


def test_unreadable_stored_results_are_kept_aside(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    broken = '{"version": 1, "quizzes": {'
    seed_storage(page, {QUIZZES_KEY: broken})
    open_quiz(page, site_url + KEYBOARD_PAGE)
    expect(before_line(page)).to_have_count(0)
    assert stored_raw(page, QUIZZES_KEY + "/corrupt-backup") == broken
    answer(page, "right")
    assert stored_results(page) == {QUIZ.quiz_id: {"answered": 1, "correct": True, "firstCorrect": True}}
    assert watch.problems() == []


CARDS_KEY = "sde2-handbook/flashcards/v1"


def review(due: str) -> dict:
    return {"reps": 1, "ef": 2.5, "interval": 1, "due": due, "reviewed": "2020-01-01"}


def readiness_row(page: Page, round_id: str) -> dict[str, int]:
    row = page.locator(f".tracker-readiness tr[data-round='{round_id}']")
    names = ("skills-done", "skills-total", "quizzes-right", "quizzes-total", "cards-due")
    return {name: int(row.get_attribute(f"data-{name}") or -1) for name in names}


def test_readiness_per_round_counts_skills_quizzes_and_due_cards(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    cards = {
        "interview/system-design/one-a1b2c3d4": review("2020-01-01"),  # due
        "interview/system-design/two-a1b2c3d4": review("2999-01-01"),  # not yet
        "interview/craft/three-a1b2c3d4": review("2020-01-02"),  # due, behavioral
        "glossary/api": review("2020-01-01"),  # glossary cards belong to no round
    }
    record = {"version": 1, "cards": {i: {"review": r, "rev": {"review": [1, "seed"]}} for i, r in cards.items()}}
    seed_storage(page, {CARDS_KEY: json.dumps(record)})
    open_tracker(page, site_url + TRACKER)
    table = page.get_by_role("table", name="Readiness by interview round")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(5)
    assert rows.locator("th").all_inner_texts() == [
        "Coding",
        "Machine coding",
        "System design",
        "Fundamentals",
        "Behavioral",
    ]
    machine_quizzes = sum(len(q) for url, q in QUIZ_PAGES.items() if url.startswith("machine-coding/"))
    all_quizzes = sum(len(q) for q in QUIZ_PAGES.values())
    rounds = ["coding", "machine-coding", "system-design", "fundamentals", "behavioral"]
    before = {r: readiness_row(page, r) for r in rounds}
    assert before["machine-coding"]["quizzes-total"] == machine_quizzes > 0
    assert sum(row["quizzes-total"] for row in before.values()) == all_quizzes
    assert {r: row["cards-due"] for r, row in before.items()} == {
        "coding": 0,
        "machine-coding": 0,
        "system-design": 1,
        "fundamentals": 0,
        "behavioral": 1,
    }
    assert all(row["skills-done"] == 0 and row["quizzes-right"] == 0 for row in before.values())
    patterns = next(a for a in catalog(page)["areas"] if a["id"] == "design-patterns")["skills"]
    assert before["machine-coding"]["skills-total"] == len(patterns)
    assert sum(row["skills-total"] for row in before.values()) == sum(len(a["skills"]) for a in catalog(page)["areas"])

    # A skill done in a design-patterns page and a right answer on a machine-coding page count there.
    open_tracker(page, site_url + "skills/design-patterns/")
    status_select(page, patterns[0]).select_option("done")
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "right")
    open_tracker(page, site_url + TRACKER)
    after = readiness_row(page, "machine-coding")
    assert (after["skills-done"], after["quizzes-right"]) == (1, 1)
    row = page.locator(".tracker-readiness tr[data-round='machine-coding']")
    expect(row.locator("td").nth(0)).to_contain_text(f"1 / {len(patterns)}")
    expect(row.locator("td").nth(1)).to_have_text(f"1 / {machine_quizzes}")
    expect(row.locator("progress")).to_have_attribute("value", "1")
    # A wrong last answer no longer counts as right.
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "wrong")
    open_tracker(page, site_url + TRACKER)
    assert readiness_row(page, "machine-coding")["quizzes-right"] == 0
    assert watch.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_readiness_table_passes_axe_and_fits_390_px(
    scheme: str, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]  # noqa: F811
) -> None:
    page, watch = watched_page
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, site_url + KEYBOARD_PAGE)
    answer(page, "right")
    open_tracker(page, site_url + TRACKER)
    expect(page.locator(".tracker-readiness tbody tr")).to_have_count(5)
    assert run_axe(page) == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE
    table = page.locator(".tracker-readiness__table").bounding_box()
    assert table and table["x"] >= 0 and table["x"] + table["width"] <= PHONE
    assert watch.problems() == []
