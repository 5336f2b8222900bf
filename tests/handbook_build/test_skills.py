"""Loading and validating data/skills.yml: every bad input names the file, the line and the skill id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook_build.skills import (
    LEVELS,
    SKILLS_FILE,
    DocsIndex,
    heading_lines,
    load_skills,
    nav_titles,
    page_info_from,
    page_markdown,
)
from handbook_build.yaml_source import DataFileError
from tests.support.example_files import DOCS_DIR, REPO_ROOT

# The area ids are part of the contract with the nav in mkdocs.yml and with tracker.js.
CONTRACT_AREAS = [
    "language-runtime",
    "http-apis",
    "auth",
    "data-storage",
    "distributed-infra",
    "reliability-observability",
    "design-patterns",
    "coding-dsa",
    "fundamentals",
    "behavioral-leadership",
]

REST_PAGE = """\
# REST resource design

## Pick each status code

## Problem details { #problem-details }

## Trade-offs

## Trade-offs

```python
# Not a heading: a comment inside a code block
```
"""

VALID = """\
version: 1
areas:
  - id: http-apis
    title: HTTP and APIs
    description: Design APIs.
    skills:
      - id: http-status-codes
        title: Choose status codes
        description: Pick the code that tells the client what to do.
        level: mid
        links:
          - apis/rest.md#pick-each-status-code
          - examples/apis/demo.py
      - id: api-pagination
        title: Paginate lists
        description: Use cursors.
        level: sde2
  - id: auth
    title: Auth
    description: Who may do what.
    skills:
      - id: jwt-tokens
        title: Verify JWTs
        description: Check signature and expiry.
        level: mid
        links: [apis/rest.md]
migrations:
  rest-status-codes: http-status-codes
"""


# A notebook page in jupytext's percent format: only markdown cells give headings.
NOTEBOOK_PAGE = """\
# %% [markdown]
# # Estimate a shortener
#
# ## Requests per second

# %%
# ## Not a heading: a comment in a code cell
print(1)

# %% [markdown]
# ## Bandwidth
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs/apis").mkdir(parents=True)
    (tmp_path / "docs/apis/rest.md").write_text(REST_PAGE)
    (tmp_path / "docs/system-design").mkdir(parents=True)
    (tmp_path / "docs/system-design/estimate.py").write_text(NOTEBOOK_PAGE)
    (tmp_path / "examples/apis").mkdir(parents=True)
    (tmp_path / "examples/apis/demo.py").write_text("print('hi')\n")
    return tmp_path


def load(project: Path, text: str, **kwargs: object):
    path = project / "skills.yml"
    path.write_text(text)
    return load_skills(path, docs_dir=project / "docs", repo_root=project, **kwargs)


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, count)


def line_containing(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def test_a_valid_file_loads_into_the_model(project: Path) -> None:
    catalog = load(project, VALID)
    assert catalog.version == 1
    assert [area.id for area in catalog.areas] == ["http-apis", "auth"]
    assert [skill.id for skill in catalog.skills()] == ["http-status-codes", "api-pagination", "jwt-tokens"]
    first = catalog.areas[0].skills[0]
    assert (first.title, first.level, first.line) == ("Choose status codes", "mid", 7)
    page_link, example_link = first.links
    assert (page_link.kind, page_link.path, page_link.anchor) == ("page", "apis/rest.md", "pick-each-status-code")
    assert page_link.text == "REST resource design — Pick each status code"
    assert (example_link.kind, example_link.path, example_link.text) == ("example", "examples/apis/demo.py", "demo.py")
    assert catalog.migrations == {"rest-status-codes": "http-status-codes"}


def test_link_text_prefers_the_nav_title(project: Path) -> None:
    catalog = load(project, VALID, page_titles={"apis/rest.md": "REST"})
    assert catalog.areas[0].skills[0].links[0].text == "REST — Pick each status code"
    assert catalog.areas[1].skills[0].links[0].text == "REST"


def test_anchors_follow_mkdocs_toc(project: Path) -> None:
    anchors = DocsIndex(project / "docs").page("apis/rest.md").anchors
    # Slugified text, explicit `{ #id }`, the `_1` suffix for a repeated heading; code comments are not headings.
    assert set(anchors) == {
        "rest-resource-design",
        "pick-each-status-code",
        "problem-details",
        "trade-offs",
        "trade-offs_1",
    }
    assert anchors["problem-details"] == "Problem details"


def test_a_notebook_page_links_like_a_markdown_page(project: Path) -> None:
    text = edit("links: [apis/rest.md]", "links: [system-design/estimate.py#bandwidth, system-design/estimate.py]")
    catalog = load(project, text, page_titles={"system-design/estimate.py": "Estimation"})
    with_anchor, whole_page = catalog.areas[1].skills[0].links
    assert (with_anchor.kind, with_anchor.anchor) == ("page", "bandwidth")
    assert with_anchor.path == "system-design/estimate.py"
    assert with_anchor.text == "Estimation — Bandwidth"
    assert (whole_page.anchor, whole_page.text) == (None, "Estimation")


def test_notebook_anchors_come_from_markdown_cells_only(project: Path) -> None:
    info = DocsIndex(project / "docs").page("system-design/estimate.py")
    assert set(info.anchors) == {"estimate-a-shortener", "requests-per-second", "bandwidth"}
    assert info.title == "Estimate a shortener"


def test_notebook_anchors_are_the_ids_mkdocs_jupyter_renders() -> None:
    """The ids the skill map links to must be the ones the built notebook page has."""
    from mkdocs_jupyter import convert  # slow to import; only this test needs it

    for source in sorted(DOCS_DIR.rglob("*.py")):
        if "assets" in source.relative_to(DOCS_DIR).parts:
            continue
        html = convert.nb2html(str(source), execute=False)
        rendered = set(re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', html))
        anchors = set(DocsIndex(DOCS_DIR).page(source.relative_to(DOCS_DIR).as_posix()).anchors)
        assert anchors == rendered, source


def test_nav_titles_reads_titled_entries_at_any_depth() -> None:
    nav = [
        "index.md",
        {"Home": "index.md"},
        {"APIs": [{"REST resource design": "apis/rest.md"}, "apis/graphql.md"]},
    ]
    assert nav_titles(nav) == {"index.md": "Home", "apis/rest.md": "REST resource design"}


def test_a_missing_migrations_map_is_empty(project: Path) -> None:
    text = VALID.split("migrations:")[0]
    assert load(project, text).migrations == {}


BAD_INPUTS = [
    # (id, edited text, text on the reported line (or (text, nth occurrence)), skill id or None, message fragment)
    ("malformed-yaml", edit("        level: sde2", "        level: [sde2"), "  - id: auth", None, "invalid YAML"),
    ("not-a-mapping", "- version: 1\n", "- version: 1", None, "expected a mapping"),
    ("unknown-top-key", edit("version: 1", "version: 1\ncolour: red"), "version: 1", None, "unknown key(s) ['colour']"),
    ("missing-areas", "version: 1\n", "version: 1", None, "missing key(s) ['areas']"),
    ("wrong-version", edit("version: 1", "version: 2"), "version: 2", None, "`version` must be 1, got 2"),
    ("empty-areas", "version: 1\nareas: []\n", "areas: []", None, "`areas` must be a non-empty list"),
    (
        "unknown-area-key",
        edit("    title: Auth", "    title: Auth\n    owner: me"),
        "  - id: auth",
        None,
        "unknown key(s) ['owner'] in area 'auth'",
    ),
    (
        "area-without-skills",
        edit("    description: Who may do what.", "    description: Who may do what.\n    skills: []").split(
            "    skills:\n      - id: jwt"
        )[0],
        "  - id: auth",
        None,
        "`skills` of area 'auth' must be a non-empty list",
    ),
    ("area-id-not-kebab", edit("id: auth", "id: Auth_Area"), "id: Auth_Area", None, "must be kebab-case"),
    (
        "duplicate-area",
        edit("id: auth", "id: http-apis"),
        ("  - id: http-apis", 2),
        None,
        "duplicate area id 'http-apis' (first at line 3)",
    ),
    (
        "unknown-skill-key",
        edit("        level: sde2", "        level: sde2\n        tags: [x]"),
        "id: api-pagination",
        "api-pagination",
        "unknown key(s) ['tags']",
    ),
    (
        "missing-level",
        edit("        level: sde2\n", ""),
        "id: api-pagination",
        "api-pagination",
        "missing key(s) ['level']",
    ),
    (
        "empty-title",
        edit("title: Paginate lists", "title: '  '"),
        "id: api-pagination",
        "api-pagination",
        "`title` of the skill must be a non-empty string",
    ),
    (
        "title-wrong-type",
        edit("title: Paginate lists", "title: 42"),
        "id: api-pagination",
        "api-pagination",
        "`title` of the skill must be a non-empty string, got 42",
    ),
    (
        "links-not-a-list",
        edit("links: [apis/rest.md]", "links: apis/rest.md"),
        "id: jwt-tokens",
        "jwt-tokens",
        "`links` must be a list",
    ),
    ("skill-id-not-kebab", edit("id: api-pagination", "id: apiPagination"), "id: apiPagination", None, "kebab-case"),
    (
        "duplicate-skill-across-areas",
        edit("id: jwt-tokens", "id: api-pagination"),
        ("id: api-pagination", 2),
        "api-pagination",
        "duplicate skill id (first at line 14)",
    ),
    (
        "unknown-level",
        edit("level: sde2", "level: expert"),
        "id: api-pagination",
        "api-pagination",
        "unknown level 'expert'; use one of junior, mid, sde2, senior",
    ),
    (
        "missing-page",
        edit("links: [apis/rest.md]", "links: [apis/soap.md]"),
        "apis/soap.md",
        "jwt-tokens",
        "link 'apis/soap.md': no page docs/apis/soap.md",
    ),
    (
        "missing-anchor",
        edit("apis/rest.md#pick-each-status-code", "apis/rest.md#status-codes"),
        "#status-codes",
        "http-status-codes",
        "docs/apis/rest.md has no heading #status-codes",
    ),
    (
        "missing-example",
        edit("examples/apis/demo.py", "examples/apis/gone.py"),
        "examples/apis/gone.py",
        "http-status-codes",
        "link 'examples/apis/gone.py': no such file",
    ),
    (
        "example-with-anchor",
        edit("examples/apis/demo.py", "examples/apis/demo.py#main"),
        "examples/apis/demo.py#main",
        "http-status-codes",
        "example files take no #anchor",
    ),
    (
        "link-outside-the-site",
        edit("links: [apis/rest.md]", "links: [../secrets.md]"),
        "../secrets.md",
        "jwt-tokens",
        "must be a relative path inside docs/ or examples/",
    ),
    (
        "external-link",
        edit("links: [apis/rest.md]", "links: ['https://example.com/a.md']"),
        "https://example.com",
        "jwt-tokens",
        "must be a relative path inside docs/ or examples/",
    ),
    (
        "link-not-a-page",
        edit("links: [apis/rest.md]", "links: [apis/rest.html]"),
        "apis/rest.html",
        "jwt-tokens",
        "must be a docs page (.md or a notebook) or a file under examples/",
    ),
    (
        "missing-notebook-anchor",
        edit("links: [apis/rest.md]", "links: [system-design/estimate.py#storage]"),
        "system-design/estimate.py#storage",
        "jwt-tokens",
        "docs/system-design/estimate.py has no heading #storage (it has: bandwidth, estimate-a-shortener,",
    ),
    (
        "migration-to-unknown",
        edit("rest-status-codes: http-status-codes", "rest-status-codes: status-codes"),
        "rest-status-codes:",
        "rest-status-codes",
        "'status-codes' is not a current skill id",
    ),
    (
        "migration-from-current",
        edit("rest-status-codes: http-status-codes", "jwt-tokens: http-status-codes"),
        "jwt-tokens: http",
        "jwt-tokens",
        "is still a current skill id",
    ),
    (
        "migration-chain",
        edit(
            "rest-status-codes: http-status-codes",
            "old-codes: rest-status-codes\n  rest-status-codes: http-status-codes",
        ),
        "old-codes:",
        "old-codes",
        "chains to 'http-status-codes'",
    ),
    (
        "migration-loop",
        edit("rest-status-codes: http-status-codes", "rest-status-codes: rest-status-codes"),
        "rest-status-codes:",
        "rest-status-codes",
        "maps to itself",
    ),
    (
        "migration-not-a-mapping",
        edit("  rest-status-codes: http-status-codes", "  - rest-status-codes"),
        "migrations:",
        None,
        "`migrations` must map old id -> current id",
    ),
    (
        "duplicate-yaml-key",
        edit("        level: sde2", "        level: sde2\n        level: mid"),
        ("level: mid", 2),
        None,
        "duplicate key 'level'",
    ),
]


@pytest.mark.parametrize(
    ("text", "line_text", "skill_id", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUTS],
)
def test_a_bad_skills_file_names_file_line_and_skill(
    project: Path, text: str, line_text: str | tuple[str, int], skill_id: str | None, fragment: str
) -> None:
    with pytest.raises(DataFileError) as caught:
        load(project, text)
    message = str(caught.value)
    line = line_containing(text, *line_text) if isinstance(line_text, tuple) else line_containing(text, line_text)
    path = project / "skills.yml"
    assert caught.value.line == line, message
    assert message.startswith(f"{path}:{line}: "), message
    if skill_id:
        assert f"skill {skill_id!r}: " in message
    assert fragment in message


def test_the_real_skills_file_loads_against_the_real_pages() -> None:
    catalog = load_skills(REPO_ROOT / SKILLS_FILE, docs_dir=DOCS_DIR, repo_root=REPO_ROOT)
    assert [area.id for area in catalog.areas] == CONTRACT_AREAS
    skills = list(catalog.skills())
    assert len(skills) >= 120
    assert {skill.level for skill in skills} == set(LEVELS)
    for area in catalog.areas:
        assert len(area.skills) >= 5, f"{area.id} is nearly empty"
    assert catalog.migrations, "keep at least one migration so the feature is exercised"


DOCS_PAGES = sorted(
    path for path in (REPO_ROOT / "docs").rglob("*") if path.suffix in {".md", ".py"} and "assets" not in path.parts
)


@pytest.mark.parametrize("source", DOCS_PAGES, ids=lambda path: path.relative_to(REPO_ROOT / "docs").as_posix())
def test_heading_lines_give_every_page_the_ids_its_full_text_gives(source: Path) -> None:
    text = page_markdown(source)
    assert page_info_from(heading_lines(text), None, source.stem) == page_info_from(text, None, source.stem)


def test_heading_lines_skip_comments_in_fences_at_any_indent() -> None:
    text = "# Title\n\n```python\n# not a heading\n```\n\n!!! note\n\n    ~~~~\n    # nor this\n    ~~~~\n\n## Real\n"
    assert heading_lines(text) == "# Title\n\n## Real"
    assert page_info_from(heading_lines(text), None, "x").anchors == {"title": "Title", "real": "Real"}
