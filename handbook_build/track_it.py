"""The "Track it" list on each page: the skills whose data-file links point at it.

The skill data file already says which pages teach which skill, so pages do
not repeat that list by hand; a hook inserts it under their "## Track it".
The list names each skill's area, linked to that area's page in the skill
map, with the skills under it linked to their entries there.

Markdown pages get markdown (MkDocs then resolves the `.md` links). Notebook
pages are rendered to HTML by mkdocs-jupyter, which never reads the markdown
a hook returns, so they get the same list as HTML, with the URLs MkDocs serves.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from html import escape

from handbook_build.skill_pages import LEVEL_LABELS, OVERVIEW_PAGE, area_page_path, relative_url
from handbook_build.skills import Area, Skill, SkillCatalog, is_notebook

TRACK_IT_HEADING = re.compile(r"^## Track it\b.*$", re.MULTILINE)
# The heading as mkdocs-jupyter renders a notebook's "## Track it" cell.
TRACK_IT_HTML_HEADING = re.compile(r'<h2\b[^>]*\bid="track-it"[^>]*>.*?</h2>', re.DOTALL)
INTRO = "On the skill map, this page teaches:"


def skills_by_page(catalog: SkillCatalog) -> dict[str, list[tuple[Area, Skill]]]:
    """Docs page path -> the skills that link to it, in data-file order, each once."""
    pages: dict[str, list[tuple[Area, Skill]]] = {}
    for area in catalog.areas:
        for skill in area.skills:
            for page in dict.fromkeys(link.path for link in skill.links if link.kind == "page"):
                pages.setdefault(page, []).append((area, skill))
    return pages


def by_area(entries: list[tuple[Area, Skill]]) -> list[tuple[Area, list[Skill]]]:
    """`entries` grouped by area, areas and skills in the order they first appear."""
    groups: dict[str, tuple[Area, list[Skill]]] = {}
    for area, skill in entries:
        groups.setdefault(area.id, (area, []))[1].append(skill)
    return list(groups.values())


def _markdown_text(text: str) -> str:
    """`text` as plain text inside a markdown link."""
    return re.sub(r"([\\\[\]*_`])", r"\\\1", text)


def track_it_markdown(page: str, entries: list[tuple[Area, Skill]]) -> str:
    """A markdown list of `entries` under their areas, with links relative to `page`."""
    here = posixpath.dirname(page) or "."
    overview = posixpath.relpath(OVERVIEW_PAGE, here)
    lines = [INTRO.replace("skill map", f"[skill map]({overview})"), ""]
    for area, skills in by_area(entries):
        area_target = posixpath.relpath(area_page_path(area), here)
        lines.append(f"- [{_markdown_text(area.title)}]({area_target}):")
        for skill in skills:
            target = f"{area_target}#skill-{skill.id}"
            lines.append(f"    - [{_markdown_text(skill.title)}]({target}) ({LEVEL_LABELS[skill.level]})")
    return "\n".join(lines)


def track_it_html(page: str, entries: list[tuple[Area, Skill]], *, directory_urls: bool = True) -> str:
    """The same list as `track_it_markdown`, as HTML with URLs relative to where `page` is served."""
    overview = relative_url(page, OVERVIEW_PAGE, directory_urls=directory_urls)
    intro = escape(INTRO).replace("skill map", f'<a href="{escape(overview)}">skill map</a>')
    parts = [f"<p>{intro}</p>", "<ul>"]
    for area, skills in by_area(entries):
        area_url = relative_url(page, area_page_path(area), directory_urls=directory_urls)
        parts.append(f'<li><a href="{escape(area_url)}">{escape(area.title)}</a>:')
        parts.append("<ul>")
        for skill in skills:
            url = relative_url(page, area_page_path(area), f"skill-{skill.id}", directory_urls=directory_urls)
            label = escape(LEVEL_LABELS[skill.level])
            parts.append(f'<li><a href="{escape(url)}">{escape(skill.title)}</a> ({label})</li>')
        parts.append("</ul></li>")
    parts.append("</ul>")
    return "\n".join(parts)


def insert_track_it(markdown: str, page: str, by_page: Mapping[str, list[tuple[Area, Skill]]]) -> str:
    """`markdown` with the skill list placed right under its "## Track it" heading.

    Notebook pages are left alone: their list goes into the HTML (`insert_track_it_html`).
    """
    entries = by_page.get(page)
    heading = TRACK_IT_HEADING.search(markdown)
    if not entries or heading is None or is_notebook(page):
        return markdown
    block = track_it_markdown(page, entries)
    return f"{markdown[: heading.end()]}\n\n{block}\n{markdown[heading.end() :]}"


def insert_track_it_html(
    html: str, page: str, by_page: Mapping[str, list[tuple[Area, Skill]]], *, directory_urls: bool = True
) -> str:
    """A notebook page's rendered `html` with the skill list right after its "Track it" heading.

    Markdown pages are left alone: their list went into the markdown (`insert_track_it`).
    """
    entries = by_page.get(page)
    heading = TRACK_IT_HTML_HEADING.search(html)
    if not entries or heading is None or not is_notebook(page):
        return html
    block = track_it_html(page, entries, directory_urls=directory_urls)
    return f"{html[: heading.end()]}\n{block}\n{html[heading.end() :]}"
