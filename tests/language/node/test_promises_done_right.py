"""Where a catch catches, what Promise.all leaves running, and how unhandled rejections end a process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.node.node_programs import call_json, run_program


def test_return_without_await_escapes_the_try_block(node_build: Path) -> None:
    outcome = call_json(
        node_build,
        "promises_done_right",
        "m.withoutAwait().catch((e) => `escaped: ${e.message}`)",
    )
    assert outcome == "escaped: connection refused"


def test_return_await_is_caught_inside_it(node_build: Path) -> None:
    assert call_json(node_build, "promises_done_right", "m.withAwait()") == "fallback"


def test_promise_all_rejects_at_the_first_failure_and_the_others_run_on(
    node_build: Path,
) -> None:
    log = call_json(node_build, "promises_done_right", "m.allRejectsFast()")
    assert log == [
        "b finished",
        "Promise.all rejected: b failed",
        "c finished",
        "a finished",
    ]


def test_all_settled_reports_every_outcome_in_input_order(node_build: Path) -> None:
    assert call_json(node_build, "promises_done_right", "m.everyOutcome()") == [
        "d",
        "rejected: connection refused",
        "f",
    ]


@pytest.mark.parametrize(("concurrent", "peak"), [("false", 1), ("true", 3)])
def test_await_in_a_loop_runs_one_call_at_a_time(
    node_build: Path, concurrent: str, peak: int
) -> None:
    assert (
        call_json(node_build, "promises_done_right", f"m.peakInFlight({concurrent})")
        == peak
    )


def test_each_program_ends_the_way_the_page_says(node_build: Path) -> None:
    outcomes = call_json(
        node_build,
        "promises_done_right",
        "Object.fromEntries(Object.entries(m.PROGRAMS).map(([name, code]) => [name, m.runAlone(code)]))",
    )
    assert outcomes == {
        "rejected, never awaited": 'exit 1, printed "", died of: Error: lost',
        "awaited only after a timer": 'exit 1, printed "", died of: Error: handled too late',
        "a handler logs, then exits": 'exit 1, printed "logged: Error: lost", died of: none',
    }


LOST = 'Promise.reject(new Error("lost"));\nsetTimeout(() => console.log("still running"), 10);\n'


def test_the_default_mode_is_throw(node_build: Path) -> None:
    """Node 15 and later: an unhandled rejection is raised as an uncaught exception."""
    assert (
        run_program(LOST).returncode
        == run_program(LOST, flags=("--unhandled-rejections=throw",)).returncode
        == 1
    )


@pytest.mark.parametrize("mode", ["warn", "none"])
def test_the_older_modes_keep_the_process_running(mode: str) -> None:
    result = run_program(LOST, flags=(f"--unhandled-rejections={mode}",))
    assert (result.returncode, result.stdout.strip()) == (0, "still running")
    assert ("Error: lost" in result.stderr) is (mode == "warn")


def test_a_handler_attached_in_the_same_tick_counts_as_handled() -> None:
    program = 'const p = Promise.reject(new Error("x"));\np.catch(() => console.log("handled"));\n'
    result = run_program(program)
    assert (result.returncode, result.stdout.strip()) == (0, "handled")
