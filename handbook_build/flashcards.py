"""Flashcards: one card per glossary term and one per question a page's "In the interview" section asks.

gen_pages/flashcards.py writes the deck (a JSON file) into the site; the
practice page's script (docs/assets/javascripts/flashcards.js) fetches it when
that page opens and schedules reviews with SM-2 in the browser.

How a page writes its interview section, and what becomes a card:

    ## In the interview

    **What gets asked.** "First question?" "Second question?"
    (or a bullet list under **What gets asked**)

    **What a strong SDE-II answer contains.**   (or **A strong SDE-II answer**)

    - a point
    - another point

    **Red flags.**

Every quoted question ("..." or curly quotes) in the "What gets asked" part is
a card; its back is the strong-answer points, with a link to the section.
Pages that pair each question with its answer write bullets instead, and each
such bullet is a card whose back is the rest of the bullet:

    - **"Why not mock the database?"** The bugs are in the SQL...
    - **System design:** "Design a notification service." A strong answer...

A section that asks nothing (the coding pages, whose question is the problem
itself) makes no cards. A "What gets asked" part with no quoted question or
no strong answer after it, an unclosed or empty quote, a question asked twice,
or a question bullet with no answer fails the build naming the file and line.

A card's id comes from its source, never its position, so review state stays
with the card when pages or terms move: `glossary/<term>` and
`interview/<page>/<question words>-<hash of the question>`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from handbook_build.glossary import GLOSSARY_FILE, load_glossary
from handbook_build.yaml_source import DataFileError, LineDict, load_yaml

DECK_PATH = "practice/flashcards.json"
DECK_VERSION = 1
GLOSSARY_PAGE = "glossary.md"
INTERVIEW_ANCHOR = "in-the-interview"
MAX_ID_CHARS = 200
QUESTION_WORDS_CHARS = 60

_HEADING = re.compile(r"^## In the interview(?:\s*\{\s*#([\w-]+)\s*\})?\s*$")
# A part's label, bold or not, with what follows it on the line.
_LABEL = re.compile(
    r"^(?:\*\*)?(?P<label>What gets asked|What a strong SDE-II answer contains|A strong (?:SDE-II )?answer"
    r"|Red flags(?: that sink an answer)?)[.:]?(?:\*\*)?[.:]?(?:\s+(?P<rest>.*))?$"
)
_ASKED = re.compile(r"^What gets asked$")
_STRONG = re.compile(r"^(?:What a strong SDE-II answer contains|A strong (?:SDE-II )?answer)$")
_FLAGS = re.compile(r"^Red flags")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BULLET = re.compile(r"^(\s*)[-*+] (.*)$")
_QUOTES = {'"': '"', "\u201c": "\u201d"}
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


class FlashcardError(DataFileError):
    """A source of cards is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Card:
    id: str
    deck: str  # "glossary" or "interview"
    section: str  # the nav section of the page ("" for glossary terms)
    front: str
    back: tuple[str, ...]
    link: str  # site-relative URL of the source, with its anchor
    title: str  # the title of the page the card comes from
    source: str  # "file:line", for messages

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "deck": self.deck,
            "section": self.section,
            "front": self.front,
            "back": list(self.back),
            "link": self.link,
            "title": self.title,
        }


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: the form card ids are made of."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plain_text(markdown: str) -> str:
    """Inline Markdown as text: links become their text, emphasis marks go; `code` keeps its backticks."""
    parts = re.split(r"(`[^`]*`)", " ".join(markdown.split()))
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(part)
            continue
        part = _LINK.sub(r"\1", part)
        part = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), part)
        out.append(part)
    return "".join(out).strip()


def question_text(quoted: str) -> str:
    """A quoted question as a card's front: plain text, a capital first letter, no trailing comma."""
    text = plain_text(quoted).rstrip(",;").strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def page_url(path: str, anchor: str = "") -> str:
    """docs-relative "apis/rest.md" -> "apis/rest/" (directory URLs), with "#anchor" when given."""
    stem = path.removesuffix(".md")
    url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{url}#{anchor}" if anchor else url


def nav_sections(nav: object) -> dict[str, str]:
    """Page path -> the title of the top-level nav section it sits under."""
    sections: dict[str, str] = {}

    def pages(value: object) -> Iterable[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from pages(item)
        elif isinstance(value, dict):
            for child in value.values():
                yield from pages(child)

    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                for path in pages(value):
                    sections.setdefault(path, str(title))
    return sections


# ---------------------------------------------------------------- glossary


def glossary_cards(path: Path = GLOSSARY_FILE) -> list[Card]:
    """One card per term: front the term, back its definition. Errors name the file and line."""
    entries = load_glossary(path)
    raw = load_yaml(path)
    lines = {item["term"].strip(): item.line for item in raw if isinstance(item, LineDict) and "term" in item}
    cards: list[Card] = []
    seen: dict[str, str] = {}
    for entry in entries:
        line = lines.get(entry.term)
        card_slug = slug(entry.term)
        if not card_slug:
            raise FlashcardError(path, line, f"the term {entry.term!r} has no letters or digits to make a card id from")
        card_id = f"glossary/{card_slug}"
        if card_id in seen:
            raise FlashcardError(
                path, line, f"the terms {seen[card_id]!r} and {entry.term!r} make the same card id {card_id!r}"
            )
        seen[card_id] = entry.term
        cards.append(
            Card(
                id=card_id,
                deck="glossary",
                section="",
                front=entry.term,
                back=(plain_text(entry.definition),),
                link=page_url(GLOSSARY_PAGE, entry.anchor),
                title="Glossary",
                source=f"{path}:{line}",
            )
        )
    return cards


# ---------------------------------------------------------------- interview sections


@dataclass
class _Part:
    label: str  # "" for what comes before the first label
    line: int
    lines: list[tuple[int, str]]


def _part_kind(label: str) -> str:
    if _ASKED.match(label):
        return "asked"
    if _STRONG.match(label):
        return "strong"
    return "flags" if _FLAGS.match(label) else ""


def _interview_parts(path: Path, lines: list[str]) -> tuple[int, str, list[_Part]] | None:
    """(heading line, anchor, parts) of the page's interview section; None when it has none.

    The first part (label "") holds what comes before any label.
    """
    start = None
    anchor = INTERVIEW_ANCHOR
    in_fence = False
    for number, text in enumerate(lines, 1):
        if _FENCE.match(text):
            in_fence = not in_fence
        if in_fence:
            continue
        match = _HEADING.match(text)
        if match:
            if start is not None:
                raise FlashcardError(
                    path, number, f"a second 'In the interview' section (the first is at line {start})"
                )
            start = number
            anchor = match.group(1) or INTERVIEW_ANCHOR
    if start is None:
        return None
    parts = [_Part("", start, [])]
    in_fence = False
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if _FENCE.match(text):
            in_fence = not in_fence
        if not in_fence and (text.startswith("#") or re.match(r"^(\?\?\?|!!!)", text)):
            break  # the next heading or a top-level admonition (a "Try it" question) ends it
        label = None if in_fence else _LABEL.match(text)
        if label:
            parts.append(_Part(_part_kind(label.group("label")), number, []))
            rest = label.group("rest") or ""
            if rest.strip():
                parts[-1].lines.append((number, rest))
        else:
            parts[-1].lines.append((number, text))
    return start, anchor, parts


def _quoted(path: Path, lines: list[tuple[int, str]]) -> list[tuple[int, int, str, str]]:
    """Every quoted string in `lines` as (line, end offset in the joined text, question, text before it).

    Code spans are skipped, so a quote inside `code` is not a question.
    """
    found: list[tuple[int, int, str, str]] = []
    opened: tuple[int, str, int] | None = None  # (line, closing quote, where it opened)
    joined = ""
    for number, text in lines:
        for chunk in re.split(r"(`[^`]*`)", text.strip()):
            if chunk.startswith("`") and chunk.endswith("`") and len(chunk) > 1:
                joined += chunk
                continue
            for char in chunk:
                if opened is None and char in _QUOTES:
                    opened = (number, _QUOTES[char], len(joined))
                elif opened is not None and char == opened[1]:
                    question = question_text(joined[opened[2] + 1 :])
                    if not question:
                        raise FlashcardError(path, opened[0], "an empty quoted question")
                    found.append((opened[0], len(joined) + 1, question, joined[: opened[2]]))
                    opened = None
                joined += char
        joined += " "
    if opened:
        raise FlashcardError(path, opened[0], "a quoted question whose quote is never closed")
    return found


def _bullets(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The top-level bullet items of `lines`, each its lines (continuations included)."""
    items: list[list[tuple[int, str]]] = []
    for number, text in lines:
        bullet = _BULLET.match(text)
        if bullet and not bullet.group(1):
            items.append([(number, bullet.group(2))])
        elif items and text.strip() and text.startswith(" "):
            items[-1].append((number, text.strip()))
        elif items and text.strip():
            items.append([])  # a paragraph ends the list
    return [item for item in items if item]


def _points(part: _Part) -> list[str]:
    """The part's bullet points (continuation lines joined), or its paragraphs when it has no list."""
    bullets = _bullets(part.lines)
    if bullets:
        return [plain_text(" ".join(text for _, text in item)) for item in bullets]
    paragraphs: list[list[str]] = [[]]
    for _, text in part.lines:
        if text.strip():
            paragraphs[-1].append(text.strip())
        else:
            paragraphs.append([])
    return [plain_text(" ".join(p)) for p in paragraphs if p]


_LEAD = re.compile(r"^\s*(?:\*\*[^*\"\u201c]+:\*\*\s*)?(?:\*\*)?\s*$")


def _question_bullets(path: Path, part: _Part) -> list[tuple[int, str, tuple[str, ...]]]:
    """Bullets that open with a quoted question and go on to answer it: (line, question, answer)."""
    cards = []
    for item in _bullets(part.lines):
        quotes = _quoted(path, item)
        if not quotes or not _LEAD.match(quotes[0][3]):
            continue  # not a question bullet (a "Red flags:" item, a note)
        # Consecutive quotes at the head ("A?" "B?") are one card.
        head = [quotes[0]]
        joined = " ".join(text.strip() for _, text in item)
        for quote in quotes[1:]:
            between = joined[head[-1][1] : len(quote[3])]
            if between.strip(" ,*") or len(quote[3]) < head[-1][1]:
                break
            head.append(quote)
        answer = plain_text(joined[head[-1][1] :].lstrip("*").strip())
        if not answer:
            raise FlashcardError(path, item[0][0], f"the question {head[0][2]!r} has no answer after it")
        cards.append((head[0][0], " ".join(q[2] for q in head), (answer,)))
    return cards


def page_title(lines: list[str], fallback: str) -> str:
    for text in lines:
        if text.startswith("# "):
            return plain_text(text[2:].strip())
    return fallback


def interview_cards(path: Path, docs_path: str, section: str = "") -> list[Card]:
    """The cards of one page's interview section (none when it has no such section, or asks nothing).

    `path` is the file to read (named in errors), `docs_path` its path under
    docs/ (for the link and the id), `section` its nav section. Two shapes
    make cards: a **What gets asked** part (each quoted question a card, the
    strong-answer part its back), and bullets that open with a quoted question
    and answer it (`- "Why not mock the database?" The bugs are in...`).
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    found = _interview_parts(path, lines)
    if found is None:
        return []
    _, anchor, parts = found
    asked = [part for part in parts if part.label == "asked"]
    strong = [part for part in parts if part.label == "strong"]
    questions: list[tuple[int, str, tuple[str, ...]]] = []
    if asked:
        if not strong:
            raise FlashcardError(
                path, asked[0].line, "**What gets asked** has no **A strong SDE-II answer** part after it"
            )
        back = tuple(point for part in strong for point in _points(part))
        if not back:
            raise FlashcardError(path, strong[0].line, "**A strong SDE-II answer** has no points")
        for part in asked:
            quoted = _quoted(path, part.lines)
            if not quoted:
                raise FlashcardError(path, part.line, "**What gets asked** quotes no question (write each in quotes)")
            questions.extend((line, question, back) for line, _, question, _ in quoted)
    for part in parts:
        if part.label in ("", "strong") and not (asked and part.label == "strong"):
            questions.extend(_question_bullets(path, part))
    page = slug_path(docs_path)
    title = page_title(lines, docs_path)
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for line, question, back in questions:
        card_id = question_id(page, question)
        if card_id in seen:
            raise FlashcardError(path, line, f"the question {question!r} is already asked at line {seen[card_id]}")
        seen[card_id] = line
        cards.append(
            Card(
                id=card_id,
                deck="interview",
                section=section,
                front=question,
                back=back,
                link=page_url(docs_path, anchor),
                title=title,
                source=f"{path}:{line}",
            )
        )
    return cards


def slug_path(docs_path: str) -> str:
    """ "system-design/news-feed/index.md" -> "system-design/news-feed": each segment a slug."""
    stem = docs_path.removesuffix(".md").removesuffix("/index")
    return "/".join(slug(segment) for segment in stem.split("/") if slug(segment))


def question_id(page: str, question: str) -> str:
    """interview/<page>/<first words>-<hash>: the hash of the whole question keeps similar questions apart."""
    digest = hashlib.sha256(" ".join(question.split()).encode()).hexdigest()[:8]
    words = slug(question)[:QUESTION_WORDS_CHARS].strip("-")
    card_id = f"interview/{page}/{words}-{digest}" if words else f"interview/{page}/{digest}"
    return card_id[: MAX_ID_CHARS - 9].rstrip("-/") + "-" + digest if len(card_id) > MAX_ID_CHARS else card_id


# ---------------------------------------------------------------- the deck


def build_deck(
    docs_dir: Path, sections: Mapping[str, str], glossary: Path = GLOSSARY_FILE, root: Path = Path()
) -> list[Card]:
    """Every card: glossary terms (A-Z), then interview questions by page path, in page order."""
    cards = glossary_cards(glossary)
    for file in sorted(docs_dir.rglob("*.md")):
        docs_path = file.relative_to(docs_dir).as_posix()
        shown = file.relative_to(root) if file.is_relative_to(root) else file
        cards.extend(interview_cards(shown, docs_path, sections.get(docs_path, "")))
    seen: dict[str, str] = {}
    for card in cards:
        if card.id in seen:
            raise FlashcardError(
                card.source.rsplit(":", 1)[0], None, f"card id {card.id!r} is also made by {seen[card.id]}"
            )
        seen[card.id] = card.source
    return cards


def deck_json(cards: list[Card]) -> str:
    """The deck file the practice page fetches."""
    return json.dumps({"version": DECK_VERSION, "cards": [card.to_json() for card in cards]}, ensure_ascii=False)
