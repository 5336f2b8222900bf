"""The résumé bullet linter: each rule alone, the page's rewrites, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.craft.resume.bullet_linter import (
    MAX_WORDS,
    REWRITES,
    TOOLS,
    WEAK_PHRASES,
    Rewrite,
    flags,
    report,
    verdict,
)

GOOD = "Cut checkout p99 from 900 ms to 210 ms by removing an N+1 query."


def test_every_before_is_flagged_and_every_after_passes() -> None:
    assert len(REWRITES) >= 6
    for rewrite in REWRITES:
        assert flags(rewrite.before), rewrite.before
        assert flags(rewrite.after) == [], rewrite.after


def test_the_page_shows_all_five_rules_firing() -> None:
    fired = {flag.split(" ")[0].strip('"') for rewrite in REWRITES for flag in flags(rewrite.before)}
    assert fired == {"no", "weak", "we", "6", "4", "too"}


def test_each_rule_fires_alone() -> None:
    assert flags(GOOD) == []
    assert flags("Cut checkout p99 by removing an N+1 query.") == ["no number"]
    assert flags("Moved uploads to S3 behind OAuth 2 on EC2 over HTTP/2.") == ["no number"]
    assert flags("Helped cut checkout p99 from 900 ms to 210 ms.") == ['weak verb "helped"']
    assert flags("We cut checkout p99 from 900 ms to 210 ms.") == ['"we" without "I"']
    assert flags("Built 3 services on Kafka, Redis and PostgreSQL.") == ["3 tools, no measured outcome"]
    long = "Cut checkout p99 from 900 ms to 210 ms " + "by fixing one more query " * 5
    assert flags(long) == [f"too long: {len(long.split())} words (max {MAX_WORDS})"]


def test_a_count_is_a_number_but_not_an_outcome() -> None:
    tools = "Built 3 services on Kafka, Redis and PostgreSQL"
    assert "no number" not in flags(tools)
    assert flags(tools + ", handling 4,000 events/s.") == []
    assert flags(tools + " that cut order latency by 40%.") == []
    assert flags("Built 2 services on Kafka and Redis.") == []  # two tools are not a list


def test_we_is_fine_next_to_i_and_inside_words() -> None:
    assert flags("We split the migration; I wrote the 2 backfill jobs in 3 days.") == []
    assert flags("Wrote the weekly 5-minute on-call report.") == []  # "we" inside "weekly"
    assert flags("Our team shipped 2 releases a week.") == ['"we" without "I"']


def test_weak_phrases_are_listed_once_each_in_the_order_they_appear() -> None:
    bullet = "Worked on 2 services and helped, helped, helped the team."
    assert flags(bullet) == ['weak verb "worked on", "helped"']
    assert flags("HELPED cut 3 s from login.") == ['weak verb "helped"']


def test_tools_match_case_sensitively_so_go_the_verb_is_not_go_the_language() -> None:
    assert "Go" in TOOLS
    assert flags("Took 3 services to go live on Kafka and Redis.") == []
    assert flags("Rewrote 3 services in Go on Kafka and Redis.") == ["3 tools, no measured outcome"]


@given(st.sampled_from(WEAK_PHRASES), st.sampled_from([r.after for r in REWRITES]))
def test_a_weak_phrase_in_front_of_any_good_bullet_is_flagged(phrase: str, after: str) -> None:
    bullet = f"{phrase.capitalize()} {after[0].lower()}{after[1:]}"
    assert f'weak verb "{phrase}"' in flags(bullet)


@given(st.integers(min_value=1, max_value=60))
def test_too_long_fires_exactly_above_the_limit(extra: int) -> None:
    bullet = "Cut p99 by 40%" + " again" * extra
    assert (f"too long: {4 + extra} words (max {MAX_WORDS})" in flags(bullet)) == (4 + extra > MAX_WORDS)


def test_report_wraps_both_versions_and_ends_each_with_its_verdict() -> None:
    lines = report(9, Rewrite("Worked on search.", GOOD), width=40)
    assert lines[0] == "9 before  Worked on search."
    assert lines[1:3] == ["          -> no number", '          -> weak verb "worked on"']
    assert lines[3].startswith("  after   Cut checkout")
    assert lines[-1] == "          -> ok"
    assert all(len(line) <= 40 for line in lines if "->" not in line)
    assert verdict(GOOD) == ["ok"]


@pytest.mark.parametrize("bullet", ["", "   ", "\n"])
def test_an_empty_bullet_is_refused(bullet: str) -> None:
    with pytest.raises(ValueError, match="empty bullet"):
        flags(bullet)
