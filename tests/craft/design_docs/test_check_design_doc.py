"""The section checker, on the template, the filled-in doc and broken drafts."""

from __future__ import annotations

import pytest

from examples.craft.design_docs.check_design_doc import REQUIRED, check, required_name, sections
from examples.craft.design_docs.files import DURABLE_QUEUE, TEMPLATE

ALL = list(REQUIRED)


def doc(*headings: str, body: str = "Something written.") -> str:
    return "# Design: x\n\n" + "".join(f"## {h}\n\n{body}\n\n" for h in headings)


def test_the_template_has_every_section_and_nothing_in_them() -> None:
    report = check(TEMPLATE.read_text(encoding="utf-8"))
    assert report.missing == [] and report.repeated == [] and report.placeholders == []
    assert report.empty == ALL


def test_the_filled_in_doc_is_ready_for_review() -> None:
    assert check(DURABLE_QUEUE.read_text(encoding="utf-8")).problems() == ["ready for review"]


def test_missing_sections_are_named_in_the_template_order() -> None:
    report = check(doc("Goals", "Options", "Decision", "Metrics"))
    assert report.missing == ["Context", "Non-goals", "Rollout"]


def test_an_empty_document_misses_everything() -> None:
    assert check("").missing == ALL
    assert check("no headings at all\n").problems() == [f"missing: {', '.join(ALL)}"]


def test_a_section_with_only_a_prompt_comment_is_empty() -> None:
    text = doc(*ALL).replace("## Goals\n\nSomething written.", "## Goals\n\n<!-- what is true\nonce it ships -->")
    assert check(text).empty == ["Goals"]


def test_todo_and_tbd_are_placeholders_but_words_containing_them_are_not() -> None:
    text = doc(*ALL).replace("## Decision\n\nSomething written.", "## Decision\n\nTBD.\nA TODOIST sync; TODO: pick")
    assert check(text).placeholders == ["Decision: TBD.", "Decision: A TODOIST sync; TODO: pick"]


def test_a_repeated_section_is_reported() -> None:
    assert check(doc(*ALL, "Goals")).repeated == ["Goals"]


def test_headings_inside_code_fences_do_not_count() -> None:
    text = doc("Context", body="```markdown\n## Goals\n```")
    assert "Goals" in check(text).missing
    assert [heading for heading, _ in sections(text)] == ["Context"]


def test_subsections_belong_to_their_section() -> None:
    text = doc(*ALL).replace("## Options\n\nSomething written.", "## Options\n\n### A. Postgres\n\nRows.")
    assert check(text).problems() == ["ready for review"]


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("Goals", "Goals"),
        ("goals:", "Goals"),
        ("3. Goals", "Goals"),
        ("Non-goals", "Non-goals"),
        ("Out of scope", "Non-goals"),
        ("Options considered", "Options"),
        ("Alternatives", "Options"),
        ("Rollout plan", "Rollout"),
        ("Goalsetting", None),
        ("Open questions", None),
    ],
)
def test_heading_names(heading: str, name: str | None) -> None:
    assert required_name(heading) == name
