from __future__ import annotations

from pathlib import Path

import pytest

from handbook_build.glossary import GLOSSARY_FILE, abbreviations, glossary_page, load_glossary
from handbook_build.yaml_source import DataFileError
from tests.support.example_files import REPO_ROOT


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text)
    return path


def test_the_real_glossary_loads_and_is_sorted() -> None:
    entries = load_glossary(REPO_ROOT / GLOSSARY_FILE)
    assert entries, "the glossary is empty"
    terms = [entry.term.lower() for entry in entries]
    assert terms == sorted(terms)


def test_entries_become_tooltips_and_a_page(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- term: Idempotency\n  definition: Doing it twice  equals doing it once.\n  aliases: [idempotent]\n"
        "- term: API\n  definition: A contract between programs.\n",
    )
    entries = load_glossary(path)
    assert [e.term for e in entries] == ["API", "Idempotency"]
    assert abbreviations(entries) == {
        "API": "A contract between programs.",
        "Idempotency": "Doing it twice equals doing it once.",
        "idempotent": "Doing it twice equals doing it once.",
    }
    page = glossary_page(entries)
    assert "## Idempotency { #idempotency }" in page
    assert "Also written: idempotent." in page


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- term: API\n  definition: [unclosed\n", 3, "(while parsing a flow sequence at line 2)"),
        ("term: API\n", 1, "expected a list"),
        ("- term: API\n  definition: x\n  colour: red\n", 1, "unknown key(s) ['colour']"),
        ("- term: API\n", 1, "needs a non-empty `definition`"),
        (
            "- term: A\n  definition: x\n- term: B\n  definition: y\n  aliases: [a]\n",
            3,
            "'a' is already defined at line 1",
        ),
        ("- term: A\n  definition: x\n  aliases: a\n", 1, "must be a list of strings"),
        ("- term: A\n  term: B\n  definition: x\n", 2, "duplicate key 'term'"),
    ],
)
def test_a_broken_glossary_names_the_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        load_glossary(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)
