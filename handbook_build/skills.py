"""The skill checklist: load data/skills.yml, validate it, and return a typed model.

Every error is a DataFileError that names the file, the line and, when there is
one, the skill id, so a broken data file fails the build with a message you can
act on. Links are checked against the real pages: a link to a page or heading
that does not exist is an error here, not a 404 on the site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import jupytext
import markdown

from handbook_build.yaml_source import DataFileError, LineDict, load_yaml

SKILLS_FILE = Path("data/skills.yml")
# mkdocs-jupyter renders every file under docs/ with these suffixes as a page
# (mkdocs.yml: `include: ["*.py", "*.ipynb"]`).
NOTEBOOK_SUFFIXES = (".py", ".ipynb")
PAGE_SUFFIXES = (".md", *NOTEBOOK_SUFFIXES)
DATA_VERSION = 1
LEVELS = ("junior", "mid", "sde2", "senior")

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = {"version": True, "areas": True, "migrations": False}
_AREA_KEYS = {"id": True, "title": True, "description": True, "skills": True}
_SKILL_KEYS = {"id": True, "title": True, "description": True, "level": True, "links": False}

# The heading ids a page gets depend on these extensions (toc ids, `{ #id }`
# attributes, headings inside tabs and admonitions); snippets are left out on
# purpose, since included code never adds headings.
_MARKDOWN_EXTENSIONS = [
    "toc",
    "attr_list",
    "md_in_html",
    "admonition",
    "def_list",
    "tables",
    "footnotes",
    "abbr",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
_MARKDOWN_CONFIG = {"pymdownx.tabbed": {"alternate_style": True}}


@dataclass(frozen=True)
class SkillLink:
    """Where to learn a skill: a handbook page (maybe a heading on it) or an example file."""

    target: str  # as written in the data file
    kind: Literal["page", "example"]
    path: str  # docs-relative page path, or repository-relative example path
    anchor: str | None
    text: str  # link text, taken from the page (nav title, heading) or the file name


@dataclass(frozen=True)
class Skill:
    id: str
    title: str
    description: str
    level: str
    links: tuple[SkillLink, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    description: str
    skills: tuple[Skill, ...]
    line: int = 0


@dataclass(frozen=True)
class SkillCatalog:
    version: int
    areas: tuple[Area, ...]
    migrations: Mapping[str, str] = field(default_factory=dict)

    def skills(self) -> Iterator[Skill]:
        for area in self.areas:
            yield from area.skills


@dataclass(frozen=True)
class PageInfo:
    title: str
    anchors: Mapping[str, str]  # heading id -> heading text


class DocsIndex:
    """What the pages under docs/ define: titles and heading ids, computed as MkDocs does.

    A notebook's heading ids come from its markdown cells, slugified the way
    mkdocs-jupyter's table of contents does (a repeated heading is not
    supported there: its HTML ids are not made unique).
    """

    def __init__(self, docs_dir: Path, nav_titles: Mapping[str, str] | None = None) -> None:
        self.docs_dir = docs_dir
        self.nav_titles = dict(nav_titles or {})

    def page(self, path: str) -> PageInfo | None:
        source = self.docs_dir / path
        if not source.is_file():
            return None
        return _page_info(source, source.stat().st_mtime_ns, self.nav_titles.get(path))


def is_notebook(path: str) -> bool:
    """Whether a docs path is a notebook page rather than a markdown page."""
    return path.endswith(NOTEBOOK_SUFFIXES)


def page_markdown(source: Path) -> str:
    """The markdown a docs page is built from: the file itself, or a notebook's markdown cells.

    Code cells never add headings, so they are left out, as snippets are.
    """
    if not is_notebook(source.name):
        return source.read_text(encoding="utf-8")
    notebook = jupytext.read(source)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


_FENCE = re.compile(r"^(`{3,}|~{3,})")
# Python-Markdown needs no space after the hashes: a wrapped line that starts
# with "#4320" is a heading too, so it counts here as well.
_ATX_HEADING = re.compile(r"^#{1,6}")


def heading_lines(text: str) -> str:
    """Only the ATX heading lines of a page, outside fenced code, dedented, in order.

    Heading ids depend on nothing else (their text, attr_list ids, and which
    came first), and converting the whole page cost ~1 s a build. Comment lines
    in fenced code (`# ...`) are not headings, so fences are skipped, at any
    indent (inside admonitions and tabs). tests/handbook_build/test_skills.py
    checks every page gives the same ids as the full conversion.
    """
    kept: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        stripped = line.lstrip()
        opening = _FENCE.match(stripped)
        if fence is not None:
            # Closed by the same character, at least as many, and nothing after.
            marker = opening.group(1) if opening else ""
            if marker[:1] == fence[0] and len(marker) >= len(fence) and not stripped[len(marker) :].strip():
                fence = None
        elif opening:
            fence = opening.group(1)
        elif _ATX_HEADING.match(stripped):
            kept.append(stripped)
    return "\n\n".join(kept)


@cache
def _page_info(source: Path, _mtime: int, nav_title: str | None) -> PageInfo:
    return page_info_from(heading_lines(page_markdown(source)), nav_title, source.stem)


def page_info_from(text: str, nav_title: str | None, stem: str) -> PageInfo:
    """Title and heading ids of Markdown `text`, as MkDocs computes them."""
    converter = markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS, extension_configs=_MARKDOWN_CONFIG)
    converter.convert(text)
    anchors: dict[str, str] = {}
    h1 = None
    for token in _flatten(converter.toc_tokens):  # type: ignore[attr-defined]
        text = html.unescape(token["name"])
        anchors[token["id"]] = text
        if token["level"] == 1 and h1 is None:
            h1 = text
    return PageInfo(title=nav_title or h1 or stem, anchors=anchors)


def _flatten(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _flatten(token["children"])


def nav_titles(nav: Any) -> dict[str, str]:
    """Page path -> title from an MkDocs `nav` (only the entries that give a title)."""
    titles: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        titles[value] = title
                    else:
                        walk(value)

    walk(nav)
    return titles


def load_skills(
    path: Path = SKILLS_FILE,
    *,
    docs_dir: Path = Path("docs"),
    repo_root: Path = Path(),
    page_titles: Mapping[str, str] | None = None,
) -> SkillCatalog:
    """Parse and validate the skills file; raise DataFileError naming file, line and skill id."""
    return _Parser(path, DocsIndex(docs_dir, page_titles), repo_root).parse()


class _Parser:
    def __init__(self, path: Path, docs: DocsIndex, repo_root: Path) -> None:
        self.path = path
        self.docs = docs
        self.repo_root = repo_root
        self.lines: list[str] = []

    def error(self, line: int | None, message: str, skill_id: str | None = None) -> DataFileError:
        prefix = f"skill {skill_id!r}: " if skill_id else ""
        return DataFileError(self.path, line, prefix + message)

    def parse(self) -> SkillCatalog:
        data = load_yaml(self.path)
        self.lines = self.path.read_text(encoding="utf-8").splitlines()
        if not isinstance(data, LineDict):
            raise self.error(1, "expected a mapping with `version`, `areas` and optionally `migrations`")
        self.check_keys(data, _TOP_KEYS, "the file")
        version = data["version"]
        if version != DATA_VERSION or isinstance(version, bool):
            raise self.error(self.key_line("version", data.line), f"`version` must be {DATA_VERSION}, got {version!r}")
        if not isinstance(data["areas"], list) or not data["areas"]:
            raise self.error(self.key_line("areas", data.line), "`areas` must be a non-empty list")

        areas: list[Area] = []
        area_lines: dict[str, int] = {}
        skill_lines: dict[str, int] = {}
        for raw in data["areas"]:
            area = self.parse_area(raw, data.line, skill_lines)
            if area.id in area_lines:
                raise self.error(area.line, f"duplicate area id {area.id!r} (first at line {area_lines[area.id]})")
            area_lines[area.id] = area.line
            areas.append(area)

        migrations = self.parse_migrations(data.get("migrations"), set(skill_lines))
        return SkillCatalog(version=version, areas=tuple(areas), migrations=migrations)

    def check_keys(self, raw: LineDict, keys: Mapping[str, bool], what: str, skill_id: str | None = None) -> None:
        unknown = sorted(set(raw) - set(keys), key=str)
        if unknown:
            raise self.error(raw.line, f"unknown key(s) {unknown} in {what}; allowed: {sorted(keys)}", skill_id)
        missing = [key for key, required in keys.items() if required and key not in raw]
        if missing:
            raise self.error(raw.line, f"missing key(s) {missing} in {what}", skill_id)

    def text(self, raw: LineDict, key: str, what: str, skill_id: str | None = None) -> str:
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(raw.line, f"`{key}` of {what} must be a non-empty string, got {value!r}", skill_id)
        return " ".join(value.split())

    def ident(self, raw: LineDict, what: str) -> str:
        value = raw["id"]
        if not isinstance(value, str) or not _KEBAB.match(value):
            raise self.error(raw.line, f"{what} id {value!r} must be kebab-case (lowercase letters, digits, hyphens)")
        return value

    def parse_area(self, raw: object, parent_line: int, skill_lines: dict[str, int]) -> Area:
        if not isinstance(raw, LineDict):
            raise self.error(parent_line, f"each area must be a mapping, got {raw!r}")
        area_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        what = f"area {area_id!r}" if area_id else "an area"
        self.check_keys(raw, _AREA_KEYS, what)
        area_id = self.ident(raw, "area")
        what = f"area {area_id!r}"
        title = self.text(raw, "title", what)
        description = self.text(raw, "description", what)
        if not isinstance(raw["skills"], list) or not raw["skills"]:
            raise self.error(raw.line, f"`skills` of {what} must be a non-empty list")
        skills = []
        for raw_skill in raw["skills"]:
            skill = self.parse_skill(raw_skill, raw.line)
            if skill.id in skill_lines:
                raise self.error(skill.line, f"duplicate skill id (first at line {skill_lines[skill.id]})", skill.id)
            skill_lines[skill.id] = skill.line
            skills.append(skill)
        return Area(id=area_id, title=title, description=description, skills=tuple(skills), line=raw.line)

    def parse_skill(self, raw: object, area_line: int) -> Skill:
        if not isinstance(raw, LineDict):
            raise self.error(area_line, f"each skill must be a mapping, got {raw!r}")
        raw_id = raw.get("id")
        self.check_keys(raw, _SKILL_KEYS, "a skill", raw_id if isinstance(raw_id, str) else None)
        skill_id = self.ident(raw, "skill")
        title = self.text(raw, "title", "the skill", skill_id)
        description = self.text(raw, "description", "the skill", skill_id)
        level = raw["level"]
        if level not in LEVELS:
            raise self.error(raw.line, f"unknown level {level!r}; use one of {', '.join(LEVELS)}", skill_id)
        links = raw.get("links", [])
        if not isinstance(links, list):
            raise self.error(raw.line, f"`links` must be a list of paths, got {links!r}", skill_id)
        parsed = tuple(self.parse_link(link, raw.line, skill_id) for link in links)
        return Skill(skill_id, title, description, level, parsed, raw.line)

    def parse_link(self, target: object, skill_line: int, skill_id: str) -> SkillLink:
        if not isinstance(target, str) or not target.strip():
            raise self.error(skill_line, f"each link must be a non-empty string, got {target!r}", skill_id)
        line = self.line_of(target, skill_line)
        page, _, anchor = target.partition("#")
        parts = PurePosixPath(page).parts
        if page.startswith("/") or ".." in parts or "://" in target or "\\" in target:
            raise self.error(line, f"link {target!r} must be a relative path inside docs/ or examples/", skill_id)
        if parts and parts[0] == "examples":
            if anchor:
                raise self.error(line, f"link {target!r}: example files take no #anchor", skill_id)
            if not (self.repo_root / page).is_file():
                raise self.error(line, f"link {target!r}: no such file", skill_id)
            return SkillLink(target, "example", page, None, PurePosixPath(page).name)
        if not page.endswith(PAGE_SUFFIXES):
            raise self.error(
                line, f"link {target!r} must be a docs page (.md or a notebook) or a file under examples/", skill_id
            )
        info = self.docs.page(page)
        if info is None:
            raise self.error(line, f"link {target!r}: no page docs/{page}", skill_id)
        if not anchor:
            return SkillLink(target, "page", page, None, info.title)
        if anchor not in info.anchors:
            known = ", ".join(sorted(info.anchors)) or "none"
            raise self.error(line, f"link {target!r}: docs/{page} has no heading #{anchor} (it has: {known})", skill_id)
        return SkillLink(target, "page", page, anchor, f"{info.title} — {info.anchors[anchor]}")

    def parse_migrations(self, raw: object, current: set[str]) -> dict[str, str]:
        if raw is None:
            return {}
        if not isinstance(raw, LineDict):
            raise self.error(self.key_line("migrations", 1), f"`migrations` must map old id -> current id, got {raw!r}")
        for old, new in raw.items():
            line = self.line_of(f"{old}:", raw.line)
            if not isinstance(old, str) or not isinstance(new, str) or not _KEBAB.match(old) or not _KEBAB.match(new):
                raise self.error(line, f"migration {old!r} -> {new!r}: both ids must be kebab-case strings", old)
            if old == new:
                raise self.error(line, f"migration {old!r} maps to itself", old)
            if old in current:
                raise self.error(line, f"migration source {old!r} is still a current skill id; drop the migration", old)
            if new in raw:
                raise self.error(line, f"migration {old!r} -> {new!r} chains to {raw[new]!r}; point it at the end", old)
            if new not in current:
                raise self.error(line, f"migration {old!r} -> {new!r}: {new!r} is not a current skill id", old)
        return dict(raw)

    def key_line(self, key: str, default: int) -> int:
        """The line of a top-level `key:`."""
        for number, text in enumerate(self.lines, start=1):
            if text.startswith(f"{key}:"):
                return number
        return default

    def line_of(self, needle: str, start: int) -> int:
        """The first line at or after `start` containing `needle` (scalars carry no line of their own)."""
        for number in range(max(start, 1), len(self.lines) + 1):
            if needle in self.lines[number - 1]:
                return number
        return start
