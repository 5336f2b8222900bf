"""Predict-the-output questions in a real Chromium (hooks/quizzes.py, quizzes.js, quizzes.css):

- keyboard only, at 1280 and 390 px: pick a wrong answer and check it, then
  the right one; the page says which, shows the real output, and sends one
  `handbook:quiz-result` event per check;
- every quiz page, checked, scrolls no wider than the screen at either width;
  on a sample covering each kind of answer, axe-core finds nothing in the
  checked quizzes in the light or the dark scheme;
- the Check button comes back after instant navigation, and nothing asks
  any host but this machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from handbook_build.quizzes import Quiz, expand_quizzes
from tests.browser.conftest import PageWatch
from tests.browser.page_visit import LAPTOP, PHONE
from tests.browser.tracker_support import enable_instant_navigation
from tests.support.axe import axe_violations
from tests.support.example_files import REPO_ROOT, markdown_pages

pytestmark = pytest.mark.browser

HOOK = "hooks/quizzes.py"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
RESULTS = (
    "window.quizResults = []; document.addEventListener('handbook:quiz-result', (e) => quizResults.push(e.detail));"
)


def page_url(source: str) -> str:
    """docs/language/python-asyncio.md -> language/python-asyncio/"""
    path = source.removeprefix("docs/").removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def quizzes_by_page() -> dict[str, list[Quiz]]:
    pages: dict[str, list[Quiz]] = {}
    for path in markdown_pages():
        name = path.relative_to(REPO_ROOT).as_posix()
        _, quizzes = expand_quizzes(path.read_text(encoding="utf-8"), name, REPO_ROOT)
        if quizzes:
            pages[page_url(name)] = quizzes
    return pages


QUIZ_PAGES = quizzes_by_page()
KEYBOARD_PAGE = "machine-coding/lru-cache/"


@pytest.fixture(scope="module")
def quiz_site(built_site: Path) -> Path:
    """The built site, once it has quizzes: until mkdocs.yml lists the hook, the pages show bare markers."""
    if not any('class="handbook-quiz"' in (built_site / url / "index.html").read_text() for url in QUIZ_PAGES):
        if HOOK not in (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
            pytest.skip(f"{HOOK} is not in mkdocs.yml yet, so the site has no quizzes (issue 16)")
        pytest.fail(f"mkdocs.yml lists {HOOK}, yet no page of the built site has a quiz")
    return built_site


def open_page(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(RESULTS)
    page.goto(url, wait_until="networkidle")
    page.add_style_tag(content=NO_TRANSITIONS)
    expect(page.locator(".handbook-quiz__check").first).to_be_visible()


def focused(page: Page) -> str:
    """What has keyboard focus, as `tag#id` or `tag.first-class`."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '.' + e.classList[0]); }"
    )


def move_to(page: Page, start: int, target: int, count: int) -> None:
    """Arrow keys through a radio group, from `start` to `target`; each step checks the option it lands on."""
    steps = (target - start) % count
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


@pytest.mark.parametrize("width", [LAPTOP, PHONE], ids=["1280px", "390px"])
def test_a_wrong_then_a_right_answer_by_keyboard_alone(
    width: int, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    quiz = QUIZ_PAGES[KEYBOARD_PAGE][0]
    form_id = f"quiz-{quiz.quiz_id}"
    open_page(page, site_url + KEYBOARD_PAGE, width)
    form = page.locator(f"#{form_id}")
    options = form.locator("input[type=radio]")
    values = [options.nth(n).get_attribute("value") for n in range(options.count())]
    right, wrong = values.index("right"), values.index("wrong")

    # A link to #quiz-<id> lands the reader on the form; from there, keys only.
    form.focus()
    page.keyboard.press("Tab")
    assert focused(page) == f"input#{form_id}-1"  # into the group, on its first option
    if wrong == 0:
        page.keyboard.press("Space")
    else:
        move_to(page, 0, wrong, len(values))
    assert focused(page) == f"input#{form_id}-{wrong + 1}"
    page.keyboard.press("Tab")
    assert focused(page) == "button.handbook-quiz__check"
    page.keyboard.press("Enter")

    verdict = form.locator(".handbook-quiz__verdict")
    expect(verdict).to_have_text("Not quite: it prints what is shown below.")
    expect(form).to_have_attribute("data-result", "wrong")
    expect(form.locator(".handbook-quiz__option--missed input")).to_have_attribute("value", "wrong")
    answer = form.locator(".handbook-quiz__answer")
    expect(answer).to_be_visible()
    expect(answer.locator("pre")).to_have_text(quiz.answer)
    expect(answer.get_by_role("link", name=quiz.example_path)).to_have_attribute(
        "href", f"https://github.com/sde2-handbook/backend-handbook/blob/main/{quiz.example_path}"
    )

    page.keyboard.press("Shift+Tab")
    assert focused(page) == f"input#{form_id}-{wrong + 1}"  # back on the pick
    move_to(page, wrong, right, len(values))
    assert focused(page) == f"input#{form_id}-{right + 1}"
    expect(verdict).to_have_text("")  # a new pick clears the old verdict
    page.keyboard.press("Tab")
    page.keyboard.press("Space")

    expect(verdict).to_have_text("Right: it prints exactly that.")
    expect(form).to_have_attribute("data-result", "right")
    expect(form.locator(".handbook-quiz__option--missed")).to_have_count(0)
    expect(form.locator(".handbook-quiz__option--answer input")).to_have_attribute("value", "right")
    assert page.evaluate("quizResults") == [
        {"questionId": quiz.quiz_id, "correct": False},
        {"questionId": quiz.quiz_id, "correct": True},
    ]
    assert watch.problems() == []


def test_check_without_a_pick_asks_for_one_and_records_nothing(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, _ = watched_page
    open_page(page, site_url + KEYBOARD_PAGE, LAPTOP)
    form = page.locator("form.handbook-quiz").first
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".handbook-quiz__verdict")).to_have_text("Pick an answer first.")
    expect(form.locator(".handbook-quiz__answer")).to_be_hidden()
    assert page.evaluate("quizResults") == []


# Check every quiz on the page: the first wrong option, so the answer and both marks show.
CHECK_EVERY_QUIZ = """() => {
    for (const form of document.querySelectorAll("form.handbook-quiz")) {
        form.querySelector("input[value=wrong]").checked = true;
        form.requestSubmit();
    }
}"""
OVERFLOW = """() => {
    const widest = [...document.querySelectorAll("form.handbook-quiz, form.handbook-quiz *")]
        .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
        .map((element) => element.tagName.toLowerCase() + "." + [...element.classList].join("."));
    const article = document.querySelector("article").getBoundingClientRect();
    const outside = [...document.querySelectorAll("form.handbook-quiz")]
        .filter((form) => form.getBoundingClientRect().right > article.right + 1).map((form) => form.id);
    return { page: document.scrollingElement.scrollWidth - innerWidth, widest, outside };
}"""


def open_and_check_every_quiz(page: Page, url: str, path: str, width: int) -> None:
    open_page(page, url, width)
    expect(page.locator("form.handbook-quiz")).to_have_count(len(QUIZ_PAGES[path]))
    page.evaluate(CHECK_EVERY_QUIZ)
    expect(page.locator("form.handbook-quiz[data-result=wrong]")).to_have_count(len(QUIZ_PAGES[path]))


# A question's words decide whether it fits, so every quiz page is measured, at both widths in
# one visit. The markup and colors are the same on every page (one renderer, one stylesheet),
# and tests/browser/test_every_page.py runs axe on every page as it loads, so axe on the checked
# state (verdicts, marks, the revealed output) runs on pages that cover each kind of answer:
# Python output, Java output, a multi-line SQL result, code spans in the question.
AXE_PAGES = [
    page
    for page in (KEYBOARD_PAGE, "language/java-concurrency/", "data/sql-most-orders/", "coding/union-find/")
    if page in QUIZ_PAGES
]


@pytest.mark.parametrize("path", list(QUIZ_PAGES), ids=list(QUIZ_PAGES))
def test_checked_quizzes_fit_the_screen_at_both_widths(
    path: str, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_and_check_every_quiz(page, site_url + path, path, LAPTOP)
    for width in (LAPTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(OVERFLOW) == {"page": 0, "widest": [], "outside": []}, f"{width}px"
    assert watch.problems() == []


def test_the_axe_sample_covers_every_kind_of_answer() -> None:
    assert len(AXE_PAGES) == 4


@pytest.mark.parametrize("width", [LAPTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("path", AXE_PAGES, ids=AXE_PAGES)
def test_checked_quizzes_pass_axe_in_both_schemes(
    path: str, width: int, quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    open_and_check_every_quiz(page, site_url + path, path, width)
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        assert axe_violations(page, "form.handbook-quiz") == [], scheme
    assert watch.problems() == []


def test_quizzes_work_after_instant_navigation(
    quiz_site: Path, site_url: str, watched_page: tuple[Page, PageWatch]
) -> None:
    page, watch = watched_page
    enable_instant_navigation(page)
    open_page(page, site_url + KEYBOARD_PAGE, LAPTOP)
    # A link Material intercepts, as any in the page: the next page arrives without a load.
    page.evaluate(
        """(url) => {
            window.loadedOnce = true;
            const link = Object.assign(document.createElement("a"), { href: url, textContent: "next" });
            document.querySelector("article").append(link);
            link.click();
        }""",
        site_url + "language/python-asyncio/",
    )
    expect(page).to_have_url(site_url + "language/python-asyncio/")
    quiz_id = QUIZ_PAGES["language/python-asyncio/"][0].quiz_id
    form = page.locator(f"#quiz-{quiz_id}")
    expect(form.get_by_role("button", name="Check")).to_be_visible()
    assert page.evaluate("window.loadedOnce") is True  # the same document: instant navigation, no reload
    form.locator("input[value=right]").check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".handbook-quiz__verdict")).to_have_text("Right: it prints exactly that.")
    assert page.evaluate("quizResults") == [
        {"questionId": QUIZ_PAGES["language/python-asyncio/"][0].quiz_id, "correct": True}
    ]
    assert watch.problems() == []
