"""The glossary: one data file feeds the Glossary page and the tooltips on every page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook_build.yaml_source import DataFileError, LineDict, load_yaml

GLOSSARY_FILE = Path("data/glossary.yml")
_ALLOWED_KEYS = {"term", "definition", "aliases"}


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.term.lower()).strip("-")


def load_glossary(path: Path = GLOSSARY_FILE) -> list[GlossaryEntry]:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(path, 1, "expected a list of entries, each with `term` and `definition`")
    entries: list[GlossaryEntry] = []
    first_line_of: dict[str, int] = {}
    for raw in data:
        entry = _parse_entry(path, raw)
        for name in (entry.term, *entry.aliases):
            key = name.lower()
            if key in first_line_of:
                raise DataFileError(path, raw.line, f"{name!r} is already defined at line {first_line_of[key]}")
            first_line_of[key] = raw.line
        entries.append(entry)
    return sorted(entries, key=lambda e: e.term.lower())


def _parse_entry(path: Path, raw: object) -> GlossaryEntry:
    if not isinstance(raw, LineDict):
        raise DataFileError(path, None, f"each entry must be a mapping, got {raw!r}")
    unknown = set(raw) - _ALLOWED_KEYS
    if unknown:
        raise DataFileError(path, raw.line, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_ALLOWED_KEYS)}")
    for key in ("term", "definition"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataFileError(path, raw.line, f"entry needs a non-empty `{key}`")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise DataFileError(path, raw.line, f"`aliases` of {raw['term']!r} must be a list of strings")
    definition = " ".join(raw["definition"].split())
    return GlossaryEntry(term=raw["term"].strip(), definition=definition, aliases=tuple(aliases))


def abbreviations(entries: list[GlossaryEntry]) -> dict[str, str]:
    """Every term and alias -> its definition, for the `abbr` extension's `glossary` option.

    docs/assets/javascripts/glossary-tooltips.js shows each `<abbr>` as a tooltip.
    """
    return {name: entry.definition for entry in entries for name in (entry.term, *entry.aliases)}


# A definition is a sentence; the page that teaches a term should rank above it
# (tests/browser/search_queries.yml holds the queries that check this).
GLOSSARY_SEARCH_BOOST = 0.2


def glossary_page(entries: list[GlossaryEntry]) -> str:
    parts = [
        f"---\nsearch:\n  boost: {GLOSSARY_SEARCH_BOOST}\n---\n",
        "# Glossary\n",
        "Terms of art used across the handbook, defined once. Hover over or tap a dotted term on any page "
        "to see its definition here in a tooltip.\n",
    ]
    for entry in entries:
        parts.append(f"## {entry.term} {{ #{entry.anchor} }}\n")
        parts.append(entry.definition + "\n")
        if entry.aliases:
            parts.append("Also written: " + ", ".join(entry.aliases) + ".\n")
    return "\n".join(parts)
