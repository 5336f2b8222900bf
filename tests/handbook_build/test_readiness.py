"""Readiness by interview round: the ROUNDS map in handbook_build/skill_pages.py and the quiz sections hooks/quizzes.py
puts into the overview page."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from handbook_build.quizzes import expand_quizzes
from handbook_build.skill_pages import QUIZ_SECTIONS_SLOT, ROUNDS, overview_page, rounds_json
from handbook_build.skills import SKILLS_FILE, Area, Skill, SkillCatalog, load_skills
from hooks.quizzes import quiz_sections
from tests.support.example_files import DOCS_DIR, REPO_ROOT, markdown_pages


def real_catalog() -> SkillCatalog:
    return load_skills(REPO_ROOT / SKILLS_FILE, docs_dir=DOCS_DIR, repo_root=REPO_ROOT)


def test_every_area_of_the_data_file_is_in_exactly_one_round() -> None:
    areas = Counter(area for r in ROUNDS for area in r.areas)
    assert {area.id for area in real_catalog().areas} == set(areas)
    assert set(areas.values()) == {1}


def test_rounds_have_unique_ids_and_share_no_section() -> None:
    assert len({r.id for r in ROUNDS}) == len(ROUNDS)
    sections = Counter(section for r in ROUNDS for section in r.sections)
    assert set(sections.values()) == {1}
    assert [r.title for r in ROUNDS] == ["Coding", "Machine coding", "System design", "Fundamentals", "Behavioral"]


def test_every_section_with_a_quiz_is_in_a_round() -> None:
    sections = {section for r in ROUNDS for section in r.sections}
    quiz_pages = set()
    for path in markdown_pages():
        name = path.relative_to(REPO_ROOT).as_posix()
        _, quizzes = expand_quizzes(path.read_text(encoding="utf-8"), name, REPO_ROOT)
        if quizzes:
            quiz_pages.add(name.split("/")[1])
    assert quiz_pages, "no page has a quiz"
    assert quiz_pages <= sections


def test_every_topic_section_of_the_docs_is_in_a_round() -> None:
    # Interview flashcards are named "interview/<docs section>/...", so each topic section needs a round;
    # only the guide, practice and index sections belong to none.
    sections = {section for r in ROUNDS for section in r.sections}
    present = {path.relative_to(DOCS_DIR).parts[0] for path in DOCS_DIR.glob("*/*.md")}
    assert present - sections == {"interview", "practice", "topics"}
    assert sections <= present, sections - present  # a round names no section that does not exist


def test_rounds_json_leaves_out_areas_the_catalog_lacks() -> None:
    skill = Skill(id="tls", title="TLS", description="d", level="mid", links=())
    catalog = SkillCatalog(version=1, areas=(Area(id="auth", title="Auth", description="d", skills=(skill,)),))
    rounds = json.loads(rounds_json(catalog))
    assert [r["id"] for r in rounds] == [r.id for r in ROUNDS]
    assert {r["id"]: r["areas"] for r in rounds}["fundamentals"] == ["auth"]
    assert all(r["areas"] == [] for r in rounds if r["id"] != "fundamentals")


def test_the_overview_carries_the_rounds_and_the_slot_for_quiz_sections() -> None:
    markdown = overview_page(real_catalog(), None)
    assert markdown.count(QUIZ_SECTIONS_SLOT) == 1
    [attribute] = re.findall(r'class="tracker-readiness" data-rounds="([^"]*)"', markdown)
    rounds = json.loads(html.unescape(attribute))
    assert [r["title"] for r in rounds] == [r.title for r in ROUNDS]
    assert '<h3 id="readiness-by-round">' in markdown


def test_quiz_sections_are_the_top_folder_of_each_page() -> None:
    ids = {
        "b-quiz": "docs/system-design/caching.md:12",
        "a-quiz": "docs/coding/two-pointers.md:40",
        "top": "docs/index.md:3",
    }
    assert quiz_sections(ids, "docs") == {"a-quiz": "coding", "b-quiz": "system-design", "top": ""}
    assert list(quiz_sections(ids, "docs")) == ["a-quiz", "b-quiz", "top"]
    assert quiz_sections({}, "docs") == {}
