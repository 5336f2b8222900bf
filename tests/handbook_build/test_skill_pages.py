"""The skill map generator: plain functions from a SkillCatalog to markdown with the tracker's HTML."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from handbook_build.skill_pages import (
    LEVEL_LABELS,
    OVERVIEW_PAGE,
    area_page,
    generated_pages,
    overview_page,
    relative_url,
    skill_map_diagram,
)
from handbook_build.skills import SKILLS_FILE, Area, Skill, SkillCatalog, SkillLink, load_skills
from tests.support.example_files import DOCS_DIR, REPO_ROOT

REPO = "https://github.com/owner/handbook"


class Elements(HTMLParser):
    """Every start tag as (tag, attributes), and the text of the whole document."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for _, attrs in self.tags if name in (attrs.get("class") or "").split()]


def embedded_catalog(markdown: str) -> dict:
    found = re.findall(r'<div id="skill-catalog" hidden data-catalog="([^"]*)"></div>', markdown)
    assert len(found) == 1, "every tracker page embeds exactly one catalog"
    return json.loads(html.unescape(found[0]))


def small_catalog(title: str = "Choose status codes", description: str = "Pick codes.") -> SkillCatalog:
    page_link = SkillLink(
        "apis/rest.md#problem-details", "page", "apis/rest.md", "problem-details", "REST: Problem details"
    )
    example_link = SkillLink(
        "examples/apis/rest/users_app.py", "example", "examples/apis/rest/users_app.py", None, "users_app.py"
    )
    http = Area(
        "http-apis",
        "HTTP, REST and API design",
        "APIs.",
        (
            Skill("http-status-codes", title, description, "mid", (page_link, example_link)),
            Skill("api-pagination", "Paginate", "Use cursors.", "sde2"),
        ),
    )
    auth = Area("auth", "Auth", "Who may do what.", (Skill("rbac", "Use roles", "Map roles.", "junior"),))
    return SkillCatalog(1, (http, auth), {"rest-status-codes": "http-status-codes"})


@pytest.mark.parametrize(
    ("from_page", "to_page", "anchor", "expected"),
    [
        ("skills/http-apis.md", "apis/rest.md", "problem-details", "../../apis/rest/#problem-details"),
        ("skills/http-apis.md", "role/index.md", None, "../../role/"),
        ("skills/http-apis.md", "index.md", None, "../../"),
        ("skills/index.md", "apis/rest.md", None, "../apis/rest/"),
        ("skills/index.md", "skills/auth.md", None, "auth/"),
        ("skills/auth.md", "skills/http-apis.md", None, "../http-apis/"),
        ("skills/auth.md", "skills/index.md", None, "../"),
        ("skills/auth.md", "skills/auth.md", None, "./"),
        # A notebook page is served like a markdown page of the same stem.
        ("skills/auth.md", "system-design/estimate.py", "bandwidth", "../../system-design/estimate/#bandwidth"),
        ("system-design/estimate.py", "skills/design-patterns.md", None, "../../skills/design-patterns/"),
        ("skills/index.md", "notes/run.ipynb", None, "../notes/run/"),
    ],
)
def test_relative_urls_match_directory_urls(from_page: str, to_page: str, anchor: str | None, expected: str) -> None:
    assert relative_url(from_page, to_page, anchor) == expected


def test_relative_urls_without_directory_urls() -> None:
    assert relative_url("skills/auth.md", "apis/rest.md", "x", directory_urls=False) == "../apis/rest.html#x"
    assert relative_url("skills/index.md", "skills/auth.md", directory_urls=False) == "auth.html"
    notebook = relative_url("skills/auth.md", "system-design/estimate.py", directory_urls=False)
    assert notebook == "../system-design/estimate.html"


def test_an_area_page_lists_every_skill_with_its_data_attributes() -> None:
    catalog = small_catalog()
    area = catalog.areas[0]
    markdown = area_page(catalog, area, REPO)
    html = Elements(markdown)

    [tracker] = html.with_class("tracker")
    assert tracker["data-tracker-page"] == "area"
    assert tracker["data-area-id"] == "http-apis"
    assert len(html.with_class("tracker-toolbar")) == 1
    assert len(html.with_class("tracker-nojs")) == 1
    [progress] = html.with_class("tracker-progress")
    assert progress["data-progress-area"] == "http-apis"
    assert len(html.with_class("tracker-skills")) == 1

    items = html.with_class("tracker-skill")
    assert [(i["id"], i["data-skill-id"], i["data-level"]) for i in items] == [
        ("skill-http-status-codes", "http-status-codes", "mid"),
        ("skill-api-pagination", "api-pagination", "sde2"),
    ]
    assert len(html.with_class("tracker-skill__controls")) == len(items)
    assert len(html.with_class("tracker-skill__description")) == len(items)
    assert [b["class"] for b in html.with_class("tracker-level")] == [
        "tracker-level tracker-level--mid",
        "tracker-level tracker-level--sde2",
    ]
    assert '<span class="tracker-level tracker-level--mid">Mid</span>' in markdown
    assert '<span class="tracker-level tracker-level--sde2">SDE-II</span>' in markdown
    assert markdown.startswith("# HTTP, REST and API design\n")


def test_links_are_relative_to_the_page_and_examples_point_at_the_repository() -> None:
    catalog = small_catalog()
    markdown = area_page(catalog, catalog.areas[0], REPO)
    assert '<a href="../../apis/rest/#problem-details">REST: Problem details</a>' in markdown
    assert f'<a href="{REPO}/blob/main/examples/apis/rest/users_app.py">users_app.py</a>' in markdown
    # A skill with no page yet gets no "Learn it" line.
    assert markdown.count('class="tracker-skill__links"') == 1


def test_without_a_repository_url_examples_are_named_not_linked() -> None:
    catalog = small_catalog()
    markdown = area_page(catalog, catalog.areas[0], None)
    assert "<code>examples/apis/rest/users_app.py</code>" in markdown
    assert "/blob/main/" not in markdown


def test_the_catalog_lists_every_area_and_skill_with_urls_for_its_page() -> None:
    catalog = small_catalog()
    on_area_page = embedded_catalog(area_page(catalog, catalog.areas[1], REPO))
    assert on_area_page == {
        "version": 1,
        "levels": ["junior", "mid", "sde2", "senior"],
        "areas": [
            {
                "id": "http-apis",
                "title": "HTTP, REST and API design",
                "url": "../http-apis/",
                "skills": ["http-status-codes", "api-pagination"],
            },
            {"id": "auth", "title": "Auth", "url": "./", "skills": ["rbac"]},
        ],
        "migrations": {"rest-status-codes": "http-status-codes"},
    }
    on_overview = embedded_catalog(overview_page(catalog, REPO))
    assert [area["url"] for area in on_overview["areas"]] == ["http-apis/", "auth/"]


def test_text_from_the_data_file_is_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    catalog = small_catalog(title=hostile, description=hostile)
    catalog = SkillCatalog(
        1,
        (
            Area("http-apis", hostile, hostile, catalog.areas[0].skills),
            catalog.areas[1],
        ),
        {},
    )
    for markdown in (area_page(catalog, catalog.areas[0], REPO), overview_page(catalog, REPO)):
        # No script or image element was injected, in the page or the catalog.
        assert "<script" not in markdown
        assert "<img" not in markdown
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in markdown
        body = re.search(r'data-catalog="([^"]*)"', markdown).group(1)
        assert "<" not in body and ">" not in body
        assert embedded_catalog(markdown)["areas"][0]["title"] == hostile


def test_the_diagram_shows_every_area_with_safe_labels() -> None:
    catalog = small_catalog()
    odd = Area("zz-extra", 'Say "hi" <b>', "Odd.", (Skill("odd-skill", "Odd", "Odd.", "senior"),))
    catalog = SkillCatalog(1, (*catalog.areas, odd), {})
    diagram = skill_map_diagram(catalog)
    assert diagram.startswith("flowchart LR\n")
    assert 'area_http_apis["HTTP, REST and API design (2 skills)"]' in diagram
    assert 'area_auth["Auth (1 skill)"]' in diagram
    # An area the grouping does not know still appears, its label in mermaid's entity codes.
    assert 'area_zz_extra["Say #quot;hi#quot; #lt;b#gt; (1 skill)"]' in diagram
    assert "<b>" not in diagram


def test_the_overview_has_the_dashboard_the_map_and_the_privacy_note() -> None:
    catalog = small_catalog()
    markdown = overview_page(catalog, REPO)
    html = Elements(markdown)
    [tracker] = html.with_class("tracker")
    assert tracker["data-tracker-page"] == "overview"
    assert [p["data-progress-area"] for p in html.with_class("tracker-progress")] == ["all", "http-apis", "auth"]
    areas = [attrs for tag, attrs in html.tags if tag == "li" and "data-area-id" in attrs]
    assert [a["data-area-id"] for a in areas] == ["http-apis", "auth"]
    assert '<a href="http-apis/">HTTP, REST and API design</a> (2 skills)' in markdown
    assert "```mermaid\nflowchart LR" in markdown
    assert "localStorage" in markdown
    assert "sends nothing to any server" in markdown
    assert "URL fragment" in markdown
    assert f"({REPO}/blob/main/data/skills.yml)" in markdown


def test_generated_pages_are_the_overview_and_one_page_per_area() -> None:
    pages = generated_pages(small_catalog(), REPO)
    assert list(pages) == [OVERVIEW_PAGE, "skills/http-apis.md", "skills/auth.md"]


def test_the_real_data_renders_every_skill_exactly_once() -> None:
    catalog = load_skills(REPO_ROOT / SKILLS_FILE, docs_dir=DOCS_DIR, repo_root=REPO_ROOT)
    pages = generated_pages(catalog, REPO)
    rendered = []
    for area in catalog.areas:
        html = Elements(pages[f"skills/{area.id}.md"])
        rendered += [item["data-skill-id"] for item in html.with_class("tracker-skill")]
        labels = {b["class"].split("--")[1] for b in html.with_class("tracker-level")}
        assert labels <= set(LEVEL_LABELS)
    ids = [skill.id for skill in catalog.skills()]
    assert rendered == ids
    assert len(set(ids)) == len(ids)
    catalog_areas = embedded_catalog(pages[OVERVIEW_PAGE])["areas"]
    assert [skill for area in catalog_areas for skill in area["skills"]] == ids
