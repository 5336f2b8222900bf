"""Deadlines: header round trip, bad input, and the chain simulation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.reliability.deadlines import (
    Deadline,
    Hop,
    run_chain,
    wasted_seconds,
)


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_remaining_shrinks_with_the_clock_and_never_goes_negative() -> None:
    clock = ManualClock()
    deadline = Deadline.after(1.0, clock)
    clock.now += 0.4
    assert deadline.remaining() == pytest.approx(0.6)
    assert not deadline.expired()
    clock.now += 5
    assert deadline.remaining() == 0.0
    assert deadline.expired()
    assert deadline.timeout_for(2.0) == 0.0


def test_timeout_for_takes_the_tighter_of_own_limit_and_remaining() -> None:
    deadline = Deadline.after(1.0, ManualClock())
    assert deadline.timeout_for(0.25) == 0.25
    assert deadline.timeout_for(3.0) == 1.0


def test_header_rounds_down_so_a_hop_never_gets_more_than_is_left() -> None:
    clock = ManualClock()
    deadline = Deadline.after(0.0009, clock)
    assert deadline.to_header() == "0"


@given(st.integers(min_value=0, max_value=60_000))
def test_header_round_trip_keeps_the_budget(ms: int) -> None:
    clock = ManualClock()
    received = Deadline.from_header(str(ms), clock, limit_s=60, trusted=True)
    assert received.remaining() == pytest.approx(ms / 1000)
    assert int(received.to_header()) in {ms, ms - 1}  # float rounding, never more


def test_a_missing_header_gets_our_own_limit() -> None:
    deadline = Deadline.from_header(None, ManualClock(), limit_s=2.5, trusted=True)
    assert deadline.remaining() == 2.5


@given(st.integers(min_value=0, max_value=10**30), st.floats(0.001, 60))
def test_a_header_can_shorten_our_limit_but_never_lengthen_it(
    ms: int, limit_s: float
) -> None:
    deadline = Deadline.from_header(str(ms), ManualClock(), limit_s, trusted=True)
    assert deadline.remaining() == pytest.approx(min(ms / 1000, limit_s))


def test_a_caller_asking_for_a_minute_gets_our_two_seconds() -> None:
    deadline = Deadline.from_header("60000", ManualClock(), limit_s=2, trusted=True)
    assert deadline.remaining() == 2


@pytest.mark.parametrize("value", ["60000", "1", "0"])
def test_at_the_public_edge_the_header_is_ignored(value: str) -> None:
    deadline = Deadline.from_header(value, ManualClock(), limit_s=2, trusted=False)
    assert deadline.remaining() == 2


@pytest.mark.parametrize("value", ["9" * 5000, "1" + "0" * 20, "0" * 5000 + "250"])
def test_a_huge_digit_string_is_handled_not_a_crash(value: str) -> None:
    deadline = Deadline.from_header(value, ManualClock(), limit_s=2, trusted=True)
    assert deadline.remaining() == (0.25 if value.endswith("250") else 2)


@pytest.mark.parametrize("value", ["", "-5", "1.5", "abc", " 100", "1e3", "٣٠٠"])
def test_a_malformed_header_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="whole milliseconds"):
        Deadline.from_header(value, ManualClock(), limit_s=1, trusted=True)


@pytest.mark.parametrize("seconds", [-1.0, math.inf, math.nan])
def test_a_budget_must_be_finite_and_not_negative(seconds: float) -> None:
    with pytest.raises(ValueError, match="finite number"):
        Deadline.after(seconds, ManualClock())


CHAIN = [
    Hop("gateway", 0.05, 1.0),
    Hop("orders", 0.10, 1.0),
    Hop("inventory", 0.10, 1.0),
    Hop("database", 2.50, 0.0),
]


def test_fixed_timeouts_keep_hops_busy_after_the_caller_gave_up() -> None:
    busy = run_chain(CHAIN, 1.0, propagate=False)
    assert busy["database"] == pytest.approx(2.75)
    assert wasted_seconds(busy, 1.0) == pytest.approx(2.2)


def test_a_propagated_deadline_stops_every_hop_at_the_callers_deadline() -> None:
    busy = run_chain(CHAIN, 1.0, propagate=True)
    assert all(until <= 1.0 for until in busy.values())
    assert wasted_seconds(busy, 1.0) == 0.0


def test_a_hop_that_receives_an_expired_budget_does_no_work() -> None:
    chain = [Hop("a", 0.6, 5.0), Hop("b", 0.6, 5.0), Hop("c", 0.1, 0.0)]
    busy = run_chain(chain, 1.0, propagate=True)
    assert busy == {"b": 1.0, "a": 1.0}  # c never starts: b was cut off mid-work


def test_a_fast_chain_is_the_same_either_way() -> None:
    fast = [Hop("a", 0.1, 1.0), Hop("b", 0.1, 1.0)]
    assert run_chain(fast, 1.0, propagate=True) == run_chain(fast, 1.0, propagate=False)


@given(
    st.lists(st.tuples(st.floats(0, 2), st.floats(0, 2)), min_size=1, max_size=6),
    st.floats(0.01, 3),
)
def test_with_propagation_no_hop_works_past_the_callers_deadline(
    hops: list[tuple[float, float]], caller_timeout: float
) -> None:
    chain = [Hop(f"h{i}", work, timeout) for i, (work, timeout) in enumerate(hops)]
    busy = run_chain(chain, caller_timeout, propagate=True)
    assert wasted_seconds(busy, caller_timeout) == 0.0
    fixed = run_chain(chain, caller_timeout, propagate=False)
    # Propagation never keeps a hop busier than fixed timeouts do...
    assert all(until <= fixed[name] for name, until in busy.items())
    # ...and without it, a first hop slower than the caller works on for nobody.
    if chain[0].work_s > caller_timeout:
        assert wasted_seconds(fixed, caller_timeout) > 0.0


def test_an_empty_chain_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one hop"):
        run_chain([], 1.0, propagate=True)
