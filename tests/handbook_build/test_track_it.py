"""The "Track it" list: which skills a page teaches, under their areas, inserted by a hook."""

from __future__ import annotations

import posixpath

from handbook_build.skill_pages import area_page_path
from handbook_build.skills import (
    PAGE_SUFFIXES,
    SKILLS_FILE,
    Area,
    Skill,
    SkillCatalog,
    SkillLink,
    load_skills,
    page_markdown,
)
from handbook_build.track_it import (
    TRACK_IT_HEADING,
    by_area,
    insert_track_it,
    insert_track_it_html,
    skills_by_page,
    track_it_html,
)
from tests.support.example_files import DOCS_DIR, REPO_ROOT


def page_link(path: str, anchor: str | None = None) -> SkillLink:
    return SkillLink(target=path, kind="page", path=path, anchor=anchor, text=path)


NOTEBOOK = "system-design/estimate.py"
HTTP = Area(
    "http-apis",
    "HTTP",
    "APIs.",
    (
        Skill("http-status-codes", "Pick [status] codes", "d", "mid", (page_link("apis/rest.md", "x"),)),
        Skill(
            "api-pagination",
            "Paginate",
            "d",
            "sde2",
            (page_link("apis/rest.md", "a"), page_link("apis/rest.md", "b"), page_link(NOTEBOOK)),
        ),
    ),
)
DSA = Area(
    "coding-dsa",
    "DSA & <friends>",
    "Code.",
    (
        Skill(
            "lru",
            "Build an LRU cache",
            "d",
            "sde2",
            (SkillLink("examples/x.py", "example", "examples/x.py", None, "x.py"),),
        ),
        Skill("heaps", "Use <heaps>", "d", "mid", (page_link(NOTEBOOK, "bandwidth"), page_link("apis/rest.md"))),
    ),
)
CATALOG = SkillCatalog(1, (HTTP, DSA))
NOTEBOOK_HTML = (
    '<div><h2 id="in-production">In production<a class="anchor-link" href="#in-production">¶</a></h2>'
    "<p>Watch it.</p>\n"
    '<h2 id="track-it">Track it<a class="anchor-link" href="#track-it">¶</a></h2>'
    "<p>Where to go next: the interview guide.</p></div>"
)


def test_each_page_lists_the_skills_linking_to_it_once() -> None:
    by_page = skills_by_page(CATALOG)
    assert list(by_page) == ["apis/rest.md", NOTEBOOK], "example links are not pages"
    assert [skill.id for _, skill in by_page["apis/rest.md"]] == ["http-status-codes", "api-pagination", "heaps"]
    assert [skill.id for _, skill in by_page[NOTEBOOK]] == ["api-pagination", "heaps"]


def test_entries_group_by_area_in_first_seen_order() -> None:
    entries = [(DSA, DSA.skills[1]), (HTTP, HTTP.skills[0]), (DSA, DSA.skills[0])]
    assert [(area.id, [s.id for s in skills]) for area, skills in by_area(entries)] == [
        ("coding-dsa", ["heaps", "lru"]),
        ("http-apis", ["http-status-codes"]),
    ]


def test_the_list_goes_under_the_track_it_heading_with_area_and_skill_links() -> None:
    page = "# REST\n\nBody.\n\n## Track it\n\nWhere to go next: somewhere.\n"
    result = insert_track_it(page, "apis/rest.md", skills_by_page(CATALOG))
    assert result == (
        "# REST\n\nBody.\n\n## Track it\n\n"
        "On the [skill map](../skills/index.md), this page teaches:\n\n"
        "- [HTTP](../skills/http-apis.md):\n"
        "    - [Pick \\[status\\] codes](../skills/http-apis.md#skill-http-status-codes) (Mid)\n"
        "    - [Paginate](../skills/http-apis.md#skill-api-pagination) (SDE-II)\n"
        "- [DSA & <friends>](../skills/coding-dsa.md):\n"
        "    - [Use <heaps>](../skills/coding-dsa.md#skill-heaps) (Mid)\n"
        "\n\nWhere to go next: somewhere.\n"
    )


def test_a_top_level_page_links_into_skills_without_climbing() -> None:
    by_page = {"index.md": [(HTTP, HTTP.skills[0])]}
    result = insert_track_it("## Track it\n", "index.md", by_page)
    assert "[skill map](skills/index.md)" in result
    assert "- [HTTP](skills/http-apis.md):" in result


def test_pages_without_the_heading_or_without_skills_are_unchanged() -> None:
    by_page = skills_by_page(CATALOG)
    assert insert_track_it("# REST\n\nNo section.\n", "apis/rest.md", by_page) == "# REST\n\nNo section.\n"
    untouched = "# Other\n\n## Track it\n\nText.\n"
    assert insert_track_it(untouched, "other.md", by_page) == untouched
    # "### Track it" or a heading that only starts with the words is not the section.
    assert insert_track_it("### Track it\n", "apis/rest.md", by_page) == "### Track it\n"
    assert insert_track_it("## Tracking\n", "apis/rest.md", by_page) == "## Tracking\n"


def test_a_notebook_gets_the_list_in_its_html_right_after_the_heading() -> None:
    result = insert_track_it_html(NOTEBOOK_HTML, NOTEBOOK, skills_by_page(CATALOG))
    heading_end = NOTEBOOK_HTML.index("</h2><p>Where") + len("</h2>")
    assert result.startswith(NOTEBOOK_HTML[:heading_end] + '\n<p>On the <a href="../../skills/">skill map</a>')
    assert result.endswith("</ul>\n<p>Where to go next: the interview guide.</p></div>")
    assert '<li><a href="../../skills/http-apis/">HTTP</a>:' in result
    assert '<li><a href="../../skills/http-apis/#skill-api-pagination">Paginate</a> (SDE-II)</li>' in result
    # Text from the data file is escaped, never markup.
    assert '<a href="../../skills/coding-dsa/">DSA &amp; &lt;friends&gt;</a>' in result
    assert ">Use &lt;heaps&gt;</a> (Mid)" in result
    assert result.count('id="track-it"') == 1


def test_the_html_list_follows_the_site_url_style() -> None:
    html = track_it_html(NOTEBOOK, [(HTTP, HTTP.skills[1])], directory_urls=False)
    assert '<a href="../skills/index.html">skill map</a>' in html
    assert '<a href="../skills/http-apis.html#skill-api-pagination">Paginate</a>' in html


def test_each_insert_touches_only_its_own_kind_of_page() -> None:
    by_page = skills_by_page(CATALOG)
    # A notebook's markdown is never rendered, so its list goes into the HTML only...
    notebook_source = "# %% [markdown]\n## Track it\n"
    assert insert_track_it(notebook_source, NOTEBOOK, by_page) == notebook_source
    # ...and a markdown page already got its list in the markdown.
    assert insert_track_it_html(NOTEBOOK_HTML, "apis/rest.md", by_page) == NOTEBOOK_HTML
    assert insert_track_it_html("<h2 id='other'>x</h2>", NOTEBOOK, by_page) == "<h2 id='other'>x</h2>"
    assert insert_track_it_html(NOTEBOOK_HTML, "system-design/other.py", by_page) == NOTEBOOK_HTML


# The real pages. A topic page is every page under docs/ (a markdown file, or a
# notebook that mkdocs-jupyter renders: .py or .ipynb) except:
# - docs/assets/, the site's own CSS and JavaScript (not pages);
# - docs/index.md, the home page, and the landing pages of tabs and sections that
#   only say what is inside and where to start (topics/index.md,
#   system-design/index.md, coding/index.md, fundamentals/index.md): navigation only; they teach no skill themselves;
# - the generated pages, skills/*.md (the skill map) and glossary.md, written at
#   build time from data/ (not on disk under docs/; listed in case they ever are).
# - practice/, the review tools (flashcards), which, like the skill map, teach no skill themselves.
# Every other index page (role/, interview/, machine-coding/) teaches, so it counts.
NAVIGATION_ONLY = {
    "index.md",
    "topics/index.md",
    "system-design/index.md",
    "coding/index.md",
    "fundamentals/index.md",
}
GENERATED = {"glossary.md"}
GENERATED_DIRS = {"skills", "assets", "practice"}


def topic_pages() -> list[str]:
    pages = []
    for source in sorted(DOCS_DIR.rglob("*")):
        path = source.relative_to(DOCS_DIR).as_posix()
        if not source.is_file() or not path.endswith(PAGE_SUFFIXES):
            continue
        if path in NAVIGATION_ONLY or path in GENERATED or path.split("/")[0] in GENERATED_DIRS:
            continue
        pages.append(path)
    return pages


def real_skills_by_page():
    return skills_by_page(load_skills(REPO_ROOT / SKILLS_FILE, docs_dir=DOCS_DIR, repo_root=REPO_ROOT))


def test_the_topic_page_rule_finds_pages_and_notebooks_only() -> None:
    pages = topic_pages()
    assert "system-design/url-shortener/estimation.py" in pages, "notebooks are topic pages"
    assert {"role/index.md", "interview/index.md", "machine-coding/index.md"} <= set(pages)
    assert "index.md" not in pages
    assert not [page for page in pages if page.startswith(("assets/", "skills/"))]


def test_every_topic_page_is_linked_from_at_least_one_skill() -> None:
    linked = real_skills_by_page()
    unlinked = [page for page in topic_pages() if page not in linked]
    assert not unlinked, (
        f"no skill in {SKILLS_FILE} links to these topic pages: {', '.join(unlinked)}. "
        "Link each from the skills it teaches (with an #anchor to the section that does)."
    )


def test_every_topic_page_has_a_track_it_heading() -> None:
    missing = [page for page in topic_pages() if not TRACK_IT_HEADING.search(page_markdown(DOCS_DIR / page))]
    assert not missing, f'these topic pages have no "## Track it" heading for the skill list: {", ".join(missing)}'


def test_the_hook_lists_skills_and_their_areas_on_every_markdown_topic_page() -> None:
    by_page = real_skills_by_page()
    for page in topic_pages():
        if not page.endswith(".md"):
            continue  # notebooks: their list goes into the HTML (tested above)
        source = (DOCS_DIR / page).read_text(encoding="utf-8")
        result = insert_track_it(source, page, by_page)
        assert result != source, f"{page}: no list inserted"
        for area, skills in by_area(by_page[page]):
            area_target = posixpath.relpath(area_page_path(area), posixpath.dirname(page))
            assert f"- [{area.title}]({area_target}):\n" in result, page
            for skill in skills:
                assert f"]({area_target}#skill-{skill.id})" in result, (page, skill.id)
