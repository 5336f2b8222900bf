"""Predict-the-output questions whose answer is the checked output of a tested example.

A page asks one with a marker, written like an admonition:

    !!! quiz "With capacity 1, what does `print(tiny.keys(), ...)` show?"
        example: examples/machine_coding/lru_cache/demo_lru.py:demo
        print: tiny.keys()
        wrong: ['x'] 1 None
        wrong: |
            ['x', 'y']
            1 2

- The title, in double quotes, is the question (plain text; `code` spans allowed).
- `example:` (required) names a file and a section the way pymdownx.snippets
  does, `path:section`, where the section is `# --8<-- [start:section]` ...
  `[end:section]`. The file is a Python example under examples/ (its output is
  written as `#>` lines), its Java, Go or TypeScript twin (`//>` lines), or a
  SQL query file (each result as `-- #>` lines, checked on SQLite).
- The right answer is never written on the page: it is the `#>` block under a
  print in that section, read at build time, so it cannot go stale (the docs
  harness checks those lines against what the example prints).
- `print:` (needed when the section prints more than one block) picks the
  block: the text must appear in the code leading up to exactly one block,
  that is, since the previous block or the section's start.
- `wrong:` (any number) is a wrong option, the rest of the line verbatim (no
  quoting), or `wrong: |` and the lines indented under it. Without any, the
  wrong options are up to three other output blocks of the same file.
- `id:` (optional) pins the question's id, which the tracker will store;
  by default it is made from the file name, the section and `print:`.

The marker may sit inside a tab or an admonition (indent it with the
content), never inside a code fence, where it is left alone. A marker that
names a missing file or section, a section with no output, a wrong option
equal to the answer, or an unknown key fails the build naming the page and line.

The build renders each one as a form: the question, the options as radio
buttons in an order shuffled with the question's id as the seed (the same
every build), a Check button, and the real output with a link to the file
(docs/assets/javascripts/quizzes.js does the checking in the browser).
"""

from __future__ import annotations

import random
import re
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

# How each language writes a print's output under it.
OUTPUT_PREFIXES = {".py": "#>", ".java": "//>", ".go": "//>", ".ts": "//>", ".sql": "-- #>"}
EXAMPLES_FOLDER = "examples"
DEFAULT_WRONG_OPTIONS = 3
MAX_ID_CHARS = 80
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = ("example", "print", "wrong", "id")

_MARKER = re.compile(r"^(?P<indent> *)!!! quiz\b(?P<rest>.*)$")
_QUESTION = re.compile(r'^ +"(?P<question>.*)" *$')
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
_FIELD = re.compile(r"^(?P<key>[A-Za-z_-]+): ?(?P<value>.*)$")
# pymdownx.snippets' section markers, as it matches them.
_SECTION = re.compile(
    r"-{1,}8<-{1,}[ \t]+\[[ \t]*(?P<kind>start|end)[ \t]*:[ \t]*(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]", re.IGNORECASE
)
_CODE_SPAN = re.compile(r"`([^`]+)`")
# What the page holds in a quiz's place until its HTML is ready; a paragraph of its own.
_SLOT = "HANDBOOKQUIZSLOT{}END"
_SLOT_PARAGRAPH = re.compile(r"<p>HANDBOOKQUIZSLOT(\d+)END</p>")


class QuizError(ValueError):
    """A marker the build cannot turn into a question; says where, as `page:line: problem`."""

    def __init__(self, page: str, line: int, problem: str) -> None:
        super().__init__(f"{page}:{line}: {problem}")
        self.page, self.line, self.problem = page, line, problem


@dataclass(frozen=True)
class Text:
    """A value of the marker and the page line it was written on."""

    value: str
    line: int


@dataclass(frozen=True)
class Marker:
    """One `!!! quiz` marker as written, before the example is read."""

    line: int  # of the `!!! quiz` line, in the page's source
    indent: str
    question: str
    example: Text
    print_text: Text | None = None
    wrong: tuple[Text, ...] = ()
    quiz_id: Text | None = None
    span: tuple[int, int] = (0, 0)  # 0-based [start, end) of its lines in the markdown given


@dataclass(frozen=True)
class OutputBlock:
    """One run of `#>` lines: what one print (or one loop of prints) wrote."""

    lines: tuple[str, ...]
    code: str  # the code leading up to it, since the previous block or the section's start
    line: int  # 1-based line of its first `#>` line in the file

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Option:
    text: str
    right: bool


@dataclass(frozen=True)
class Quiz:
    """A question ready to render."""

    quiz_id: str
    question: str
    example_path: str
    section: str
    answer: str
    wrong: tuple[str, ...]
    page: str = ""
    line: int = 0
    options: tuple[Option, ...] = field(default=(), compare=False)


# --- the marker -------------------------------------------------------------


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find_markers(markdown: str, page: str, first_line: int = 1) -> list[Marker]:
    """Every quiz marker in `markdown` outside code fences; `first_line` is the page line of its first line."""
    lines = markdown.split("\n")
    markers: list[Marker] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE.match(line)
        if opening:
            mark = opening.group("fence")
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :].strip():
                fence = None
            index += 1
            continue
        found = _MARKER.match(line) if fence is None else None
        if not found:
            index += 1
            continue
        end = index + 1
        body_indent = len(found.group("indent")) + 4
        while end < len(lines) and (not lines[end].strip() or _indent_of(lines[end]) >= body_indent):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1  # trailing blank lines belong to what follows
        markers.append(_parse_marker(lines, index, end, found, page, first_line))
        index = end
    return markers


def _parse_marker(lines: list[str], start: int, end: int, found: re.Match[str], page: str, first_line: int) -> Marker:
    def line_no(index: int) -> int:
        return first_line + index

    title = _QUESTION.match(found.group("rest"))
    if title is None or not title.group("question").strip():
        raise QuizError(page, line_no(start), 'a quiz needs its question as a quoted title: !!! quiz "Question?"')
    indent = found.group("indent")
    body_indent = len(indent) + 4
    fields: dict[str, list[Text]] = {key: [] for key in KEYS}
    index = start + 1
    while index < end:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        matched = _FIELD.match(line[body_indent:]) if _indent_of(line) == body_indent else None
        if matched is None:
            raise QuizError(page, line_no(index), f"expected `key: value` ({', '.join(KEYS)}), found {line.strip()!r}")
        key, value = matched.group("key"), matched.group("value")
        if key not in fields:
            raise QuizError(page, line_no(index), f"unknown quiz key {key!r}; the keys are {', '.join(KEYS)}")
        if key == "wrong" and value.strip() == "|":
            block_end = index + 1
            while block_end < end and (not lines[block_end].strip() or _indent_of(lines[block_end]) > body_indent):
                block_end += 1
            block = lines[index + 1 : block_end]
            depth = min((_indent_of(text) for text in block if text.strip()), default=0)
            fields[key].append(Text(_normalized("\n".join(text[depth:] for text in block)), line_no(index)))
            index = block_end
            continue
        fields[key].append(Text(value.strip() if key != "wrong" else _normalized(value), line_no(index)))
        index += 1
    for key in ("example", "print", "id"):
        if len(fields[key]) > 1:
            raise QuizError(page, fields[key][1].line, f"`{key}:` is given twice")
    if not fields["example"]:
        raise QuizError(page, line_no(start), "a quiz needs `example: path:section`")
    return Marker(
        line=line_no(start),
        indent=indent,
        question=title.group("question").strip(),
        example=fields["example"][0],
        print_text=(fields["print"] or [None])[0],
        wrong=tuple(fields["wrong"]),
        quiz_id=(fields["id"] or [None])[0],
        span=(start, end),
    )


def _normalized(text: str) -> str:
    """Output as compared: no trailing spaces on a line, no blank lines around it."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# --- the example's output ---------------------------------------------------


def section_lines(source: str, section: str) -> list[tuple[int, str]] | None:
    """The (1-based line, text) pairs in `section` of `source` as pymdownx.snippets reads it, or None if absent.

    As there, a section left open runs to the end of the file, and other sections' markers are left out.
    """
    inside: list[tuple[int, str]] | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        marker = _SECTION.search(line)
        if marker and marker.group("name") == section:
            if marker.group("kind").lower() == "end":
                break
            if inside is None:
                inside = []
        elif inside is not None and not marker:
            inside.append((number, line))
    return inside


def output_blocks(lines: Sequence[tuple[int, str]], prefix: str) -> list[OutputBlock]:
    """The runs of `prefix` lines in `lines` (pairs of line number and text), each with the code before it."""
    blocks: list[OutputBlock] = []
    code: list[str] = []
    output: list[str] = []
    first = 0
    for number, line in [*lines, (0, "")]:
        stripped = line.strip()
        if stripped.startswith(prefix) and number:
            if not output:
                first = number
            text = stripped[len(prefix) :]
            output.append(text[1:] if text.startswith(" ") else text)
            continue
        if output:
            blocks.append(OutputBlock(tuple(_normalized("\n".join(output)).split("\n")), "\n".join(code), first))
            output, code = [], []
        code.append(line)
    return blocks


class NoSuchOutput(LookupError):
    """A section that does not hold exactly the one output block a marker asks for."""

    def __init__(self, problem: str, *, about_print: bool) -> None:
        super().__init__(problem)
        self.about_print = about_print  # the `print:` text is what is wrong, not the section


def pick_block(blocks: Sequence[OutputBlock], print_text: str | None) -> OutputBlock:
    """The block a marker means; NoSuchOutput says why there is not exactly one."""
    if not blocks:
        raise NoSuchOutput("prints nothing: there is no `#>` output under a print in it", about_print=False)
    if print_text is None:
        if len(blocks) == 1:
            return blocks[0]
        lines = ", ".join(str(block.line) for block in blocks)
        raise NoSuchOutput(
            f"prints {len(blocks)} output blocks (lines {lines}); "
            "say which with `print: <text from the code just before it>`",
            about_print=False,
        )
    matching = [block for block in blocks if print_text in block.code]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        raise NoSuchOutput(f"has no output block after code containing {print_text!r}", about_print=True)
    lines = ", ".join(str(block.line) for block in matching)
    raise NoSuchOutput(
        f"has {len(matching)} output blocks after code containing {print_text!r} (lines {lines}); be more specific",
        about_print=True,
    )


# --- from marker to question ------------------------------------------------


def default_id(example_path: str, section: str, print_text: str | None) -> str:
    words = " ".join([Path(example_path).stem, section, print_text or ""])
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:MAX_ID_CHARS].rstrip("-")


def build_quiz(marker: Marker, page: str, root: Path) -> Quiz:
    """Read the example `marker` names under `root` and make its question; QuizError if it cannot."""
    target = marker.example
    path_text, _, section = target.value.rpartition(":")
    if not path_text or not section:
        raise QuizError(page, target.line, f"`example:` must be path:section, got {target.value!r}")
    examples = (root / EXAMPLES_FOLDER).resolve()
    path = (root / path_text).resolve()
    prefix = OUTPUT_PREFIXES.get(path.suffix)
    if not path.is_relative_to(examples) or prefix is None:
        kinds = ", ".join(OUTPUT_PREFIXES)
        raise QuizError(page, target.line, f"{path_text} is not a tested example ({kinds} file under examples/)")
    if not path.is_file():
        raise QuizError(page, target.line, f"{path_text} does not exist")
    source = path.read_text(encoding="utf-8")
    lines = section_lines(source, section)
    if lines is None:
        raise QuizError(page, target.line, f"{path_text} has no section {section!r} (`--8<-- [start:{section}]`)")
    print_text = marker.print_text.value if marker.print_text else None
    try:
        answer = pick_block(output_blocks(lines, prefix), print_text).text
    except NoSuchOutput as error:
        where = marker.print_text.line if marker.print_text and error.about_print else target.line
        raise QuizError(page, where, f"section {section!r} of {path_text} {error}") from None
    wrong = _wrong_options(marker, page, answer, source, prefix, path_text)
    quiz_id = _quiz_id(marker, page, path_text, section, print_text)
    quiz = Quiz(quiz_id, marker.question, path_text, section, answer, wrong, page, marker.line)
    return replace(quiz, options=shuffled_options(quiz))


def _wrong_options(marker: Marker, page: str, answer: str, source: str, prefix: str, path_text: str) -> tuple[str, ...]:
    if not marker.wrong:
        every = output_blocks(list(enumerate(source.split("\n"), start=1)), prefix)
        others = list(dict.fromkeys(block.text for block in every if block.text != answer))
        if not others:
            raise QuizError(
                page, marker.line, f"{path_text} prints nothing else to offer as a wrong option: write `wrong:` lines"
            )
        return tuple(others[:DEFAULT_WRONG_OPTIONS])
    seen: dict[str, int] = {}
    for option in marker.wrong:
        if not option.value:
            raise QuizError(page, option.line, "a `wrong:` option is empty")
        if option.value == answer:
            raise QuizError(
                page, option.line, f"this wrong option is the real output of {marker.example.value}; it must differ"
            )
        if option.value in seen:
            raise QuizError(page, option.line, f"this wrong option repeats the one on line {seen[option.value]}")
        seen[option.value] = option.line
    return tuple(seen)


def _quiz_id(marker: Marker, page: str, path_text: str, section: str, print_text: str | None) -> str:
    if marker.quiz_id is None:
        return default_id(path_text, section, print_text)
    value = marker.quiz_id.value
    if not ID_PATTERN.match(value) or len(value) > MAX_ID_CHARS:
        raise QuizError(
            page, marker.quiz_id.line, f"`id:` must be lowercase letters, digits and single hyphens, got {value!r}"
        )
    return value


def shuffled_options(quiz: Quiz) -> tuple[Option, ...]:
    """The answer and the wrong options, in an order seeded by the question's id: the same every build."""
    options = [Option(quiz.answer, True), *(Option(text, False) for text in quiz.wrong)]
    # Not a secret, only an order that is stable: the seed is the id itself.
    random.Random(f"handbook-quiz:{quiz.quiz_id}").shuffle(options)  # noqa: S311
    return tuple(options)


# --- the page ---------------------------------------------------------------


def source_line_offset(raw: str, markdown: str) -> int:
    """How many lines of the source file `raw` come before `markdown` (front matter, which MkDocs strips)."""
    if raw.startswith(markdown[:200]):
        return 0
    first = next((line for line in markdown.split("\n") if line.strip()), "")
    position = raw.find(first)
    return raw.count("\n", 0, position) if first and position > 0 else 0


def expand_quizzes(
    markdown: str, page: str, root: Path, *, first_line: int = 1, seen: MutableMapping[str, str] | None = None
) -> tuple[str, list[Quiz]]:
    """`markdown` with each marker replaced by a slot paragraph, and the quizzes in slot order.

    `seen` maps the ids used so far in this build to where ("page:line"); a
    second question with the same id fails, since the tracker keys results by id.
    """
    markers = find_markers(markdown, page, first_line)
    if not markers:
        return markdown, []
    seen = {} if seen is None else seen
    lines = markdown.split("\n")
    quizzes: list[Quiz] = []
    for marker in markers:
        quiz = build_quiz(marker, page, root)
        where = f"{page}:{marker.line}"
        if quiz.quiz_id in seen and seen[quiz.quiz_id] != where:
            raise QuizError(
                page, marker.line, f"quiz id {quiz.quiz_id!r} is already used at {seen[quiz.quiz_id]}; give one `id:`"
            )
        seen[quiz.quiz_id] = where
        quizzes.append(quiz)
    for number, marker in reversed(list(enumerate(markers))):
        start, end = marker.span
        lines[start:end] = ["", marker.indent + _SLOT.format(number), ""]
    return "\n".join(lines), quizzes


def fill_quizzes(html: str, quizzes: Sequence[Quiz], repo_url: str | None) -> str:
    """The page's `html` with each slot replaced by its quiz; QuizError for a slot that did not render alone."""
    filled: set[int] = set()

    def render(found: re.Match[str]) -> str:
        number = int(found.group(1))
        filled.add(number)
        return quiz_html(quizzes[number], repo_url)

    html = _SLOT_PARAGRAPH.sub(render, html)
    for number, quiz in enumerate(quizzes):
        if number not in filled:
            problem = "the quiz did not render as a block of its own: put blank lines around it"
            raise QuizError(quiz.page, quiz.line, problem)
    return html


def _inline(text: str) -> str:
    """Plain text with `code` spans, as HTML."""
    parts = _CODE_SPAN.split(text)
    # split() with a group alternates text and span: odd positions are code.
    return "".join(f"<code>{escape(part)}</code>" if index % 2 else escape(part) for index, part in enumerate(parts))


def _multiline(text: str) -> str:
    # Newlines as character references keep the markup on one line.
    return escape(text).replace("\n", "&#10;")


def example_url(repo_url: str | None, path: str) -> str | None:
    return f"{repo_url.rstrip('/')}/blob/main/{path}" if repo_url else None


def quiz_html(quiz: Quiz, repo_url: str | None) -> str:
    """The form a reader answers (quizzes.js checks it; without JavaScript the Check button stays hidden)."""
    base = f"quiz-{quiz.quiz_id}"
    options = "".join(
        f'<label class="handbook-quiz__option" for="{base}-{number}">'
        f'<input type="radio" id="{base}-{number}" name="{base}" value="{"right" if option.right else "wrong"}">'
        f'<samp class="handbook-quiz__text">{_multiline(option.text)}</samp></label>'
        for number, option in enumerate(quiz.options, start=1)
    )
    url = example_url(repo_url, quiz.example_path)
    # The path as plain text: a <code> box would stick out of a phone's column where the path wraps.
    path = escape(quiz.example_path)
    source = f'<a href="{escape(url)}">{path}</a>' if url else path
    return (
        f'<form class="handbook-quiz" id="{base}" data-quiz-id="{escape(quiz.quiz_id)}" tabindex="-1">'
        f'<fieldset><legend class="handbook-quiz__question">'
        f'<span class="handbook-quiz__kind">Predict the output</span> {_inline(quiz.question)}</legend>'
        f'<div class="handbook-quiz__options">{options}</div></fieldset>'
        f'<button class="handbook-quiz__check" type="submit" hidden>Check</button>'
        f'<p class="handbook-quiz__verdict" role="status"></p>'
        f'<div class="handbook-quiz__answer" hidden><p>The example prints:</p>'
        f'<pre class="handbook-quiz__output"><samp>{_multiline(quiz.answer)}</samp></pre>'
        f"<p>From {source}, section <code>{escape(quiz.section)}</code>.</p></div></form>"
    )
