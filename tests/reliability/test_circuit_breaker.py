"""Every transition of the breaker, on a hand-moved clock, plus a model check."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.reliability.circuit_breaker import CircuitBreaker, CircuitOpen, State


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def ok() -> str:
    return "ok"


def boom() -> str:
    raise ConnectionError("down")


def make(threshold: int = 3, reset: float = 10.0) -> tuple[CircuitBreaker, ManualClock]:
    clock = ManualClock()
    breaker = CircuitBreaker(
        failure_threshold=threshold, reset_timeout=reset, clock=clock
    )
    return breaker, clock


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        with pytest.raises(ConnectionError):
            breaker.call(boom)


def test_closed_stays_closed_below_the_threshold() -> None:
    breaker, _ = make()
    fail(breaker, 2)
    assert breaker.state is State.CLOSED
    assert breaker.call(ok) == "ok"


def test_a_success_resets_the_consecutive_count() -> None:
    breaker, _ = make()
    fail(breaker, 2)
    breaker.call(ok)
    fail(breaker, 2)
    assert breaker.state is State.CLOSED


def test_closed_to_open_at_the_threshold() -> None:
    breaker, _ = make()
    fail(breaker, 3)
    assert breaker.state is State.OPEN


def test_open_rejects_without_calling() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    calls = []
    clock.now = 9.99
    with pytest.raises(CircuitOpen):
        breaker.call(lambda: calls.append(1))
    assert calls == []
    assert breaker.state is State.OPEN


def test_open_to_half_open_when_the_reset_timeout_passes() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0
    assert breaker.state is State.HALF_OPEN


def test_half_open_lets_exactly_one_trial_through() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0
    assert breaker.allow() is not None
    assert breaker.allow() is None
    assert breaker.allow() is None


def test_half_open_to_closed_when_the_trial_succeeds() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0
    assert breaker.call(ok) == "ok"
    assert breaker.state is State.CLOSED
    fail(breaker, 2)  # the count starts from zero again
    assert breaker.state is State.CLOSED


def test_half_open_to_open_when_the_trial_fails_for_a_full_timeout() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0
    fail(breaker, 1)  # one failed trial is enough, not `threshold` of them
    assert breaker.state is State.OPEN
    clock.now = 19.99
    assert breaker.state is State.OPEN
    clock.now = 20.0
    assert breaker.state is State.HALF_OPEN


def test_the_exception_from_the_dependency_reaches_the_caller() -> None:
    breaker, _ = make()
    with pytest.raises(ConnectionError, match="down"):
        breaker.call(boom)


@pytest.mark.parametrize(("threshold", "reset"), [(0, 10), (-1, 10), (3, 0), (3, -1)])
def test_bad_settings_are_refused(threshold: int, reset: float) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=threshold, reset_timeout=reset)


class Interrupted(BaseException):
    """Stands for CancelledError or KeyboardInterrupt: not an Exception."""


def test_a_trial_interrupted_by_a_base_exception_frees_the_trial_slot() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0

    def cancelled() -> str:
        raise Interrupted

    with pytest.raises(Interrupted):
        breaker.call(cancelled)
    assert breaker.state is State.HALF_OPEN  # no verdict on the dependency
    assert breaker.call(ok) == "ok"  # the next caller gets to be the trial
    assert breaker.state is State.CLOSED


def test_a_trial_that_never_reports_counts_as_failed_after_reset_timeout() -> None:
    breaker, clock = make()
    fail(breaker, 3)
    clock.now = 10.0
    assert breaker.allow() is not None  # a trial whose caller never reports
    clock.now = 19.99
    assert breaker.allow() is None  # its lease has not run out yet
    clock.now = 20.0
    assert breaker.state is State.OPEN  # the lease ran out: as if it failed
    clock.now = 30.0
    assert breaker.allow() is not None  # a new trial, not stuck half-open


def test_a_late_success_from_before_the_trip_does_not_close_it() -> None:
    breaker, _ = make()

    def slow_then_ok() -> str:
        fail(breaker, 3)  # other callers fail while this call is in flight
        return "ok"

    assert breaker.call(slow_then_ok) == "ok"
    assert breaker.state is State.OPEN


def test_a_late_failure_while_open_does_not_push_the_reopen_back() -> None:
    breaker, clock = make(threshold=1)

    def slow_then_fail() -> str:
        fail(breaker, 1)  # the breaker opens at t=0 meanwhile
        clock.now = 9.0
        raise ConnectionError("late")

    with pytest.raises(ConnectionError, match="late"):
        breaker.call(slow_then_fail)
    clock.now = 10.0
    assert breaker.state is State.HALF_OPEN  # still 10 s after the trip


def test_in_half_open_only_the_trials_outcome_counts() -> None:
    breaker, clock = make()
    trial = []

    def slow_then_ok() -> str:
        fail(breaker, 3)
        clock.now = 10.0
        trial.append(breaker.allow())  # another caller takes the trial
        return "ok"

    breaker.call(slow_then_ok)  # admitted while closed, succeeds in half-open
    assert breaker.state is State.HALF_OPEN
    assert breaker.allow() is None  # the trial is still in flight
    ticket = trial[0]
    assert ticket is not None
    breaker.record_failure(ticket)
    assert breaker.state is State.OPEN


def test_a_stale_ticket_cannot_fail_a_closed_breaker() -> None:
    breaker, clock = make(threshold=1)
    old = breaker.allow()
    assert old is not None
    fail(breaker, 1)
    clock.now = 10.0
    breaker.call(ok)  # trial succeeds: closed again
    breaker.record_failure(old)  # the call from before the trip fails at last
    assert breaker.state is State.CLOSED


@pytest.fixture
def fast_thread_switching() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def trials_granted_to_racing_threads(threads: int) -> int:
    """Open a breaker, let its reset pass, then race `threads` callers."""
    now = [0.0]

    def clock() -> float:
        time.sleep(0)  # yields the GIL, as a real clock call may
        return now[0]

    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=1, clock=clock)
    ticket = breaker.allow()
    assert ticket is not None
    breaker.record_failure(ticket)
    now[0] = 5.0
    granted: list[object] = []
    barrier = threading.Barrier(threads)

    def worker() -> None:
        barrier.wait()
        if breaker.allow() is not None:
            granted.append(1)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return len(granted)


@pytest.mark.usefixtures("fast_thread_switching")
def test_threads_racing_in_half_open_get_exactly_one_trial() -> None:
    assert [trials_granted_to_racing_threads(8) for _ in range(100)] == [1] * 100


# A simple model: what should happen to each call, from the rules alone.
steps = st.lists(st.tuples(st.booleans(), st.floats(0, 6)), max_size=60)


@given(steps)
def test_the_breaker_matches_a_reference_model(
    script: list[tuple[bool, float]],
) -> None:
    breaker, clock = make(threshold=3, reset=10.0)
    state, failures, opened_at = "closed", 0, 0.0
    for succeeds, advance in script:
        clock.now += advance
        if state == "open" and clock.now - opened_at >= 10.0:
            state = "half"
        should_call = state in {"closed", "half"}
        calls = []

        def op(succeeds: bool = succeeds, calls: list[int] = calls) -> str:
            calls.append(1)
            if not succeeds:
                raise ConnectionError
            return "ok"

        with contextlib.suppress(ConnectionError, CircuitOpen):
            breaker.call(op)
        assert bool(calls) == should_call
        if should_call and succeeds:
            state, failures = "closed", 0
        elif should_call:
            failures += 1
            if state == "half" or failures >= 3:
                state, failures, opened_at = "open", 0, clock.now
        expected = {"closed": State.CLOSED, "open": State.OPEN, "half": State.HALF_OPEN}
        assert breaker.state is expected[state]
