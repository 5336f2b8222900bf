"""The flashcards page in a real Chromium (flashcards.js over progress-store.js, the deck from
handbook_build/flashcards.py):

- a review with the keyboard alone (Space reveals, 1-4 grade; or Tab to the buttons),
  and the due/new/learned counts after grading, under a fixed clock, before and after a reload;
- the reviews travel in the tracker's export and come back with its import; an import
  with a malformed card review is refused and changes nothing;
- two tabs share one schedule; a grade that cannot be saved (storage full or blocked) says
  so and changes nothing; unreadable stored reviews are backed up, and a deck that does
  not load is reported;
- axe finds nothing in the light or dark scheme, and at 390 px nothing scrolls sideways;
- the deck is fetched on this page only, and nothing asks any host but this machine.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.page_visit import LAPTOP, PHONE
from tests.browser.tracker_support import (
    enable_instant_navigation,
    fill_storage,
    import_file,
    install_failing_storage,
    messages,
    open_tracker,
    seed_storage,
    stored_raw,
)
from tests.support.axe import axe_violations

pytestmark = pytest.mark.browser

PAGE = "practice/flashcards/"
DECK = "practice/flashcards.json"
CARDS_KEY = "sde2-handbook/flashcards/v1"
SKILLS_KEY = "sde2-handbook/progress/v1"
TRACKER = "skills/auth/"
# Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
DAY_ONE = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def open_cards(page: Page, url: str, when: datetime = DAY_ONE, *, deck: str = "glossary") -> None:
    """Open the practice page with the page's clock fixed at `when`, showing one deck."""
    page.clock.set_fixed_time(when)
    page.goto(url, wait_until="load")
    expect(page.locator(".flashcards.flashcards--ready")).to_have_count(1, timeout=15_000)
    if deck:
        page.locator("#flashcards-deck").select_option(deck)


def tally(page: Page) -> dict[str, int]:
    root = page.locator(".flashcards")
    return {name: int(root.get_attribute(f"data-{name}") or -1) for name in ("due", "new", "learned")}


def shown_card(page: Page) -> str:
    return page.locator(".flashcards-card").get_attribute("data-card-id") or ""


def stored_reviews(page: Page) -> dict[str, dict]:
    raw = stored_raw(page, CARDS_KEY)
    if raw is None:
        return {}
    return {card_id: entry["review"] for card_id, entry in json.loads(raw)["cards"].items() if "review" in entry}


def glossary_cards(site_url: str, page: Page) -> list[dict]:
    deck = page.evaluate("async (url) => (await fetch(url)).json()", site_url + DECK)
    return [card for card in deck["cards"] if card["deck"] == "glossary"]


def grade_first_card_good(page: Page) -> str:
    card = shown_card(page)
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).click()
    expect(page.locator(".flashcards-card")).not_to_have_attribute("data-card-id", card)
    return card


def test_keyboard_review_and_due_counts_under_a_fixed_clock(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_cards(page, site_url + PAGE)
    total = len(glossary_cards(site_url, page))
    assert tally(page) == {"due": 0, "new": total, "learned": 0}
    first = shown_card(page)
    assert first.startswith("glossary/")
    expect(page.locator(".flashcards-back")).to_be_hidden()

    # Space anywhere on the page shows the answer; 3 grades it Good.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Space")
    expect(page.locator(".flashcards-back")).to_be_visible()
    expect(page.locator(".flashcards-back")).to_contain_text("Definition")
    page.keyboard.press("3")
    second = shown_card(page)
    assert second != first
    assert tally(page) == {"due": 0, "new": total - 1, "learned": 1}
    assert stored_reviews(page) == {
        first: {"reps": 1, "ef": 2.5, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"}
    }

    # Focus is on Show answer now: Space clicks it, 1 is Again.
    expect(page.get_by_role("button", name="Show answer")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(".flashcards-back")).to_be_visible()
    page.keyboard.press("1")
    third = shown_card(page)

    # Or Tab to the buttons: from Show answer, Enter reveals and focus lands on Good; Tab reaches Easy.
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile(r"^Good"))).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=re.compile(r"^Easy"))).to_be_focused()
    page.keyboard.press("Enter")
    assert shown_card(page) not in {first, second, third}
    assert tally(page) == {"due": 0, "new": total - 3, "learned": 3}
    reviews = stored_reviews(page)
    assert reviews[second] == {"reps": 0, "ef": 2.5, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"}
    assert reviews[third] == {"reps": 1, "ef": 2.6, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"}

    # The same day after a reload: nothing is due, the three are learned.
    page.reload()
    expect(page.locator(".flashcards.flashcards--ready")).to_have_count(1)
    page.locator("#flashcards-deck").select_option("glossary")
    assert tally(page) == {"due": 0, "new": total - 3, "learned": 3}
    assert shown_card(page) not in {first, second, third}

    # The next day all three are due, and they come before the new cards.
    open_cards(page, site_url + PAGE, DAY_ONE + timedelta(days=1))
    assert tally(page) == {"due": 3, "new": total - 3, "learned": 0}
    assert shown_card(page) in {first, second, third}
    page.get_by_role("button", name="Show answer").click()
    page.keyboard.press("3")
    assert tally(page) == {"due": 2, "new": total - 3, "learned": 1}
    assert watch.problems() == []


def test_filters_pick_a_deck_and_a_section(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_cards(page, site_url + PAGE, deck="")
    deck = page.evaluate("async (url) => (await fetch(url)).json()", site_url + DECK)["cards"]
    assert tally(page)["new"] == len(deck)
    page.locator("#flashcards-deck").select_option("interview")
    interview = [card for card in deck if card["deck"] == "interview"]
    assert tally(page)["new"] == len(interview)
    assert shown_card(page).startswith("interview/")
    section = next(card["section"] for card in reversed(interview) if card["section"])
    page.locator("#flashcards-section").select_option(section)
    assert tally(page)["new"] == sum(card["section"] == section for card in interview)
    page.get_by_role("button", name="Show answer").click()
    link = page.locator(".flashcards-back a")
    expect(link).to_contain_text("In the interview")
    assert "#" in (link.get_attribute("href") or "")
    # Glossary terms belong to no section.
    page.locator("#flashcards-deck").select_option("glossary")
    assert tally(page) == {"due": 0, "new": 0, "learned": 0}
    expect(page.locator(".flashcards-done")).to_have_text("No cards match these filters.")
    assert watch.problems() == []


def test_reviews_travel_in_the_tracker_export_and_import(
    browser: Browser, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_cards(page, site_url + PAGE)
    reviewed = grade_first_card_good(page)
    saved = stored_reviews(page)
    open_tracker(page, site_url + TRACKER)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    expect(messages(page)).to_contain_text("and 1 flashcard review")
    exported = download.value.path().read_bytes()
    data = json.loads(exported)
    assert data["flashcards"] == saved and list(saved) == [reviewed]
    assert data["skills"] == {}

    fresh = browser.new_context()  # another profile: empty storage
    try:
        other = fresh.new_page()
        open_tracker(other, site_url + TRACKER)
        import_file(other, "sde2-handbook-progress.json", exported)
        expect(messages(other)).to_contain_text("Flashcard reviews: 1 card, replacing yours.")
        assert stored_reviews(other) == saved
        open_cards(other, site_url + PAGE)
        assert tally(other)["learned"] == 1
        assert shown_card(other) != reviewed
    finally:
        fresh.close()
    assert watch.problems() == []


BAD_REVIEWS = {
    "negative-reps": (
        {"reps": -1, "ef": 2.5, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"},
        "repetitions",
    ),
    "ease-below-floor": (
        {"reps": 1, "ef": 1.2, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"},
        "ease factor",
    ),
    "bad-date": ({"reps": 1, "ef": 2.5, "interval": 1, "due": "2026-02-30", "reviewed": "2026-12-03"}, "due date"),
    "unknown-field": (
        {"reps": 1, "ef": 2.5, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03", "x": 1},
        'unknown field "x"',
    ),
    "not-an-object": ("good", "is not an object"),
}


@pytest.mark.parametrize(("review", "reason"), list(BAD_REVIEWS.values()), ids=list(BAD_REVIEWS))
def test_an_import_with_a_bad_card_review_is_refused_and_changes_nothing(
    site_url: str, watched_page: tuple[Page, PageWatch], review: object, reason: str
) -> None:
    page, watch = watched_page
    open_cards(page, site_url + PAGE)
    grade_first_card_good(page)
    open_tracker(page, site_url + TRACKER)
    first_skill = page.locator(".tracker-skill").first.get_attribute("data-skill-id")
    page.locator(f"#tracker-status-{first_skill}").select_option("done")
    before = (stored_raw(page, SKILLS_KEY), stored_raw(page, CARDS_KEY))
    document = {
        "format": "sde2-handbook-progress",
        "version": 1,
        "skills": {first_skill: {"status": "learning"}},
        "flashcards": {"glossary/api": review},
    }
    import_file(page, "bad.json", json.dumps(document).encode())
    expect(messages(page)).to_contain_text("Import refused:")
    expect(messages(page)).to_contain_text(reason)
    expect(messages(page)).to_contain_text("Your progress was not changed.")
    assert (stored_raw(page, SKILLS_KEY), stored_raw(page, CARDS_KEY)) == before
    expect(page.locator(f"#tracker-status-{first_skill}")).to_have_value("done")
    assert watch.problems() == []


def test_a_bad_card_id_in_an_import_is_refused(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_tracker(page, site_url + TRACKER)
    good = {"reps": 1, "ef": 2.5, "interval": 1, "due": "2026-12-04", "reviewed": "2026-12-03"}
    for card_id, reason in (("__proto__", "not a valid flashcard id"), ("Glossary/API", "not a valid flashcard id")):
        document = {"format": "sde2-handbook-progress", "version": 1, "skills": {}, "flashcards": {card_id: good}}
        import_file(page, "bad.json", json.dumps(document).encode())
        expect(messages(page)).to_contain_text(reason)
    assert stored_raw(page, CARDS_KEY) is None and stored_raw(page, SKILLS_KEY) is None
    assert watch.problems() == []


def test_two_tabs_share_one_schedule(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    other = page.context.new_page()
    try:
        open_cards(page, site_url + PAGE)
        open_cards(other, site_url + PAGE)
        total = tally(page)["new"]
        first = grade_first_card_good(page)
        # The other tab hears of it without a reload, and moves past that card.
        expect(other.locator(".flashcards")).to_have_attribute("data-learned", "1")
        assert shown_card(other) != first
        second = grade_first_card_good(other)
        expect(page.locator(".flashcards")).to_have_attribute("data-learned", "2")
        assert set(stored_reviews(page)) == {first, second}
        assert tally(page) == tally(other) == {"due": 0, "new": total - 2, "learned": 2}
    finally:
        other.close()
    assert watch.problems() == []


@pytest.mark.parametrize("width", [LAPTOP, PHONE], ids=["1280px", "390px"])
def test_fits_the_screen_and_passes_axe_in_both_schemes(
    width: int, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    page.set_viewport_size({"width": width, "height": 900})
    open_cards(page, site_url + PAGE, deck="interview")
    page.get_by_role("button", name="Show answer").click()
    expect(page.locator(".flashcards-grades")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth - innerWidth") == 0
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        assert axe_violations(page, ".flashcards") == [], scheme
    assert watch.problems() == []


def test_the_deck_is_fetched_on_its_page_only_and_after_instant_navigation(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    decks: list[str] = []
    page.on("request", lambda request: decks.append(request.url) if request.url.endswith(DECK) else None)
    enable_instant_navigation(page)
    page.goto(site_url + "glossary/", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert decks == []
    page.evaluate(
        """(url) => {
            window.loadedOnce = true;
            const link = Object.assign(document.createElement("a"), { href: url, textContent: "cards" });
            document.querySelector("article").append(link);
            link.click();
        }""",
        site_url + PAGE,
    )
    expect(page).to_have_url(site_url + PAGE)
    expect(page.locator(".flashcards.flashcards--ready")).to_have_count(1, timeout=15_000)
    assert page.evaluate("window.loadedOnce") is True  # the same document: instant navigation
    assert decks == [site_url + DECK]
    assert watch.problems() == []


def test_a_grade_that_cannot_be_saved_says_so_and_keeps_the_card(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    install_failing_storage(page)
    open_cards(page, site_url + PAGE)
    first = grade_first_card_good(page)
    card = shown_card(page)
    before = stored_raw(page, CARDS_KEY)
    fill_storage(page)
    page.get_by_role("button", name="Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).click()
    expect(page.locator(".flashcards-problem")).to_have_text(
        "Not saved: this browser's storage is full. The card stays as it was."
    )
    assert shown_card(page) == card
    assert stored_raw(page, CARDS_KEY) == before
    assert tally(page)["learned"] == 1 and set(stored_reviews(page)) == {first}
    # Blocked storage: the same, with its own reason.
    page.evaluate("window.__trackerTestBlocked = true")
    page.get_by_role("button", name=re.compile(r"^Easy")).click()
    expect(page.locator(".flashcards-problem")).to_contain_text("this browser blocks local storage")
    assert watch.problems() == []


def test_unreadable_stored_reviews_are_kept_aside_and_the_page_starts_fresh(
    site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    broken = '{"version": 1, "cards": {'
    seed_storage(page, {CARDS_KEY: broken})
    open_cards(page, site_url + PAGE)
    expect(page.locator(".flashcards-messages")).to_contain_text(
        "Your saved flashcard reviews could not be read: it is not valid JSON."
    )
    assert stored_raw(page, CARDS_KEY + "/corrupt-backup") == broken
    assert tally(page)["learned"] == 0
    grade_first_card_good(page)
    assert len(stored_reviews(page)) == 1
    assert watch.problems() == []


def test_a_deck_that_does_not_load_is_reported(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, _ = watched_page
    page.route(f"**/{DECK}", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url + PAGE, wait_until="load")
    expect(page.locator(".flashcards-messages")).to_have_text(
        "The flashcards could not be loaded: the server answered 404."
    )
    expect(page.locator(".flashcards-card")).to_be_hidden()


def test_undo_import_puts_the_card_reviews_back_too(site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    open_cards(page, site_url + PAGE)
    mine = grade_first_card_good(page)
    saved = stored_reviews(page)
    other = {"reps": 2, "ef": 2.36, "interval": 6, "due": "2026-12-09", "reviewed": "2026-12-03"}
    open_tracker(page, site_url + TRACKER)
    document = {"format": "sde2-handbook-progress", "version": 1, "skills": {}, "flashcards": {"glossary/api": other}}
    import_file(page, "cards.json", json.dumps(document).encode())
    expect(messages(page)).to_contain_text("Flashcard reviews: 1 card, replacing yours.")
    assert stored_reviews(page) == {"glossary/api": other}
    page.get_by_role("button", name="Undo import").click()
    expect(messages(page)).to_contain_text("Undone: your progress is back as it was.")
    assert stored_reviews(page) == saved and list(saved) == [mine]
    # An empty "flashcards" clears them (undoable); a file without the field leaves them alone.
    import_file(page, "no-reviews.json", json.dumps({**document, "flashcards": {}}).encode())
    expect(messages(page)).to_contain_text("Flashcard reviews: 0 cards, replacing yours.")
    assert stored_reviews(page) == {}
    page.get_by_role("button", name="Undo import").click()
    expect(messages(page)).to_contain_text("Undone")
    del document["flashcards"]
    import_file(page, "older.json", json.dumps(document).encode())
    expect(messages(page)).to_contain_text("The file holds no flashcard reviews, so yours are kept as they were.")
    assert stored_reviews(page) == saved
    assert watch.problems() == []
