"""A computing request stalls the loop; a waiting one or an offloaded one does not."""

from __future__ import annotations

import asyncio

import pytest

from examples.fundamentals.processes.event_loop_stall import (
    ARRIVAL_GAP_S,
    Timeline,
    heavy_in_thread,
    heavy_inline,
    heavy_waiting,
    run_inline_and_offloaded,
    serve,
)


def test_inline_computation_lets_nothing_else_finish() -> None:
    timeline = asyncio.run(serve(heavy_inline, 0.1))
    assert timeline.small_done_meanwhile() == 0
    assert timeline.worst_small_s > timeline.heavy_s  # one request was in flight the whole time


def test_a_request_that_only_waits_stalls_nobody() -> None:
    timeline = asyncio.run(serve(heavy_waiting, 0.1))
    assert timeline.small_done_meanwhile() >= 10


def test_a_thread_keeps_the_loop_serving_between_gil_switches() -> None:
    timeline = asyncio.run(serve(heavy_in_thread, 0.1))
    assert timeline.small_done_meanwhile() >= 1


def test_a_worker_process_keeps_the_loop_serving() -> None:
    inline, offloaded = run_inline_and_offloaded(0.1)
    assert inline.small_done_meanwhile() == 0
    assert offloaded.small_done_meanwhile() >= 10


def test_the_timeline_counts_only_requests_that_ended_inside_the_heavy_one() -> None:
    timeline = Timeline(heavy=(10.0, 20.0), small=[(9.0, 9.5), (9.0, 11.0), (15.0, 19.0), (19.0, 21.0)])
    assert timeline.small_done_meanwhile() == 2
    assert timeline.heavy_s == 10.0
    assert timeline.worst_small_s == 4.0  # the one from 15 to 19


@pytest.mark.parametrize("cpu_s", [0, -1, 11])
def test_a_bad_amount_of_cpu_is_refused(cpu_s: float) -> None:
    with pytest.raises(ValueError, match="cpu_s must be within"):
        run_inline_and_offloaded(cpu_s)


@pytest.mark.parametrize("heavy", [heavy_inline, heavy_in_thread, heavy_waiting], ids=["inline", "thread", "waits"])
def test_requests_keep_arriving_on_schedule_while_the_loop_is_stalled(heavy) -> None:
    # Arrivals come from a schedule, not from the stalled loop: a request due
    # during the heavy one is counted with its due time even if the loop could
    # only create it afterward, so its wait shows in its latency.
    timeline = asyncio.run(serve(heavy, 0.1))
    start, end = timeline.heavy
    due_meanwhile = sum(start <= due < end for due, _ in timeline.small)
    expected = (end - start) / ARRIVAL_GAP_S
    assert abs(due_meanwhile - expected) <= 2, (due_meanwhile, expected)


def test_a_request_due_during_an_inline_stall_waits_for_the_rest_of_it() -> None:
    timeline = asyncio.run(serve(heavy_inline, 0.1))
    start, end = timeline.heavy
    waits = sorted(done - due for due, done in timeline.small if start <= due < end)
    # Half of them were due in the first half of the computation.
    assert waits[len(waits) // 2] >= timeline.heavy_s / 2 - ARRIVAL_GAP_S
