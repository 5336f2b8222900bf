"""`//>` output comments in Java, Go and TypeScript examples: parse, compare, rewrite.

The rule is Python's `#>` rule: the lines a print call writes sit directly
under it, one `//>` comment per line, indented like the call:

    System.out.println("total " + total);
    //> total 42

A run is traced (see toolchains.py): every line the program prints arrives
with the source line of the print call that wrote it. A print call may span
several lines; its block goes under the line where its parentheses close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

OUTPUT_PREFIX = "//>"
_OUTPUT_LINE = re.compile(r"^(?P<indent>\s*)//>(?: (?P<text>.*))?$")
# The sentinel a traced run writes before each printed line: NUL, "L", the line number, a space.
TRACE_MARKER = "\0L"


class OutputCommentError(ValueError):
    """A `//>` block that is not under a print call, or output the harness cannot place."""


@dataclass(frozen=True)
class PrintCall:
    first_line: int  # 1-based line where the call starts
    last_line: int  # 1-based line where its parentheses close: the block goes under it
    indent: str


def print_calls(source: str, call: re.Pattern[str]) -> list[PrintCall]:
    """Every print call in `source` (`call` matches its name and opening parenthesis)."""
    lines = source.splitlines()
    calls = []
    for number, line in enumerate(lines, start=1):
        code = _code_part(line)
        for match in call.finditer(code):
            last = _closing_line(lines, number - 1, match.end() - 1)
            indent = re.match(r"\s*", line).group()  # type: ignore[union-attr] - \s* always matches
            calls.append(PrintCall(number, last, indent))
    return calls


def expected_blocks(source: str, calls: list[PrintCall], where: str) -> dict[int, list[str]]:
    """The `//>` lines under each print call, keyed by the call's last line."""
    lines = source.splitlines()
    owners = {c.last_line for c in calls}
    blocks: dict[int, list[str]] = {}
    number = 0
    while number < len(lines):
        if _OUTPUT_LINE.match(lines[number]):
            owner = number  # 1-based number of the line above the block
            block = []
            while number < len(lines) and (match := _OUTPUT_LINE.match(lines[number])):
                block.append(match.group("text") or "")
                number += 1
            if owner not in owners:
                raise OutputCommentError(
                    f"{where}:{owner + 1}: a `{OUTPUT_PREFIX}` block must sit directly under a print call"
                )
            blocks[owner] = block
            continue
        number += 1
    return blocks


def parse_trace(stdout: str, calls: list[PrintCall], where: str) -> dict[int, list[str]]:
    """Group a traced run's output by print call (keyed like expected_blocks)."""
    by_first_line = sorted(calls, key=lambda c: c.first_line)
    produced: dict[int, list[str]] = {}
    for raw in stdout.splitlines():
        if not raw.startswith(TRACE_MARKER):
            raise OutputCommentError(
                f"{where}: printed {raw!r} from outside its print calls; print with the calls the harness "
                "traces (System.out.print*, fmt.Print*, console.log) in the example's own file"
            )
        number_text, _, text = raw[len(TRACE_MARKER) :].partition(" ")
        call = _call_at(by_first_line, int(number_text), where)
        produced.setdefault(call.last_line, []).append(text)
    return produced


def differences(expected: dict[int, list[str]], produced: dict[int, list[str]], where: str) -> list[str]:
    """One message per print call whose `//>` block differs from what it printed."""
    problems = []
    for owner in sorted(set(expected) | set(produced)):
        want, got = expected.get(owner, []), produced.get(owner, [])
        if want != got:
            problems.append(
                f"{where}:{owner}: the `{OUTPUT_PREFIX}` lines under this print differ from what it printed\n"
                "  expected (in file):\n" + _indented(want) + "\n  printed:\n" + _indented(got)
            )
    return problems


def rewrite(source: str, calls: list[PrintCall], produced: dict[int, list[str]]) -> str:
    """`source` with every `//>` block replaced by what its print call printed."""
    indents = {c.last_line: c.indent for c in calls}
    kept = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not _OUTPUT_LINE.match(line):
            kept.append((number, line))
    out = []
    for number, line in kept:
        out.append(line)
        for text in produced.get(number, []):
            out.append(f"{indents[number]}{OUTPUT_PREFIX} {text}".rstrip())
    return "\n".join(out) + "\n"


def rewrite_file(path: Path, calls: list[PrintCall], produced: dict[int, list[str]]) -> bool:
    """Rewrite `path` in place; True if it changed."""
    source = path.read_text(encoding="utf-8")
    updated = rewrite(source, calls, produced)
    if updated == source:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


def _call_at(calls: list[PrintCall], line: int, where: str) -> PrintCall:
    """The call a runtime reported at `line`: one starting there, else the one spanning it."""
    for call in calls:
        if call.first_line <= line <= call.last_line:
            return call
    raise OutputCommentError(f"{where}:{line}: output traced to a line with no print call")


def _indented(lines: list[str]) -> str:
    return "\n".join(f"    {OUTPUT_PREFIX} {text}" for text in lines) or "    (nothing)"


def _code_part(line: str) -> str:
    """`line` with string literals blanked and a trailing // comment removed."""
    out, quote, escaped = [], "", False
    for index, char in enumerate(line):
        if quote:
            out.append(" ")
            if escaped:
                escaped = False
            elif char == "\\" and quote != "`":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
            out.append(" ")
        elif line.startswith("//", index):
            break
        else:
            out.append(char)
    return "".join(out)


def _closing_line(lines: list[str], row: int, column: int) -> int:
    """The 1-based line on which the parenthesis at (row, column) closes."""
    depth = 0
    for number in range(row, len(lines)):
        code = _code_part(lines[number])
        start = column if number == row else 0
        for char in code[start:]:
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return number + 1
    raise OutputCommentError(f"line {row + 1}: the print call's parentheses never close")
