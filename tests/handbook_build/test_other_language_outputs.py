"""The `//>` harness for Java, Go and TypeScript: placing, comparing and rewriting output."""

from __future__ import annotations

import re

import pytest

from handbook_build.other_languages import outputs
from handbook_build.other_languages.outputs import OutputCommentError

CALL = re.compile(r"\bconsole\.log\(")
SOURCE = """\
for (const n of [1, 2]) {
  console.log("n", n);
  //> n 1
  //> n 2
}
console.log(
  "done");
//> done
"""


def trace(*lines: tuple[int, str]) -> str:
    return "".join(f"{outputs.TRACE_MARKER}{line} {text}\n" for line, text in lines)


def test_a_block_belongs_to_the_call_above_it_even_when_the_call_spans_lines() -> None:
    calls = outputs.print_calls(SOURCE, CALL)
    assert [(c.first_line, c.last_line) for c in calls] == [(2, 2), (6, 7)]
    assert outputs.expected_blocks(SOURCE, calls, "x.ts") == {2: ["n 1", "n 2"], 7: ["done"]}


def test_matching_output_has_no_differences() -> None:
    calls = outputs.print_calls(SOURCE, CALL)
    produced = outputs.parse_trace(trace((2, "n 1"), (2, "n 2"), (6, "done")), calls, "x.ts")
    assert outputs.differences(outputs.expected_blocks(SOURCE, calls, "x.ts"), produced, "x.ts") == []


def test_a_changed_line_is_reported_at_its_call() -> None:
    calls = outputs.print_calls(SOURCE, CALL)
    produced = outputs.parse_trace(trace((2, "n 1"), (2, "n 3"), (7, "done")), calls, "x.ts")
    [problem] = outputs.differences(outputs.expected_blocks(SOURCE, calls, "x.ts"), produced, "x.ts")
    assert problem.startswith("x.ts:2:") and "//> n 3" in problem


def test_a_call_that_printed_nothing_it_promised_is_reported() -> None:
    calls = outputs.print_calls(SOURCE, CALL)
    produced = outputs.parse_trace(trace((2, "n 1"), (2, "n 2")), calls, "x.ts")
    [problem] = outputs.differences(outputs.expected_blocks(SOURCE, calls, "x.ts"), produced, "x.ts")
    assert problem.startswith("x.ts:7:") and "(nothing)" in problem


def test_rewrite_replaces_every_block_and_a_second_rewrite_changes_nothing() -> None:
    calls = outputs.print_calls(SOURCE, CALL)
    produced = {2: ["n 10", "n 20", "n 30"], 7: []}
    updated = outputs.rewrite(SOURCE, calls, produced)
    assert updated.splitlines()[1:5] == ['  console.log("n", n);', "  //> n 10", "  //> n 20", "  //> n 30"]
    assert "//> done" not in updated
    again = outputs.print_calls(updated, CALL)
    produced = outputs.parse_trace(trace((2, "n 10"), (2, "n 20"), (2, "n 30")), again, "x")
    assert outputs.rewrite(updated, again, produced) == updated


def test_an_empty_printed_line_is_a_bare_marker() -> None:
    source = 'console.log("");\n'
    calls = outputs.print_calls(source, CALL)
    assert outputs.rewrite(source, calls, {1: [""]}) == 'console.log("");\n//>\n'
    assert outputs.expected_blocks('console.log("");\n//>\n', calls, "x") == {1: [""]}


def test_a_block_not_under_a_print_call_is_an_error() -> None:
    source = "const x = 1;\n//> 1\n"
    with pytest.raises(OutputCommentError, match=r"x\.ts:2: .* directly under a print call"):
        outputs.expected_blocks(source, outputs.print_calls(source, CALL), "x.ts")


def test_output_from_outside_the_traced_calls_is_an_error() -> None:
    with pytest.raises(OutputCommentError, match="from outside its print calls"):
        outputs.parse_trace("plain line\n", outputs.print_calls(SOURCE, CALL), "x.ts")


def test_output_traced_to_a_line_without_a_call_is_an_error() -> None:
    with pytest.raises(OutputCommentError, match=r"x\.ts:4: output traced to a line with no print call"):
        outputs.parse_trace(trace((4, "?")), outputs.print_calls(SOURCE, CALL), "x.ts")


def test_calls_inside_strings_and_comments_are_not_calls() -> None:
    source = 'const s = "console.log(x)"; // console.log(y)\nconsole.log(s);\n'
    assert [c.first_line for c in outputs.print_calls(source, CALL)] == [2]


def test_parentheses_inside_strings_do_not_end_the_call() -> None:
    source = 'console.log(")",\n  "(");\n'
    [call] = outputs.print_calls(source, CALL)
    assert call.last_line == 2


def test_a_call_that_never_closes_is_an_error() -> None:
    with pytest.raises(OutputCommentError, match="never close"):
        outputs.print_calls("console.log(1,\n", CALL)
