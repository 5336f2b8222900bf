from __future__ import annotations

from handbook_build.skills import Area, Skill, SkillCatalog, SkillLink
from handbook_build.track_it import insert_track_it, skills_by_page


def page_link(path: str, anchor: str | None = None) -> SkillLink:
    return SkillLink(target=path, kind="page", path=path, anchor=anchor, text=path)


CATALOG = SkillCatalog(
    1,
    (
        Area(
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
                    (page_link("apis/rest.md", "a"), page_link("apis/rest.md", "b")),
                ),
            ),
        ),
        Area(
            "coding-dsa",
            "DSA",
            "Code.",
            (
                Skill(
                    "lru",
                    "Build an LRU cache",
                    "d",
                    "sde2",
                    (SkillLink("examples/x.py", "example", "examples/x.py", None, "x.py"),),
                ),
            ),
        ),
    ),
)


def test_each_page_lists_the_skills_linking_to_it_once() -> None:
    by_page = skills_by_page(CATALOG)
    assert list(by_page) == ["apis/rest.md"], "example links are not pages"
    assert [skill.id for _, skill in by_page["apis/rest.md"]] == ["http-status-codes", "api-pagination"]


def test_the_list_goes_under_the_track_it_heading_with_relative_links() -> None:
    page = "# REST\n\nBody.\n\n## Track it\n\nHand-written text.\n"
    result = insert_track_it(page, "apis/rest.md", skills_by_page(CATALOG))
    assert result.startswith("# REST\n\nBody.\n\n## Track it\n\nOn the [skill map](../skills/index.md)")
    assert "- [Pick \\[status\\] codes](../skills/http-apis.md#skill-http-status-codes) (Mid)" in result
    assert "- [Paginate](../skills/http-apis.md#skill-api-pagination) (SDE-II)" in result
    assert result.endswith("\n\nHand-written text.\n")


def test_pages_without_the_heading_or_without_skills_are_unchanged() -> None:
    by_page = skills_by_page(CATALOG)
    assert insert_track_it("# REST\n\nNo section.\n", "apis/rest.md", by_page) == "# REST\n\nNo section.\n"
    untouched = "# Other\n\n## Track it\n\nText.\n"
    assert insert_track_it(untouched, "other.md", by_page) == untouched
