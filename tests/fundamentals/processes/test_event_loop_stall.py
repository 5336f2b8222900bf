"""A computing request stalls the loop; a waiting one or an offloaded one does not."""

from __future__ import annotations

import asyncio

import pytest

from examples.fundamentals.processes.event_loop_stall import (
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
