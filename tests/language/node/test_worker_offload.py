"""CPU work on the main thread stalls the event loop; on a worker thread it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.node.node_programs import call_json

LIMIT = 1_500_000  # a count long enough (hundreds of ms) that the loop's stall dwarfs timer jitter


@pytest.mark.parametrize(
    ("limit", "count"), [(0, 0), (2, 0), (3, 1), (100, 25), (7919, 999), (7920, 1000)]
)
def test_count_primes_counts_primes_below_the_limit(
    node_build: Path, limit: int, count: int
) -> None:
    assert call_json(node_build, "worker_offload", f"m.countPrimes({limit})") == count


def test_a_worker_gives_the_same_answer(node_build: Path) -> None:
    assert (
        call_json(node_build, "worker_offload", "m.countPrimesOnAWorker(7920)") == 1000
    )


@pytest.mark.parametrize("bad", ["-1", "2.5", "NaN"])
def test_bad_input_fails_on_both_paths_with_the_same_error(
    node_build: Path, bad: str
) -> None:
    expression = (
        f"Promise.allSettled([(async () => m.countPrimes({bad}))(), m.countPrimesOnAWorker({bad})])"
        ".then((all) => all.map((r) => `${r.status}: ${r.reason?.name}: ${r.reason?.message}`))"
    )
    message = f"limit must be a non-negative integer, got {bad}"
    assert (
        call_json(node_build, "worker_offload", expression)
        == [f"rejected: RangeError: {message}"] * 2
    )


def test_the_loop_stalls_for_the_inline_task_and_keeps_ticking_beside_a_worker(
    node_build: Path,
) -> None:
    inline, offloaded = call_json(  # type: ignore[misc] - a two-element list from JSON
        node_build,
        "worker_offload",
        f"(async () => [await m.watchTheLoop(() => m.countPrimes({LIMIT})),"
        f" await m.watchTheLoop(() => m.countPrimesOnAWorker({LIMIT}))])()",
    )
    assert inline["result"] == offloaded["result"]
    assert (
        inline["ticksDuringTask"] == 0
    )  # no timer can run until the synchronous count returns
    assert offloaded["ticksDuringTask"] > 0
    # Compared with each other, never with a fixed time: the stall is the whole task.
    assert inline["maxDelayMs"] > 3 * offloaded["maxDelayMs"]
    assert inline["utilization"] > offloaded["utilization"]
