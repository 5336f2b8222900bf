"""Predict-the-output questions (handbook_build/quizzes.py, hooks/quizzes.py).

- the marker parses, with the line of every part, and a bad one says where;
- the answer is the example's `#>` block, never anything the page wrote;
- the build fails, naming page and line, for a missing file or section, a
  section with no output, or a wrong option equal to the answer;
- options come in the same shuffled order every build;
- every quiz on the site builds, and its answer is what its example prints now.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook_build.quizzes import (
    OUTPUT_PREFIXES,
    OutputBlock,
    Quiz,
    QuizError,
    Text,
    build_quiz,
    default_id,
    expand_quizzes,
    fill_quizzes,
    find_markers,
    output_blocks,
    quiz_html,
    section_lines,
    shuffled_options,
    source_line_offset,
)
from tests.support.example_files import REPO_ROOT, markdown_pages

EXAMPLE = '''\
"""A demo."""

# --8<-- [start:demo]
cache = {"x": 1}
print(sorted(cache))
#> ['x']
for key in ("a", "b"):
    print(key)
    #> a
    #> b
# --8<-- [end:demo]

# --8<-- [start:silent]
total = 1 + 1
# --8<-- [end:silent]

# --8<-- [start:one]
print("only")
#> only
# --8<-- [end:one]
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "examples/demo").mkdir(parents=True)
    (tmp_path / "examples/demo/cache.py").write_text(EXAMPLE)
    return tmp_path


def page(*body: str) -> str:
    return textwrap.dedent("\n".join(body))


# --- the marker ---------------------------------------------------------------


def test_a_marker_parses_with_the_line_of_every_part() -> None:
    markdown = page(
        "# Title",
        "",
        '!!! quiz "What does `sorted(cache)` print?"',
        "    example: examples/demo/cache.py:demo",
        "    print: sorted(cache)",
        "    wrong: ['x', 'y']",
        "    wrong: |",
        "        x",
        "",
        "        y",
        "    id: my-question",
        "",
        "After.",
    )
    [marker] = find_markers(markdown, "docs/p.md")
    assert marker.line == 3
    assert marker.question == "What does `sorted(cache)` print?"
    assert marker.example == Text("examples/demo/cache.py:demo", 4)
    assert marker.print_text == Text("sorted(cache)", 5)
    assert marker.wrong == (Text("['x', 'y']", 6), Text("x\n\ny", 7))
    assert marker.quiz_id == Text("my-question", 11)
    assert marker.span == (2, 11)  # the blank line after it is not part of it


def test_markers_in_tabs_are_found_and_markers_in_code_fences_are_not() -> None:
    markdown = page(
        '=== "Python"',
        "",
        '    !!! quiz "Inside a tab?"',
        "        example: examples/demo/cache.py:one",
        "",
        "```text",
        '!!! quiz "Only showing the syntax"',
        "    example: examples/demo/cache.py:one",
        "```",
    )
    [marker] = find_markers(markdown, "docs/p.md")
    assert (marker.line, marker.indent, marker.example.value) == (3, "    ", "examples/demo/cache.py:one")


def test_line_numbers_count_from_the_first_line_given() -> None:
    [marker] = find_markers('!!! quiz "Q?"\n    example: examples/demo/cache.py:one', "docs/p.md", first_line=5)
    assert (marker.line, marker.example.line) == (5, 6)


def test_front_matter_is_counted_back_into_line_numbers() -> None:
    raw = "---\ntitle: T\n---\n\n# Heading\n\ntext\n"
    assert source_line_offset(raw, "# Heading\n\ntext\n") == 4
    assert source_line_offset("# Heading\n", "# Heading\n") == 0


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (['!!! quiz "  "', "    example: examples/demo/cache.py:one"], 1, "needs its question as a quoted title"),
        (["!!! quiz", "    example: examples/demo/cache.py:one"], 1, "needs its question as a quoted title"),
        (['!!! quiz "Q?"', "    wrong: 2"], 1, "needs `example: path:section`"),
        (['!!! quiz "Q?"', "    example: examples/demo/cache.py:one", "    answer: 2"], 3, "unknown quiz key 'answer'"),
        (['!!! quiz "Q?"', "    example: examples/demo/cache.py:one", "    just text"], 3, "expected `key: value`"),
        (['!!! quiz "Q?"', "    example: a.py:b", "    example: c.py:d"], 3, "`example:` is given twice"),
    ],
)
def test_a_malformed_marker_says_where_and_what(lines: list[str], line: int, problem: str) -> None:
    with pytest.raises(QuizError) as raised:
        find_markers("\n".join(["Intro.", "", *lines]), "docs/p.md")
    assert str(raised.value).startswith(f"docs/p.md:{line + 2}: ")
    assert problem in str(raised.value)


# --- the example's output -------------------------------------------------------


def test_output_blocks_are_the_hash_arrow_runs_with_the_code_before_each() -> None:
    blocks = output_blocks(section_lines(EXAMPLE, "demo"), "#>")
    assert blocks == [
        OutputBlock(("['x']",), 'cache = {"x": 1}\nprint(sorted(cache))', 6),
        OutputBlock(("a", "b"), 'for key in ("a", "b"):\n    print(key)', 9),
    ]


def test_other_languages_output_is_read_from_their_own_comment() -> None:
    source = "// --8<-- [start:demo]\nSystem.out.println(1);\n//> 1\n// --8<-- [end:demo]\n"
    [block] = output_blocks(section_lines(source, "demo"), "//>")
    assert block.lines == ("1",)


def test_sql_results_are_read_from_their_sql_comment() -> None:
    source = "-- --8<-- [start:q]\nSELECT name FROM users;\n-- #> name\n-- #> ----\n-- #> Ada\n-- --8<-- [end:q]\n"
    [block] = output_blocks(section_lines(source, "q"), OUTPUT_PREFIXES[".sql"])
    assert block.lines == ("name", "----", "Ada")
    assert block.code == "SELECT name FROM users;"


def test_sections_are_read_as_pymdownx_snippets_reads_them() -> None:
    assert section_lines(EXAMPLE, "nope") is None
    assert section_lines("# --8<-- [end:s]\n# --8<-- [start:s]\nprint(1)\n", "s") is None  # an end before the start
    assert section_lines("# --8<-- [start:open]\nprint(1)", "open") == [(2, "print(1)")]  # open to the end
    nested = "# --8<-- [start:a]\nx = 1\n# --8<-- [start:b]\ny = 2\n# --8<-- [end:b]\n# --8<-- [end:a]"
    assert section_lines(nested, "a") == [(2, "x = 1"), (4, "y = 2")]


def quiz_from(project: Path, *lines: str) -> Quiz:
    [marker] = find_markers(page('!!! quiz "Q?"', *lines), "docs/p.md")
    return build_quiz(marker, "docs/p.md", project)


def test_the_answer_is_the_block_the_print_text_picks(project: Path) -> None:
    quiz = quiz_from(project, "    example: examples/demo/cache.py:demo", "    print: for key", "    wrong: b a")
    assert (quiz.answer, quiz.wrong, quiz.section) == ("a\nb", ("b a",), "demo")
    assert sorted(option.text for option in quiz.options) == ["a\nb", "b a"]
    assert [option.text for option in quiz.options if option.right] == ["a\nb"]


def test_a_section_with_one_block_needs_no_print_text(project: Path) -> None:
    assert quiz_from(project, "    example: examples/demo/cache.py:one", "    wrong: none").answer == "only"


def test_without_wrong_options_the_files_other_outputs_are_offered(project: Path) -> None:
    quiz = quiz_from(project, "    example: examples/demo/cache.py:one")
    assert quiz.wrong == ("['x']", "a\nb")


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (["    example: examples/demo/missing.py:demo"], 2, "examples/demo/missing.py does not exist"),
        (["    example: docs/index.md:demo"], 2, "is not a tested example"),
        (["    example: examples/demo/../../secret.py:demo"], 2, "is not a tested example"),
        (["    example: examples/demo/cache.py"], 2, "must be path:section"),
        (["    example: examples/demo/cache.py:nope"], 2, "has no section 'nope'"),
        (["    example: examples/demo/cache.py:silent"], 2, "prints nothing"),
        (["    example: examples/demo/cache.py:demo"], 2, "prints 2 output blocks (lines 6, 9)"),
        (["    example: examples/demo/cache.py:demo", "    print: len("], 3, "no output block after code containing"),
        (["    example: examples/demo/cache.py:demo", "    print: print("], 3, "has 2 output blocks after code"),
        (["    example: examples/demo/cache.py:one", "    wrong: only"], 3, "is the real output of"),
        (["    example: examples/demo/cache.py:one", "    wrong: |", "        only  "], 3, "is the real output of"),
        (["    example: examples/demo/cache.py:one", "    wrong: a", "    wrong: a"], 4, "repeats the one on line 3"),
        (["    example: examples/demo/cache.py:one", "    wrong:"], 3, "is empty"),
        (["    example: examples/demo/cache.py:one", "    wrong: a", "    id: Not_A_Slug"], 4, "`id:` must be"),
    ],
)
def test_a_quiz_the_build_cannot_make_fails_naming_page_and_line(
    project: Path, lines: list[str], line: int, problem: str
) -> None:
    with pytest.raises(QuizError) as raised:
        quiz_from(project, *lines)
    assert str(raised.value).startswith(f"docs/p.md:{line}: "), str(raised.value)
    assert problem in str(raised.value)


def test_a_file_with_no_other_output_needs_wrong_options(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples/solo.py").write_text("# --8<-- [start:s]\nprint(1)\n#> 1\n# --8<-- [end:s]\n")
    with pytest.raises(QuizError, match=r"docs/p.md:1: .*write `wrong:` lines"):
        quiz_from(tmp_path, "    example: examples/solo.py:s")


# --- ids and order ------------------------------------------------------------------


def test_the_default_id_is_made_from_file_section_and_print_text() -> None:
    assert default_id("examples/a/demo_lru.py", "demo", "tiny.keys()") == "demo-lru-demo-tiny-keys"
    assert default_id("examples/a/b.py", "s", None) == "b-s"
    assert len(default_id("examples/a/b.py", "s", "x" * 200)) == 80


def test_the_order_is_shuffled_by_id_and_the_same_every_time() -> None:
    def order(quiz_id: str) -> list[str]:
        quiz = Quiz(quiz_id, "Q?", "examples/a.py", "s", "answer", ("w1", "w2", "w3", "w4"))
        return [option.text for option in shuffled_options(quiz)]

    assert order("q-1") == order("q-1")
    orders = {tuple(order(f"q-{n}")) for n in range(20)}
    assert len(orders) > 5  # the id moves the answer around
    assert {o.index("answer") for o in orders} == {0, 1, 2, 3, 4}
    # The same in every process: a str seed goes through SHA-512, not hash(), so PYTHONHASHSEED is no matter.
    assert order("q-1") == ["w2", "answer", "w3", "w4", "w1"]


def test_two_quizzes_with_one_id_fail_naming_the_first(project: Path) -> None:
    markdown = page(
        '!!! quiz "Q?"',
        "    example: examples/demo/cache.py:one",
        "",
        '!!! quiz "Again?"',
        "    example: examples/demo/cache.py:one",
    )
    with pytest.raises(QuizError, match=r"^docs/p.md:4: quiz id 'cache-one' is already used at docs/p.md:1"):
        expand_quizzes(markdown, "docs/p.md", project)


def test_an_id_used_on_another_page_fails_too(project: Path) -> None:
    seen: dict[str, str] = {}
    marker = '!!! quiz "Q?"\n    example: examples/demo/cache.py:one\n    id: shared'
    expand_quizzes(marker, "docs/a.md", project, seen=seen)
    with pytest.raises(QuizError, match=r"already used at docs/a\.md:1"):
        expand_quizzes(marker, "docs/b.md", project, seen=seen)


# --- the HTML -----------------------------------------------------------------------


class _Form(HTMLParser):
    """The parts of a quiz form the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.labels: list[str | None] = []
        self.outputs: list[str] = []
        self.hidden: list[str] = []
        self.links: list[str | None] = []
        self._output: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input":
            self.inputs.append(values)
        if tag == "label":
            self.labels.append(values.get("for"))
        if tag == "samp":
            self._output = []
        if tag == "a":
            self.links.append(values.get("href"))
        if "hidden" in values:
            self.hidden.append(str(values.get("class")))

    def handle_data(self, data: str) -> None:
        if self._output is not None:
            self._output.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "samp" and self._output is not None:
            self.outputs.append("".join(self._output))
            self._output = None


def test_the_form_has_one_radio_per_option_and_the_real_output_hidden(project: Path) -> None:
    quiz = quiz_from(project, "    example: examples/demo/cache.py:demo", "    print: for key", "    wrong: <b> & a")
    html = quiz_html(quiz, "https://github.com/o/r/")
    assert "\n" not in html  # one line: nothing for Markdown to reinterpret
    form = _Form()
    form.feed(html)
    ids = [str(option["id"]) for option in form.inputs]
    assert ids == ["quiz-cache-demo-for-key-1", "quiz-cache-demo-for-key-2"]
    assert form.labels == ids
    assert {option["name"] for option in form.inputs} == {"quiz-cache-demo-for-key"}
    assert sorted(str(option["value"]) for option in form.inputs) == ["right", "wrong"]
    right = [str(o["id"]) for o in form.inputs if o["value"] == "right"]
    assert form.outputs[ids.index(right[0])] == "a\nb"  # markup-free text, newlines kept
    assert "<b> & a" in form.outputs
    assert form.outputs[-1] == "a\nb"  # the real output, shown after a check
    assert form.hidden == ["handbook-quiz__check", "handbook-quiz__answer"]
    assert form.links == ["https://github.com/o/r/blob/main/examples/demo/cache.py"]
    assert 'data-quiz-id="cache-demo-for-key"' in html


def test_without_a_repository_the_file_is_named_not_linked(project: Path) -> None:
    html = quiz_html(quiz_from(project, "    example: examples/demo/cache.py:one", "    wrong: x"), None)
    assert "<a " not in html
    assert "From examples/demo/cache.py, section <code>one</code>." in html


def test_code_spans_in_the_question_become_code() -> None:
    quiz = Quiz("q", "Is `a < b` <true>?", "examples/a.py", "s", "1", ("2",), options=())
    assert "Is <code>a &lt; b</code> &lt;true&gt;?</legend>" in quiz_html(quiz, None)


def test_each_slot_is_filled_and_a_slot_that_did_not_render_alone_fails(project: Path) -> None:
    markdown = "Intro.\n\n" + '!!! quiz "Q?"\n    example: examples/demo/cache.py:one\n    wrong: x\n' + "\nAfter."
    expanded, [quiz] = expand_quizzes(markdown, "docs/p.md", project)
    assert expanded == "Intro.\n\n\nHANDBOOKQUIZSLOT0END\n\n\nAfter."
    assert fill_quizzes("<p>HANDBOOKQUIZSLOT0END</p>", [quiz], None).startswith('<form class="handbook-quiz"')
    with pytest.raises(QuizError, match=r"^docs/p\.md:3: the quiz did not render as a block of its own"):
        fill_quizzes("<li>HANDBOOKQUIZSLOT0END</li>", [quiz], None)


# --- the hook, in a real build --------------------------------------------------------


def build_project(project: Path, markdown: str) -> subprocess.CompletedProcess[str]:
    """A one-page site with only the quiz hook, built strictly with `-f` and a relative path, as
    `mkdocs build -f .mkdocs-helper.yml` is (the hook must not assume an absolute config path)."""
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs/index.md").write_text(markdown)
    (project / "quiz.yml").write_text(
        "site_name: Quiz test\nrepo_url: https://github.com/o/r\n"
        f"hooks:\n  - {REPO_ROOT / 'hooks/quizzes.py'}\n"
        "markdown_extensions:\n  - admonition\n"
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "quiz.yml", "-d", "site"],
        cwd=project,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_hook_builds_the_form_into_the_page(project: Path) -> None:
    markdown = '# Demo\n\n!!! quiz "What prints?"\n    example: examples/demo/cache.py:one\n    wrong: many\n\nAfter.\n'
    result = build_project(project, markdown)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/index.html").read_text()
    assert html.count('<form class="handbook-quiz" id="quiz-cache-one"') == 1
    assert "HANDBOOKQUIZSLOT" not in html
    assert "!!! quiz" not in html


def test_the_hook_fails_the_build_naming_page_and_line(project: Path) -> None:
    markdown = '---\ntitle: Demo\n---\n# Demo\n\n!!! quiz "What prints?"\n    example: examples/demo/cache.py:one\n'
    markdown += "    wrong: only\n"
    result = build_project(project, markdown)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md:8: this wrong option is the real output of examples/demo/cache.py:one" in output
    assert "Traceback" not in output


# --- the site's own quizzes -----------------------------------------------------------


def site_quizzes() -> list[Quiz]:
    quizzes: list[Quiz] = []
    seen: dict[str, str] = {}
    for path in markdown_pages():
        name = path.relative_to(REPO_ROOT).as_posix()
        quizzes += expand_quizzes(path.read_text(encoding="utf-8"), name, REPO_ROOT, seen=seen)[1]
    return quizzes


QUIZZES = site_quizzes()


def test_the_site_asks_at_least_six_questions_on_six_pages() -> None:
    assert len(QUIZZES) >= 6
    assert len({quiz.page for quiz in QUIZZES}) >= 6


@pytest.mark.parametrize("quiz", QUIZZES, ids=[quiz.quiz_id for quiz in QUIZZES])
def test_every_answer_is_an_output_block_of_its_examples_section_now(quiz: Quiz) -> None:
    example = REPO_ROOT / quiz.example_path
    blocks = output_blocks(
        section_lines(example.read_text(encoding="utf-8"), quiz.section), OUTPUT_PREFIXES[example.suffix]
    )
    assert quiz.answer in [block.text for block in blocks]


# No quiz runs its example again: its answer is read from the output comments, and those are
# what the harnesses compare with what each example really prints: `#>` in Python by
# tests/test_docs.py, `//>` in Java, Go and TypeScript by tests/test_other_languages.py, and
# SQL's `-- #>` with what SQLite returns by tests/test_sql_examples.py. (Running each of the
# 144 examples here too cost CI about five minutes and could catch nothing those miss.)
