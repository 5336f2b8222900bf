"""axe-core on every page of the built site, light and dark: no violations from what this project controls.

What Material's own markup causes, and this project cannot change without
copying Material's templates, is listed in MATERIAL_MARKUP with the reason it
stays; anything else fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageWatch
from tests.support.axe import axe_violations
from tests.support.example_files import REPO_ROOT

pytestmark = pytest.mark.browser

# rule id -> (targets it may name, why it stays)
MATERIAL_MARKUP = {
    "landmark-unique": (
        re.compile(r"(\.md-code__nav|nav\[aria-labelledby=\"__nav_[\w_]+_label\"\]|nav\[data-md-level=\"\d+\"\])$"),
        "Material's JavaScript gives every code block a <nav> toolbar with no name, and its navigation "
        "sidebar labels nested sections by their titles, which can repeat; both come from Material's "
        "templates and scripts, not from our markup.",
    ),
}


def site_pages() -> list[str]:
    """Every page of the site, as the URL path a reader visits: docs/ and the generated pages."""
    areas = yaml.safe_load((REPO_ROOT / "data/skills.yml").read_text(encoding="utf-8"))["areas"]
    # Generated at build time: the glossary, the skill map, the coding problem index.
    pages = {"", "glossary/", "skills/", "coding/problems/", *(f"skills/{area['id']}/" for area in areas)}
    for source in (REPO_ROOT / "docs").rglob("*"):
        if source.suffix not in {".md", ".py", ".ipynb"} or "assets" in source.parts:
            continue
        relative = source.relative_to(REPO_ROOT / "docs").with_suffix("").as_posix()
        pages.add("" if relative == "index" else relative.removesuffix("/index") + "/")
    return sorted(pages)


def unexplained(violations: list[dict]) -> list[str]:
    problems = []
    for violation in violations:
        allowed = MATERIAL_MARKUP.get(violation["id"])
        for node in violation["nodes"]:
            if allowed and allowed[0].search(node["target"]):
                continue
            problems.append(f"{violation['id']} ({violation['help']}): {node['target']}: {node['summary']}")
    return problems


# Colors switch at once, so axe never reads a color halfway through a transition.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"


@pytest.mark.parametrize("path", site_pages())
def test_every_page_passes_axe_light_and_dark(path: str, site_url: str, watched_page: tuple[Page, PageWatch]) -> None:
    page, watch = watched_page
    page.emulate_media(color_scheme="light")
    page.goto(site_url + path, wait_until="networkidle")
    page.add_style_tag(content=NO_TRANSITIONS)
    problems = []
    # One load, both schemes: the palette follows the system setting, and
    # Material re-colors the page when that setting changes.
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        problems += [f"{scheme}: {problem}" for problem in unexplained(axe_violations(page))]
    assert not problems, "\n".join(problems)
    assert watch.problems() == []


def test_the_page_list_is_the_built_site(built_site: Path) -> None:
    built = set()
    for html in built_site.rglob("index.html"):
        relative = html.parent.relative_to(built_site).as_posix()
        if relative != "search":
            built.add("" if relative == "." else relative + "/")
    assert built == set(site_pages())
