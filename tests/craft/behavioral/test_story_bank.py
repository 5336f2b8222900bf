"""The story bank's checks (coverage, gaps, thin families, red flags), the stories it refuses,
and the page's strong answers held to the bank's numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.craft.behavioral.story_bank import (
    BANK,
    CHECKOUT,
    FAMILIES,
    I_WORDS,
    WE_WORDS,
    Story,
    coverage,
    missing,
    red_flags,
    thin,
)

PAGE = Path(__file__).parents[3] / "docs" / "craft" / "behavioral-round.md"


def story(title: str, *families: str, **parts: str) -> Story:
    fields = {
        "situation": "p99 went from 180 ms to 2.4 s.",
        "task": "I was on call.",
        "action": "I rolled back.",
        "result": "Mitigated in 11 minutes.",
        "learned": "Roll back first.",
    }
    return Story(title=title, families=frozenset(families), **(fields | parts))  # type: ignore[arg-type]


def test_the_bank_answers_every_family_and_each_story_passes_its_own_checks() -> None:
    assert missing(BANK) == []
    assert thin(BANK) == ["mistake", "mentoring"]
    assert 6 <= len(BANK) <= 8
    assert {story.title: red_flags(story) for story in BANK} == {story.title: [] for story in BANK}
    assert len({story.title for story in BANK}) == len(BANK)


def test_coverage_lists_every_family_in_order_even_with_no_stories() -> None:
    assert coverage([]) == {family: [] for family in FAMILIES}
    assert list(coverage(BANK)) == list(FAMILIES)
    assert missing([]) == list(FAMILIES)
    assert thin([]) == []
    assert coverage(BANK)["incident"] == [CHECKOUT.title, "The index that blocked order writes"]


def test_coverage_takes_any_iterable_once() -> None:
    assert missing(story for story in BANK) == []
    assert thin(iter(BANK)) == ["mistake", "mentoring"]


def test_a_family_answered_twice_is_neither_missing_nor_thin() -> None:
    bank = [story("a", "mentoring", "mistake"), story("b", "mentoring")]
    assert "mentoring" not in missing(bank) + thin(bank)
    assert thin(bank) == ["mistake"]


@given(st.lists(st.frozensets(st.sampled_from(FAMILIES), min_size=1), max_size=10))
def test_missing_and_thin_agree_with_a_count_per_family(family_sets: list[frozenset[str]]) -> None:
    bank = [story(f"s{i}", *families) for i, families in enumerate(family_sets)]
    counts = {family: sum(family in families for families in family_sets) for family in FAMILIES}
    assert missing(bank) == [family for family in FAMILIES if counts[family] == 0]
    assert thin(bank) == [family for family in FAMILIES if counts[family] == 1]


def test_each_red_flag_fires_alone() -> None:
    good = story("good", "incident")
    assert red_flags(good) == []
    assert red_flags(replace(good, result="Much faster.")) == ["no number in the result"]
    assert red_flags(replace(good, learned="  ")) == ["nothing learned"]
    assert red_flags(replace(good, action="We rolled back and our lead paged us.")) == [
        "action says we/us/our 3 times, I/me/my 0"
    ]
    assert red_flags(replace(good, learned="Next time I'd Communicate Better.")) == [
        "lesson names no change: 'communicate better'"
    ]


def test_all_the_flags_of_one_draft_come_in_a_fixed_order() -> None:
    draft = story("draft", "incident", action="We fixed it.", result="Faster.", learned="Be more careful.")
    assert red_flags(draft) == [
        "no number in the result",
        "action says we/us/our 1 times, I/me/my 0",
        "lesson names no change: 'be more careful'",
    ]


def test_we_is_fine_when_the_action_still_says_what_you_did() -> None:
    mixed = story("mixed", "incident", action="We split the work: I rolled back, my teammate paged the DBA.")
    assert red_flags(mixed) == []  # one "we", two of "I"/"my"
    assert red_flags(story("word", "incident", action="I wrote a weekly report.")) == []  # "we" inside a word
    contracted = story("contracted", "incident", action="We'd have waited; I'd already rolled back.")
    assert red_flags(contracted) == []  # "we'd" and "I'd" count as "we" and "I"


def test_a_specific_lesson_that_mentions_care_is_not_flagged() -> None:
    specific = story("specific", "mistake", learned="I time migrations on a copy, to be careful with locks.")
    assert red_flags(specific) == []


ACTION_WORDS = [*sorted(I_WORDS | WE_WORDS), "rolled", "back", "the", "DBA"]


@given(st.lists(st.sampled_from(ACTION_WORDS), max_size=30))
def test_the_we_flag_fires_exactly_when_we_outnumbers_i(words: list[str]) -> None:
    action = " ".join(words).capitalize() or "Waited."
    mine = sum(word in I_WORDS for word in words)
    ours = sum(word in WE_WORDS for word in words)
    flagged = any(flag.startswith("action says") for flag in red_flags(story("s", "incident", action=action)))
    assert flagged == (ours > mine)


def test_unknown_or_no_families_and_empty_parts_are_refused() -> None:
    with pytest.raises(ValueError, match=r"'x': unknown families \['leadership'\]"):
        story("x", "leadership", "incident")
    with pytest.raises(ValueError, match="at least one family"):
        story("x")
    with pytest.raises(ValueError, match="result is empty"):
        story("x", "incident", result=" ")
    with pytest.raises(ValueError, match="title is empty"):
        story("", "incident")


@pytest.mark.parametrize("families", ["incident", ["incident"], {"incident"}])
def test_families_that_are_not_a_frozenset_are_refused(families: object) -> None:
    # A str would otherwise become a set of letters; a list or set would make Story unhashable.
    with pytest.raises(TypeError, match=r"'x': families must be a frozenset, not (str|list|set)"):
        replace(story("x", "incident"), families=families)  # type: ignore[arg-type]


# The family each heading's strong answer speaks for, and the story it tells.
TOLD_ON_THE_PAGE = {
    "ownership": "Double charges on retried payments",
    "incident": CHECKOUT.title,
    "disagreement": "An outbox table instead of Kafka",
    "mistake": "The index that blocked order writes",
    "ambiguity": "'Make search better'",
    "mentoring": "A new engineer's first on-call",
    "trade-off": "A 60-second cache on prices",
}
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def strong_answers() -> dict[str, str]:
    """Each family's heading anchor, with the text of its "Strong" tab."""
    answers = {}
    for section in re.split(r"^### ", PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        anchor = re.search(r"\{ #([\w-]+) \}", section.splitlines()[0])
        tab = re.search(r'^=== "Strong"\n\n((?:    .*\n|\n)+)', section, flags=re.MULTILINE)
        if anchor and tab:
            answers[anchor.group(1)] = tab.group(1)
    return answers


def test_every_family_has_a_strong_answer_that_tells_a_story_from_the_bank() -> None:
    assert list(strong_answers()) == list(FAMILIES)
    titles = {story.title: story for story in BANK}
    for family, title in TOLD_ON_THE_PAGE.items():
        assert family in titles[title].families


@pytest.mark.parametrize("family", FAMILIES)
def test_every_number_in_a_strong_answer_is_the_banks(family: str) -> None:
    told = {story.title: story for story in BANK}[TOLD_ON_THE_PAGE[family]]
    bank_text = " ".join((told.situation, told.task, told.action, told.result, told.learned))
    on_page = set(NUMBER.findall(strong_answers()[family]))
    assert on_page, f"{family}: a strong answer with no number"
    assert on_page - set(NUMBER.findall(bank_text)) == set(), f"{family}: numbers the bank's story lacks"
