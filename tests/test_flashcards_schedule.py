"""SM-2 scheduling of the flashcards (docs/assets/javascripts/flashcards.js), run in Node.

The functions are pure and take the time as an argument, so these tests give
them fixed dates; nothing here reads the clock. The numbers the practice page
states (docs/practice/flashcards.md) are checked here.
"""

from __future__ import annotations

import json
import subprocess
from itertools import pairwise

import pytest

from tests.support.example_files import REPO_ROOT
from tests.support.servers import require_tools

SCRIPT = REPO_ROOT / "docs/assets/javascripts/flashcards.js"


def run_node(body: str) -> object:
    """Run `body` with `f` bound to the module's exports; it must `return` a JSON-able value."""
    require_tools("node")
    program = f"const f = require({json.dumps(str(SCRIPT))});\nconst out = (() => {{ {body} }})();\n"
    program += "process.stdout.write(JSON.stringify(out));\n"
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def sm2_run(qualities: list[int]) -> list[dict]:
    return run_node(
        f"let s = null; const steps = []; for (const q of {json.dumps(qualities)})"
        " { s = f.sm2(s, q); steps.push(s); } return steps;"
    )


def test_a_new_card_goes_1_then_6_days_then_interval_times_ease() -> None:
    steps = sm2_run([4, 4, 4, 4])
    assert [(s["reps"], s["ef"], s["interval"]) for s in steps] == [
        (1, 2.5, 1),
        (2, 2.5, 6),
        (3, 2.5, 15),
        (4, 2.5, 38),
    ]


def test_hard_lowers_the_ease_by_0_14_and_easy_raises_it_by_0_1() -> None:
    assert [(s["ef"], s["interval"]) for s in sm2_run([3, 3, 3])] == [(2.36, 1), (2.22, 6), (2.08, 12)]
    assert [(s["ef"], s["interval"]) for s in sm2_run([5, 5, 5])] == [(2.6, 1), (2.7, 6), (2.8, 17)]


def test_the_ease_factor_never_goes_below_1_3() -> None:
    steps = sm2_run([3] * 12)
    assert min(s["ef"] for s in steps) == 1.3
    assert steps[-1]["ef"] == 1.3
    assert all(later["interval"] >= earlier["interval"] for earlier, later in pairwise(steps[2:]))


def test_a_failure_resets_repetitions_and_keeps_the_ease() -> None:
    steps = sm2_run([4, 3, 4, 1, 4, 4])
    assert [(s["reps"], s["ef"], s["interval"]) for s in steps] == [
        (1, 2.5, 1),
        (2, 2.36, 6),
        (3, 2.36, 14),
        (0, 2.36, 1),  # Again: start over, ease unchanged
        (1, 2.36, 1),
        (2, 2.36, 6),
    ]


@pytest.mark.parametrize("quality", [-1, 6, 2.5, "4", None])
def test_a_quality_outside_0_to_5_is_refused(quality: object) -> None:
    message = run_node(
        f"try {{ f.sm2(null, {json.dumps(quality)}); return 'accepted'; }}"
        " catch (e) { return e.name + ': ' + e.message; }"
    )
    assert message == "RangeError: quality is 0 to 5"


def test_schedule_uses_the_given_time_for_the_due_day() -> None:
    # 23:30 local time on 31 December: the review counts for that day, due the next year.
    review = run_node("return f.schedule(null, 4, new Date(2026, 11, 31, 23, 30));")
    assert review == {"reps": 1, "ef": 2.5, "interval": 1, "due": "2027-01-01", "reviewed": "2026-12-31"}
    later = run_node(
        "const r = {reps: 2, ef: 2.5, interval: 6, due: '2027-02-20', reviewed: '2027-02-14'};"
        " return f.schedule(r, 4, new Date(2027, 1, 20, 9));"
    )
    assert later == {"reps": 3, "ef": 2.5, "interval": 15, "due": "2027-03-07", "reviewed": "2027-02-20"}


def test_counts_and_queue_put_due_cards_first_then_new_ones() -> None:
    result = run_node(
        """
        const cards = ["a", "b", "c", "d"].map((id) => ({ id }));
        const reviews = new Map([
          ["b", { reps: 1, ef: 2.5, interval: 1, due: "2026-12-03", reviewed: "2026-12-02" }],
          ["c", { reps: 2, ef: 2.5, interval: 6, due: "2026-12-09", reviewed: "2026-12-03" }],
          ["d", { reps: 1, ef: 2.5, interval: 1, due: "2026-12-01", reviewed: "2026-11-30" }],
        ]);
        return {
          counts: f.counts(cards, reviews, "2026-12-03"),
          queue: f.queue(cards, reviews, "2026-12-03").map((card) => card.id),
          later: f.counts(cards, reviews, "2026-12-09"),
        };
        """
    )
    assert result == {
        "counts": {"due": 2, "new": 1, "learned": 1},
        "queue": ["d", "b", "a"],
        "later": {"due": 3, "new": 1, "learned": 0},
    }
