"""The "Track it" list on each page: the skills whose data-file links point at it.

The skill data file already says which pages teach which skill, so pages do
not repeat that list by hand; a hook inserts it under their "## Track it".
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from handbook_build.skill_pages import LEVEL_LABELS, area_page_path
from handbook_build.skills import Area, Skill, SkillCatalog

TRACK_IT_HEADING = re.compile(r"^## Track it\b.*$", re.MULTILINE)


def skills_by_page(catalog: SkillCatalog) -> dict[str, list[tuple[Area, Skill]]]:
    """Docs page path -> the skills that link to it, in data-file order, each once."""
    pages: dict[str, list[tuple[Area, Skill]]] = {}
    for area in catalog.areas:
        for skill in area.skills:
            for page in dict.fromkeys(link.path for link in skill.links if link.kind == "page"):
                pages.setdefault(page, []).append((area, skill))
    return pages


def track_it_markdown(page: str, entries: list[tuple[Area, Skill]]) -> str:
    """A markdown list of `entries`, with links relative to `page`."""
    here = posixpath.dirname(page)
    overview = posixpath.relpath("skills/index.md", here or ".")
    lines = [f"On the [skill map]({overview}), this page teaches:", ""]
    for area, skill in entries:
        target = posixpath.relpath(area_page_path(area), here or ".")
        title = re.sub(r"([\\\[\]*_`])", r"\\\1", skill.title)  # plain text inside the link
        lines.append(f"- [{title}]({target}#skill-{skill.id}) ({LEVEL_LABELS[skill.level]})")
    return "\n".join(lines)


def insert_track_it(markdown: str, page: str, by_page: Mapping[str, list[tuple[Area, Skill]]]) -> str:
    """`markdown` with the skill list placed right under its "## Track it" heading."""
    entries = by_page.get(page)
    heading = TRACK_IT_HEADING.search(markdown)
    if not entries or heading is None:
        return markdown
    block = track_it_markdown(page, entries)
    return f"{markdown[: heading.end()]}\n\n{block}\n{markdown[heading.end() :]}"
