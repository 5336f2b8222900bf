"""Shrink Material's search index to about a third, keeping every word findable.

Material's search plugin stores each section's whole HTML, code included, and
the browser builds its Lunr index from that at the moment search opens. Here:
- Each section keeps a teaser, its first TEASER_CHARS characters of prose cut
  at a word, which is all a search result shows (Material clamps teasers to
  two or three lines).
- Each further distinct word of a page's prose is kept once, hidden, in the
  first section of the page that uses it, minus the stop words Lunr drops
  anyway. Material's tokenizer skips markup, so the hidden words are searched
  but never shown; a word is found on its page, in the section that
  introduces it.
- Code blocks (`<pre>`), the generated "Track it" lists and the skill map's
  area pages (each skill there links to the page that teaches it) are left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any

# Material shows two or three lines of a teaser; 100 characters fill two on a
# phone. At 140 the index outgrew the anchor's per-page size once the coding
# pages came (235.7 against 220.8 KB gz per 100 pages; 217.3 at 100).
TEASER_CHARS = 100
# Lunr's English stop-word filter removes these at index time.
_STOP_WORD_TEXT = (
    "a able about across after all almost also am among an and any are as at be because been but by can cannot "
    "could dear did do does either else ever every for from get got had has have he her hers him his how "
    "however i if in into is it its just least let like likely may me might most must my neither no nor not of "
    "off often on only or other our own rather said say says she should since so some than that the their them "
    "then there these they this tis to too twas us wants was we were what when where which while who whom why "
    "will with would yet you your"
)
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())
SKIPPED_TITLES = frozenset({"Track it"})
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Strip punctuation from both ends of a token, so "(lock," is found as "lock".
_TRIM = re.compile(r"^\W+|\W+$")


def without_code(html_text: str) -> str:
    """The HTML with every code block (`<pre>`) replaced by a space."""
    return _PRE.sub(" ", html_text)


def plain_text(section_html: str) -> str:
    """The prose of a section: no code blocks, no tags, entities decoded, spaces collapsed."""
    text = _TAG.sub(" ", without_code(section_html))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def teaser(text: str) -> str:
    """The start of `text`, cut at a word, with an ellipsis when something was cut."""
    if len(text) <= TEASER_CHARS:
        return text
    cut = text.rfind(" ", 0, TEASER_CHARS + 1)
    return text[: cut if cut > 0 else TEASER_CHARS] + " …"


def tokens(text: str, separator: re.Pattern[str]) -> Iterable[str]:
    for raw in separator.split(text):
        token = _TRIM.sub("", raw)
        if token:
            yield token


def compact_text(section_html: str, separator: re.Pattern[str], seen_on_page: set[str]) -> str:
    """A section's teaser, then, hidden, each word of it not yet seen on its page."""
    text = plain_text(section_html)
    shown = teaser(text)
    # What the teaser shows is searchable already.
    seen_on_page.update(token.lower() for token in tokens(shown, separator))
    new_words = []
    for token in tokens(text, separator):
        key = token.lower()
        if key not in seen_on_page and key not in STOP_WORDS:
            seen_on_page.add(key)
            new_words.append(token)
    shown_html = html.escape(shown, quote=False)
    if not new_words:
        return shown_html
    return f'{shown_html}<span hidden>{html.escape(" ".join(new_words), quote=False)}</span>'


def skill_area_page(page: str) -> bool:
    """The skill map's area pages (skills/<area>/), not its overview: each skill there links to its teaching page."""
    return re.fullmatch(r"skills/[^/]+/", page) is not None


def compact_index(index: dict[str, Any], skip_page: Callable[[str], bool] = skill_area_page) -> dict[str, Any]:
    """`index` (Material's search_index.json) with compact sections, minus skipped pages and sections."""
    separator = re.compile(index["config"]["separator"])
    seen: dict[str, set[str]] = {}
    docs = []
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        if skip_page(page) or doc["title"] in SKIPPED_TITLES:
            continue
        docs.append({**doc, "text": compact_text(doc["text"], separator, seen.setdefault(page, set()))})
    return {**index, "docs": docs}
