"""Render the skill map pages (markdown with raw HTML blocks) from a SkillCatalog.

Plain functions, no MkDocs: gen_pages/skill_pages.py only writes what these return.
The HTML follows the tracker contract that docs/assets/javascripts/tracker.js reads:
class names, data attributes and the JSON catalog must not drift.
Every text that comes from the data file is HTML-escaped here.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from html import escape

from handbook_build.skills import LEVELS, PAGE_SUFFIXES, Area, Skill, SkillCatalog, SkillLink

OVERVIEW_PAGE = "skills/index.md"
LEVEL_LABELS = {"junior": "Junior", "mid": "Mid", "sde2": "SDE-II", "senior": "Senior"}

# The seed's skill map grouped the role into a few branches; the diagram keeps
# that shape. An area missing here still appears, in a group of its own.
MAP_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Write the code", ("language-runtime", "coding-dsa", "design-patterns")),
    ("Backend fundamentals", ("http-apis", "auth", "data-storage", "fundamentals")),
    ("Run it at scale", ("distributed-infra", "reliability-observability")),
    ("Lead and collaborate", ("behavioral-leadership",)),
)


@dataclass(frozen=True)
class Round:
    """One interview round: the skill areas and the docs sections (top folders of docs/) that prepare it."""

    id: str
    title: str
    areas: tuple[str, ...]
    sections: tuple[str, ...]


# The one place that maps the handbook to interview rounds, for the readiness
# table on the skill map (tracker.js). A docs section also names the interview
# flashcards of its pages ("interview/<section>/..."), and a quiz counts for the
# round of the section its page is in (hooks/quizzes.py fills QUIZ_SECTIONS_SLOT).
# tests/handbook_build/test_readiness.py checks that every area of data/skills.yml
# and every docs section with a quiz or an interview card is in exactly one round.
ROUNDS: tuple[Round, ...] = (
    Round("coding", "Coding", ("coding-dsa", "language-runtime"), ("coding", "language")),
    Round("machine-coding", "Machine coding", ("design-patterns",), ("machine-coding",)),
    Round(
        "system-design",
        "System design",
        ("distributed-infra", "data-storage", "reliability-observability"),
        ("system-design", "data", "reliability", "observability"),
    ),
    Round("fundamentals", "Fundamentals", ("fundamentals", "http-apis", "auth"), ("fundamentals", "apis", "security")),
    Round("behavioral", "Behavioral", ("behavioral-leadership",), ("craft", "role")),
)
# Replaced in the built overview page by {quiz id: docs section} (hooks/quizzes.py).
QUIZ_SECTIONS_SLOT = 'data-quiz-sections="{}"'


def rounds_json(catalog: SkillCatalog) -> str:
    """The rounds as tracker.js reads them; areas the catalog lacks are left out."""
    known = {area.id for area in catalog.areas}
    rounds = [
        {
            "id": r.id,
            "title": r.title,
            "areas": [area for area in r.areas if area in known],
            "sections": list(r.sections),
        }
        for r in ROUNDS
    ]
    return json.dumps(rounds, separators=(",", ":"))


def readiness_element(catalog: SkillCatalog) -> str:
    """The readiness block of the overview: tracker.js fills in the table."""
    return (
        f'<div class="tracker-readiness" data-rounds="{escape(rounds_json(catalog))}" {QUIZ_SECTIONS_SLOT}>'
        '<p class="tracker-nojs">Readiness per round needs JavaScript: it counts what this browser stored.</p>'
        "</div>"
    )


def skill_count(number: int) -> str:
    return f"{number} skill" if number == 1 else f"{number} skills"


def area_page_path(area: Area) -> str:
    return f"skills/{area.id}.md"


def page_url(docs_path: str, *, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs serves a docs page at: 'apis/rest.md' -> 'apis/rest/'.

    A notebook page is served like a markdown page of the same stem.
    """
    stem = next((docs_path.removesuffix(s) for s in PAGE_SUFFIXES if docs_path.endswith(s)), docs_path)
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_page: str, to_page: str, anchor: str | None = None, *, directory_urls: bool = True) -> str:
    """A link from one docs page to another, as a URL relative to where the first is served."""
    here = page_url(from_page, directory_urls=directory_urls)
    there = page_url(to_page, directory_urls=directory_urls)
    here_dir = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    if there.endswith("/") or there == "":
        relative = posixpath.relpath(there.rstrip("/") or ".", here_dir or ".")
        url = "./" if relative == "." else relative + "/"
    else:
        url = posixpath.relpath(there, here_dir or ".")
    return url + (f"#{anchor}" if anchor else "")


def repository_url(repo_url: str, path: str) -> str:
    return f"{repo_url.rstrip('/')}/blob/main/{path}"


def catalog_json(catalog: SkillCatalog, page: str, *, directory_urls: bool = True) -> str:
    """The catalog every tracker page embeds, as compact JSON."""
    data = {
        "version": catalog.version,
        "levels": list(LEVELS),
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "url": relative_url(page, area_page_path(area), directory_urls=directory_urls),
                "skills": [skill.id for skill in area.skills],
            }
            for area in catalog.areas
        ],
        "migrations": dict(catalog.migrations),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def catalog_element(catalog: SkillCatalog, page: str, *, directory_urls: bool = True) -> str:
    """A hidden element carrying the catalog in an attribute.

    Not a <script type="application/json">: Material's instant navigation
    re-creates every script in the new page without its `type`, and would run
    the JSON as JavaScript.
    """
    body = escape(catalog_json(catalog, page, directory_urls=directory_urls), quote=True)
    return f'<div id="skill-catalog" hidden data-catalog="{body}"></div>'


def link_html(link: SkillLink, page: str, repo_url: str | None, *, directory_urls: bool = True) -> str:
    if link.kind == "example":
        if not repo_url:
            return f"<code>{escape(link.path)}</code>"
        return f'<a href="{escape(repository_url(repo_url, link.path))}">{escape(link.text)}</a>'
    href = relative_url(page, link.path, link.anchor, directory_urls=directory_urls)
    return f'<a href="{escape(href)}">{escape(link.text)}</a>'


def level_badge(level: str) -> str:
    return f'<span class="tracker-level tracker-level--{escape(level)}">{escape(LEVEL_LABELS[level])}</span>'


def skill_item(skill: Skill, page: str, repo_url: str | None, *, directory_urls: bool = True) -> str:
    sid = escape(skill.id)
    lines = [
        f'<li class="tracker-skill" id="skill-{sid}" data-skill-id="{sid}" data-level="{escape(skill.level)}">',
        f'<p class="tracker-skill__title"><strong>{escape(skill.title)}</strong> {level_badge(skill.level)}</p>',
        f'<p class="tracker-skill__description">{escape(skill.description)}</p>',
    ]
    if skill.links:
        links = ", ".join(link_html(link, page, repo_url, directory_urls=directory_urls) for link in skill.links)
        lines.append(f'<p class="tracker-skill__links">Learn it: {links}</p>')
    lines.append('<div class="tracker-skill__controls"></div>')
    lines.append("</li>")
    return "\n".join(lines)


_NOJS_NOTE = (
    '<p class="tracker-nojs">Progress tracking needs JavaScript. '
    "Without it, this page is a plain checklist you can read and print.</p>"
)


def area_page(catalog: SkillCatalog, area: Area, repo_url: str | None, *, directory_urls: bool = True) -> str:
    page = area_page_path(area)
    counts = {level: sum(1 for s in area.skills if s.level == level) for level in LEVELS}
    by_level = ", ".join(f"{counts[level]} {LEVEL_LABELS[level]}" for level in LEVELS if counts[level])
    overview = relative_url(page, OVERVIEW_PAGE, directory_urls=directory_urls)
    items = "\n".join(skill_item(skill, page, repo_url, directory_urls=directory_urls) for skill in area.skills)
    return "\n".join(
        [
            f"# {escape(area.title)}",
            "",
            f"{escape(area.description)}",
            "",
            f"{skill_count(len(area.skills))} ({by_level}). Each shows the level by which you are expected to have it "
            "and the pages that teach it. Set a status and keep a private note per skill; your progress stays "
            f'in this browser. The <a href="{escape(overview)}">skill map</a> shows every area at once.',
            "",
            f'<div class="tracker" data-tracker-page="area" data-area-id="{escape(area.id)}">',
            _NOJS_NOTE,
            '<div class="tracker-toolbar"></div>',
            f'<div class="tracker-progress" data-progress-area="{escape(area.id)}"></div>',
            '<ul class="tracker-skills">',
            items,
            "</ul>",
            "</div>",
            "",
            catalog_element(catalog, page, directory_urls=directory_urls),
            "",
        ]
    )


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted mermaid label (mermaid's own entity codes)."""
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text


def skill_map_diagram(catalog: SkillCatalog) -> str:
    """A mermaid flowchart: the role on the left, its areas grouped in the seed map's branches."""
    areas = {area.id: area for area in catalog.areas}
    grouped = [(title, [areas[i] for i in ids if i in areas]) for title, ids in MAP_GROUPS]
    placed = {area.id for _, members in grouped for area in members}
    grouped += [(area.title, [area]) for area in catalog.areas if area.id not in placed]
    lines = ["flowchart LR", '    role(["SDE-II backend engineer"])']
    for number, (title, members) in enumerate(grouped, start=1):
        if not members:
            continue
        lines.append(f'    subgraph group{number}["{_mermaid_text(title)}"]')
        for area in members:
            label = f"{area.title} ({skill_count(len(area.skills))})"
            lines.append(f'        {_node(area)}["{_mermaid_text(label)}"]')
        lines.append("    end")
        lines.append(f"    role --> group{number}")
    return "\n".join(lines)


def _node(area: Area) -> str:
    return "area_" + area.id.replace("-", "_")


def overview_page(catalog: SkillCatalog, repo_url: str | None, *, directory_urls: bool = True) -> str:
    page = OVERVIEW_PAGE
    total = sum(len(area.skills) for area in catalog.areas)
    area_items = []
    for area in catalog.areas:
        href = relative_url(page, area_page_path(area), directory_urls=directory_urls)
        area_items.append(
            f'<li data-area-id="{escape(area.id)}"><a href="{escape(href)}">{escape(area.title)}</a> '
            f"({skill_count(len(area.skills))})\n"
            f'<div class="tracker-progress" data-progress-area="{escape(area.id)}"></div></li>'
        )
    data_link = (
        f"[`data/skills.yml`]({repository_url(repo_url, 'data/skills.yml')})" if repo_url else "`data/skills.yml`"
    )
    levels = "\n".join(f"- **{LEVEL_LABELS[level]}**: {_LEVEL_MEANING[level]}" for level in LEVELS)
    return "\n".join(
        [
            "# Skill map and progress tracker",
            "",
            f"Every skill an SDE-II backend engineer is expected to have: {total} skills in "
            f"{len(catalog.areas)} areas. Open an area, mark each skill as learning, done or skipped, and keep "
            "a private note on it. The bars below show how far you are, per area and overall; done and "
            "skipped both count as covered.",
            "",
            "## Your progress stays in this browser",
            "",
            "- **Stored locally.** Your statuses and notes live in this browser's `localStorage`. "
            "There is no account, and the tracker sends nothing to any server.",
            "- **Export and import.** Save your progress as a JSON file, and load it in another browser. "
            "The file also carries your [flashcard](../practice/flashcards.md) reviews and quiz results. "
            "A file that is not a valid export is refused, and your current progress stays as it was.",
            "- **Share a snapshot.** A share link carries your progress inside the URL fragment (the part "
            "after `#`), which browsers never send to a server. Whoever opens it sees a read-only copy.",
            "- **Reset and undo.** Reset asks for confirmation first, and offers an undo afterwards. "
            "It clears statuses and notes; flashcard reviews stay.",
            "- **Lists change; progress follows.** When a skill is renamed or merged, your progress moves "
            "to its new name.",
            "",
            "Clearing your browser's site data deletes your progress, so export it now and then.",
            "",
            "## The map",
            "",
            "The role splits into a few branches, as in the diagram below. Each box is an area with its own "
            "checklist page, listed under the diagram with your progress in it.",
            "",
            "```mermaid",
            skill_map_diagram(catalog),
            "```",
            "",
            "## Progress by area",
            "",
            '<div class="tracker" data-tracker-page="overview">',
            _NOJS_NOTE,
            '<div class="tracker-toolbar"></div>',
            '<div class="tracker-progress" data-progress-area="all"></div>',
            '<h3 id="readiness-by-round">Readiness by interview round</h3>',
            "<p>Per round: skills done in its areas, quiz questions whose last answer was right on its pages, "
            "and interview flashcards of its pages due for review today.</p>",
            readiness_element(catalog),
            '<ul class="tracker-areas">',
            "\n".join(area_items),
            "</ul>",
            "</div>",
            "",
            "## What the levels mean",
            "",
            "Each skill carries the level by which you are expected to have it. An SDE-II has every Junior, "
            "Mid and SDE-II skill; Senior skills are where you grow next.",
            "",
            levels,
            "",
            "## Where the list comes from",
            "",
            f"One data file, {data_link}, holds every area and skill, and these pages are generated from it "
            "when the site builds. A skill's links point to the handbook pages and examples that teach it; "
            "a skill without links has no page yet. To suggest a change, edit the data file.",
            "",
            catalog_element(catalog, page, directory_urls=directory_urls),
            "",
        ]
    )


_LEVEL_MEANING = {
    "junior": "expected from your first backend job; the basics you build on.",
    "mid": "expected after a few years; you do it alone and reliably.",
    "sde2": "the bar for this role; you can own it for a service and explain its trade-offs.",
    "senior": "beyond SDE-II; you set direction with it across teams.",
}


def generated_pages(catalog: SkillCatalog, repo_url: str | None, *, directory_urls: bool = True) -> dict[str, str]:
    """Every page of the skill map: docs path -> markdown."""
    pages = {OVERVIEW_PAGE: overview_page(catalog, repo_url, directory_urls=directory_urls)}
    for area in catalog.areas:
        pages[area_page_path(area)] = area_page(catalog, area, repo_url, directory_urls=directory_urls)
    return pages
