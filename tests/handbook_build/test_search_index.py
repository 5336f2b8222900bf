"""The compact search index keeps every prose word findable on its page and shows only the teaser."""

from __future__ import annotations

import re

from handbook_build.search_index import TEASER_CHARS, compact_index, plain_text, skill_area_page, teaser

SEPARATOR = r"[\s\-]+"


def index(*docs: tuple[str, str, str]) -> dict:
    return {
        "config": {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"]},
        "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs],
    }


def words(text: str) -> set[str]:
    """The lowercased words of `text`, markup and surrounding punctuation removed."""
    raw = re.split(r"[\s\-]+", re.sub(r"<[^>]+>", " ", text))
    return {trimmed.lower() for w in raw if (trimmed := re.sub(r"^\W+|\W+$", "", w))}


def test_code_blocks_tags_and_entities_leave_the_prose() -> None:
    section = '<p>Use <code>SELECT &amp; LOCK</code>.</p><pre><code>secret_code_token()</code></pre>'
    assert plain_text(section) == "Use SELECT & LOCK ."


def test_the_teaser_is_cut_at_a_word_and_marked() -> None:
    long = "word " * 100
    cut = teaser(long.strip())
    assert cut.endswith(" …")
    assert len(cut) <= TEASER_CHARS + 2
    assert not cut.removesuffix(" …").endswith(" ")
    assert teaser("short text") == "short text"


def test_every_prose_word_stays_on_its_page_once_and_hidden() -> None:
    body = "<p>" + "Lead sentence about fencing tokens. " * 8 + "Later: linearizable (etcd) revisions.</p>"
    compacted = compact_index(index(
        ("data/redis/", "Redis", "<p>Locks need fencing.</p>"),
        ("data/redis/#fences", "Fences", body + "<pre><code>incr_counter()</code></pre>"),
    ))
    first, second = (doc["text"] for doc in compacted["docs"])
    assert "fencing" in words(first)
    shown, hidden = second.split("<span hidden>")
    assert shown.startswith("Lead sentence about fencing tokens.")
    # Trimmed of punctuation, once each, and not repeated from the page's earlier section.
    assert hidden.removesuffix("</span>").split() == ["Later", "linearizable", "etcd", "revisions"]
    assert "incr_counter" not in second
    # Nothing of the original prose was lost for search on that page.
    assert words(plain_text(body)) - words(first + " " + second) <= {"about"}  # a Lunr stop word


def test_stop_words_are_not_kept_and_html_is_escaped() -> None:
    text = "<p>" + "x " * 90 + "the and of &lt;b&gt;bold Ünïcode</p>"
    compacted = compact_index(index(("p/", "P", text)))["docs"][0]["text"]
    hidden = compacted.split("<span hidden>")[1]
    assert "b&gt;bold" in hidden and "<b>" not in compacted
    assert " the " not in f" {hidden} " and "Ünïcode" in hidden


def test_track_it_sections_and_skill_area_pages_are_left_out() -> None:
    compacted = compact_index(index(
        ("skills/", "Skill map", "<p>Overview</p>"),
        ("skills/data-storage/", "Data and storage", "<p>Area</p>"),
        ("apis/rest/#track-it", "Track it", "<p>Skills</p>"),
        ("apis/rest/", "REST", "<p>Resources</p>"),
    ))
    assert [doc["location"] for doc in compacted["docs"]] == ["skills/", "apis/rest/"]
    assert skill_area_page("skills/auth/") and not skill_area_page("skills/")
    assert compacted["config"]["separator"] == SEPARATOR
