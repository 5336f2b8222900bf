"""Flashcards made at build time (handbook_build/flashcards.py): the cards, their ids, and the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook_build.flashcards import (
    FlashcardError,
    build_deck,
    deck_json,
    glossary_cards,
    interview_cards,
    nav_sections,
    plain_text,
    question_id,
)
from tests.support.example_files import REPO_ROOT
from tests.support.project_copy import build_copy, copy_project

GLOSSARY = """\
- term: idempotency key
  definition: >-
    A client-chosen id sent with a request, so the server runs a retried
    request [once](apis/rest.md).
- term: API
  aliases: ["APIs"]
  definition: The contract one program offers others.
"""

LABELED = """\
# Errors

## In the interview

**What gets asked.** "What does an error response look like?", then
"`400` or `422` for a missing field?" and "how does a client know?"

**What a strong SDE-II answer contains.**

- One named format, RFC 9457, with a **machine-readable** `type`.
- Pointers to the bad fields ([API errors](errors.md)),
  on every error.

**Red flags.**

- "500 for bad input" is not a question.

## In production

- "Not asked either."
"""

BULLETS = """\
# Testing

## In the interview { #interview }

- **"How would you test this endpoint?"** Name the layers, then say
  which bug each one is for.
- **System design:** "Design a notification service." A strong answer asks first.
- **Machine coding:** the same service as classes, no question here.
- **Red flags:** only happy paths.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_one_glossary_card_per_term_with_its_definition(tmp_path: Path) -> None:
    cards = glossary_cards(write(tmp_path, "glossary.yml", GLOSSARY))
    assert [(card.id, card.front, card.back) for card in cards] == [
        ("glossary/api", "API", ("The contract one program offers others.",)),
        (
            "glossary/idempotency-key",
            "idempotency key",
            ("A client-chosen id sent with a request, so the server runs a retried request once.",),
        ),
    ]
    assert cards[1].link == "glossary/#idempotency-key"
    assert cards[1].source.endswith("glossary.yml:1")
    assert {card.deck for card in cards} == {"glossary"}


def test_each_quoted_question_of_what_gets_asked_is_a_card_backed_by_the_strong_answer(tmp_path: Path) -> None:
    cards = interview_cards(write(tmp_path, "errors.md", LABELED), "apis/errors.md", "Backend topics")
    assert [card.front for card in cards] == [
        "What does an error response look like?",
        "`400` or `422` for a missing field?",
        "How does a client know?",  # a lower-case drill question gets its capital
    ]
    expected_back = (
        "One named format, RFC 9457, with a machine-readable `type`.",
        "Pointers to the bad fields (API errors), on every error.",
    )
    assert all(card.back == expected_back for card in cards)
    assert {card.link for card in cards} == {"apis/errors/#in-the-interview"}
    assert {card.title for card in cards} == {"Errors"}
    assert {card.section for card in cards} == {"Backend topics"}
    assert [card.source.rsplit(":", 1)[1] for card in cards] == ["5", "6", "6"]


def test_bullets_that_open_with_a_question_carry_their_own_answer(tmp_path: Path) -> None:
    cards = interview_cards(write(tmp_path, "testing.md", BULLETS), "apis/testing.md")
    assert [(card.front, card.back) for card in cards] == [
        ("How would you test this endpoint?", ("Name the layers, then say which bug each one is for.",)),
        ("Design a notification service.", ("A strong answer asks first.",)),
    ]
    assert cards[0].link == "apis/testing/#interview"  # the heading's own id


def test_a_section_that_asks_nothing_makes_no_cards_and_a_page_without_one_neither(tmp_path: Path) -> None:
    coding = '# Heaps\n\n## In the interview\n\nA strong SDE-II answer:\n\n- **Names the heap\'s job**: "a min-heap".\n'
    assert interview_cards(write(tmp_path, "heaps.md", coding), "coding/heaps.md") == []
    assert interview_cards(write(tmp_path, "plain.md", "# Plain\n\nText.\n"), "plain.md") == []


def test_ids_come_from_the_source_not_the_position(tmp_path: Path) -> None:
    first = interview_cards(write(tmp_path, "a.md", LABELED), "apis/errors.md")
    moved = LABELED.replace('**What gets asked.** "What', '**What gets asked.** "Why 404?" "What')
    second = interview_cards(write(tmp_path, "b.md", moved), "apis/errors.md")
    assert {card.id for card in first} < {card.id for card in second}
    assert first[0].id == question_id("apis/errors", "What does an error response look like?")
    assert first[0].id.startswith("interview/apis/errors/what-does-an-error-response-look-like-")
    # Same words on another page, or different words on this page: other ids.
    assert question_id("apis/rest", first[0].front) != first[0].id
    assert question_id("apis/errors", "What does an error response look like") != first[0].id


def test_a_long_question_gets_a_bounded_id_that_still_differs(tmp_path: Path) -> None:
    long_a = "Why " + "very " * 80 + "slow?"
    long_b = "Why " + "very " * 80 + "fast?"
    ids = {question_id("system-design/news-feed", q) for q in (long_a, long_b)}
    assert len(ids) == 2 and all(len(card_id) <= 200 for card_id in ids)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '## In the interview\n\n**What gets asked.** "Never closed?\n\n**A strong SDE-II answer**\n\n- x\n',
            3,
            "quote is never closed",
        ),
        (
            "## In the interview\n\n**What gets asked.** Nothing quoted.\n\n**A strong answer:**\n\n- x\n",
            3,
            "quotes no",
        ),
        ('## In the interview\n\n**What gets asked**\n\n- "Q?"\n\n**Red flags.**\n\n- y\n', 3, "has no **A strong"),
        ('## In the interview\n\n**What gets asked.** "Q?"\n\n**A strong SDE-II answer:**\n\n', 5, "has no points"),
        ('## In the interview\n\n**What gets asked.** "Q?" "Q?"\n\n**A strong answer:**\n\n- x\n', 3, "already asked"),
        ('## In the interview\n\n- **"Asked with no answer?"**\n', 3, "has no answer"),
        ("## In the interview\n\ntext\n\n## In the interview\n", 5, "a second 'In the interview'"),
    ],
    ids=["unclosed-quote", "no-question", "no-strong-answer", "empty-strong-answer", "duplicate", "no-answer", "twice"],
)
def test_a_malformed_section_names_the_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "page.md", text)
    with pytest.raises(FlashcardError) as error:
        interview_cards(path, "page.md")
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_two_terms_that_make_one_id_fail_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "glossary.yml", "- term: C++\n  definition: a.\n- term: C\n  definition: b.\n")
    with pytest.raises(FlashcardError, match=r"glossary.yml:\d: the terms 'C' and 'C\+\+' make the same card id"):
        glossary_cards(path)


def test_plain_text_keeps_code_and_drops_markup() -> None:
    assert plain_text("**Bold** and *em* and [a link](x.md) and `a *b*`\n  wrapped") == (
        "Bold and em and a link and `a *b*` wrapped"
    )


def test_nav_sections_name_the_top_level_section() -> None:
    nav = [{"Home": "index.md"}, {"APIs": ["apis/index.md", {"REST": "apis/rest.md"}, {"Deep": [{"x": "apis/x.md"}]}]}]
    assert nav_sections(nav) == {
        "index.md": "Home",
        "apis/index.md": "APIs",
        "apis/rest.md": "APIs",
        "apis/x.md": "APIs",
    }


def test_the_real_deck_has_unique_ids_and_every_card_a_front_and_a_back() -> None:
    cards = build_deck(REPO_ROOT / "docs", {}, REPO_ROOT / "data/glossary.yml", REPO_ROOT)
    ids = [card.id for card in cards]
    assert len(ids) == len(set(ids))
    decks = {card.deck for card in cards}
    assert decks == {"glossary", "interview"}
    assert sum(card.deck == "interview" for card in cards) >= 100
    assert all(card.front and card.back and all(card.back) for card in cards)
    data = json.loads(deck_json(cards))
    assert data["version"] == 1 and len(data["cards"]) == len(cards)
    assert set(data["cards"][0]) == {"id", "deck", "section", "front", "back", "link", "title"}


def test_a_malformed_interview_section_fails_the_real_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs/apis/rest.md"
    text = page.read_text(encoding="utf-8")
    broken = text.replace('**What gets asked.** "Design', '**What gets asked.** ""Design', 1)
    assert broken != text
    page.write_text(broken, encoding="utf-8")
    line = broken[: broken.index('""Design')].count("\n") + 1
    result = build_copy(project)
    assert result.returncode != 0
    assert f"docs/apis/rest.md:{line}: an empty quoted question" in result.stdout + result.stderr
