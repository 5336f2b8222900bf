"""Every page that shows a tested example asks the reader to predict one of its outputs (issue 16).

A page counts as showing an example when a line of it includes a file under examples/ (a
`--8<-- "examples/...` snippet line, fenced or not, indented or not). It counts as asking when
handbook_build.quizzes finds a `!!! quiz` marker in it the way the build does: outside code fences,
so a marker quoted in a fence as documentation does not count.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from handbook_build.quizzes import find_markers
from tests.support.example_files import REPO_ROOT, markdown_pages

# pymdownx.snippets' include line, for a file under examples/.
EXAMPLE_INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"examples/', re.MULTILINE)


def includes_an_example(markdown: str) -> bool:
    return EXAMPLE_INCLUDE.search(markdown) is not None


def pages_without_a_quiz(pages: dict[str, str]) -> list[str]:
    """The names of the pages that include an example file and ask no quiz, in the order given."""
    return [name for name, text in pages.items() if includes_an_example(text) and not find_markers(text, name)]


QUIZ = """\
!!! quiz "What does it print?"
    example: examples/demo/cache.py:demo
    print: sorted(cache)
"""
INCLUDE = '```python title="examples/demo/cache.py"\n--8<-- "examples/demo/cache.py:demo"\n```\n'


def test_a_page_with_an_include_and_no_quiz_is_listed() -> None:
    assert pages_without_a_quiz({"docs/a.md": "# A\n\n" + INCLUDE}) == ["docs/a.md"]


def test_a_page_with_an_include_and_a_quiz_is_not() -> None:
    assert pages_without_a_quiz({"docs/a.md": "# A\n\n" + QUIZ + "\n" + INCLUDE}) == []


def test_a_page_without_an_include_needs_no_quiz() -> None:
    prose = "# Prose\n\nA `--8<--` mentioned in text, and a fence of plain Python:\n\n```python\nprint(1)\n#> 1\n```\n"
    assert pages_without_a_quiz({"docs/prose.md": prose}) == []


def test_an_include_indented_in_a_tab_or_admonition_counts() -> None:
    tabbed = '=== "Python"\n\n    ```python\n    --8<-- "examples/demo/cache.py:demo"\n    ```\n'
    assert pages_without_a_quiz({"docs/tabs.md": tabbed}) == ["docs/tabs.md"]


def test_a_quiz_marker_quoted_in_a_code_fence_does_not_count() -> None:
    quoted = "# How to write one\n\n````text\n" + QUIZ + "````\n\n" + INCLUDE
    assert pages_without_a_quiz({"docs/quoted.md": quoted}) == ["docs/quoted.md"]


def test_every_page_missing_a_quiz_is_listed_not_only_the_first() -> None:
    pages = {"docs/a.md": INCLUDE, "docs/b.md": QUIZ + INCLUDE, "docs/c.md": textwrap.indent(INCLUDE, "    ")}
    assert pages_without_a_quiz(pages) == ["docs/a.md", "docs/c.md"]


def site_pages() -> dict[str, str]:
    return {path.relative_to(REPO_ROOT).as_posix(): path.read_text(encoding="utf-8") for path in markdown_pages()}


def test_the_site_has_pages_that_include_examples() -> None:
    # Guards the check below: if the include pattern stopped matching, every page would pass.
    assert sum(includes_an_example(text) for text in site_pages().values()) >= 50


def test_every_page_that_includes_an_example_asks_at_least_one_quiz() -> None:
    missing = pages_without_a_quiz(site_pages())
    if missing:
        pytest.fail(
            f"{len(missing)} page(s) include an example file but ask no `!!! quiz` question"
            " (see CONTRIBUTING.md, 'Ask the reader to predict an output'):\n  " + "\n  ".join(missing),
            pytrace=False,
        )
