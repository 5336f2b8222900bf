"""Every transition of the breaker, on a hand-moved clock, plus a model check."""

from __future__ import annotations

import contextlib

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
    return CircuitBreaker(failure_threshold=threshold, reset_timeout=reset, clock=clock), clock


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
    assert breaker.allow() is True
    assert breaker.allow() is False
    assert breaker.allow() is False


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


# A simple model: what should happen to each call, from the rules alone.
steps = st.lists(st.tuples(st.booleans(), st.floats(0, 6)), max_size=60)


@given(steps)
def test_the_breaker_matches_a_reference_model(script: list[tuple[bool, float]]) -> None:
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
