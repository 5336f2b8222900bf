"""The CPU-bound helpers: fixed work, bounded inputs, honest pinning."""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.connection import Connection

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.processes.cpu_work import burn_cpu, count_down, one_cpu, pin_to, spin_until


@given(st.integers(min_value=0, max_value=10_000))
def test_count_down_returns_the_work_it_did(iterations: int) -> None:
    assert count_down(iterations) == iterations


def test_bad_amounts_of_work_are_refused() -> None:
    with pytest.raises(ValueError, match="iterations must be >= 0"):
        count_down(-1)
    for seconds in (-0.1, 61):
        with pytest.raises(ValueError, match=r"cpu_seconds must be within 0\.\.60"):
            burn_cpu(seconds)


def test_burn_cpu_uses_at_least_the_cpu_time_asked_for() -> None:
    assert burn_cpu(0.05) >= 0.05


def test_spin_until_returns_at_the_deadline() -> None:
    deadline = time.monotonic() + 0.02
    spin_until(deadline)
    assert time.monotonic() >= deadline


def _pin_and_report(cpu: int, send: Connection) -> None:
    pin_to(cpu)
    send.send(os.sched_getaffinity(0))


def test_pinning_changes_only_the_process_that_asks() -> None:
    mine = os.sched_getaffinity(0)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_pin_and_report, args=(one_cpu(), send))
    child.start()
    assert receive.recv() == {one_cpu()}
    child.join(10)
    assert os.sched_getaffinity(0) == mine


def test_a_cpu_outside_the_allowed_set_is_refused() -> None:
    outside = max(os.sched_getaffinity(0)) + 1
    with pytest.raises(ValueError, match=f"CPU {outside} is not in this process's affinity set"):
        pin_to(outside)
