"""The contract every algorithm keeps, checked against exact arithmetic.

- A refusal has retry_after > 0 and remaining < cost.
- Waiting exactly retry_after (the clock set to now + retry_after, one float
  addition) and sending the same request again gets it admitted, if nothing
  else arrived in between.
- Every other field is the exact answer too: `remaining` is the largest cost
  that would pass now, and each wait lands at or just past (within a
  nanosecond and the clock's own float resolution) the instant an exact model
  says it should.

Policies, costs and start times are non-round on purpose: 0.3 s windows,
limits like 37, clocks at 1e9 + 0.5 s. Round numbers hide float bugs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.factory import Algorithm, LimiterConfig, create_limiter
from tests.machine_coding.rate_limiter.arrivals import Step, build, odd_limits, odd_windows, start_times, traffic
from tests.machine_coding.rate_limiter.exact_models import MODELS, NS, ExactModel, first_instant, to_ns

ALGORITHMS = list(Algorithm)

OnDecision = Callable[[float, int, Decision, bool], None]


def drive(
    algorithm: Algorithm, limit: int, window: float, start: float, steps: list[Step], on_decision: OnDecision
) -> None:
    """Send `steps` for one key; report (now, cost, decision, waited_retry_after) for each."""
    limiter, clock = build(algorithm, limit, window, start)
    last: tuple[int, Decision] | None = None
    for step in steps:
        waited = step.retry and last is not None and not last[1].allowed
        if waited:
            cost, refused = last  # type: ignore[misc]
            clock.set(clock() + refused.retry_after)
        else:
            cost = step.cost
            clock.advance(window * step.gap)
        decision = limiter.allow("user-1", cost)
        on_decision(clock(), cost, decision, waited)
        last = (cost, decision)


def keeps_the_refusal_contract(now: float, cost: int, decision: Decision, waited: bool) -> None:
    if waited:
        assert decision.allowed, f"refused again after waiting exactly retry_after: {decision}"
    if not decision.allowed:
        assert math.isfinite(decision.retry_after)
        assert decision.retry_after > 0, f"a refusal with retry_after={decision.retry_after!r}"
        assert 0 <= decision.remaining < cost, f"refused a cost of {cost} with remaining={decision.remaining}"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@settings(max_examples=300, deadline=None)
@given(case=traffic())
def test_a_refusal_waits_a_positive_time_that_is_enough(
    algorithm: Algorithm, case: tuple[int, float, float, list[Step]]
) -> None:
    limit, window, start, steps = case
    drive(algorithm, limit, window, start, steps, keeps_the_refusal_contract)


def lands_on(now: float, wait: float, instant: int) -> None:
    """`now + wait` reaches nanosecond `instant`, and is not needlessly later."""
    assert math.isfinite(wait)
    if instant <= to_ns(now):
        assert wait == 0.0
        return
    assert wait > 0
    arrival = now + wait  # exactly what a caller computes
    assert to_ns(arrival) >= instant, f"now + {wait!r} reads as {to_ns(arrival)} ns, before {instant}"
    late = Fraction(arrival) - Fraction(instant, NS)
    assert late <= Fraction(1, NS) + 2 * Fraction(math.ulp(arrival)), f"{float(late)} s later than needed"


def matches(model: ExactModel, now: float, cost: int, decision: Decision) -> None:
    t = to_ns(now)
    horizon = 2 * model.window  # every algorithm frees any cost within two windows
    assert decision.allowed == model.admits(t, cost)
    assert decision.limit == model.limit
    if decision.allowed:
        lands_on(now, decision.delay, math.ceil(model.served_at(t)))
        model.record(t, cost)
        assert decision.retry_after == 0.0
    else:
        assert decision.delay == 0.0
        lands_on(now, decision.retry_after, first_instant(lambda at: model.admits(at, cost), t, horizon))
    assert decision.remaining == model.room(t)
    more = decision.remaining + 1
    lands_on(now, decision.next_unit_after, first_instant(lambda at: model.admits(at, more), t, horizon))
    lands_on(now, decision.reset_after, first_instant(model.full, t, horizon))


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@settings(max_examples=200, deadline=None)
@given(case=traffic())
def test_every_field_of_every_decision_is_the_exact_answer(
    algorithm: Algorithm, case: tuple[int, float, float, list[Step]]
) -> None:
    limit, window, start, steps = case
    model = MODELS[algorithm](limit, to_ns(window))

    def check(now: float, cost: int, decision: Decision, waited: bool) -> None:
        keeps_the_refusal_contract(now, cost, decision, waited)
        matches(model, now, cost, decision)

    drive(algorithm, limit, window, start, steps, check)


@pytest.mark.parametrize("algorithm", [Algorithm.FIXED_WINDOW, Algorithm.SLIDING_COUNTER])
@settings(max_examples=300, deadline=None)
@given(
    limit=odd_limits,
    window=odd_windows,
    start=start_times,
    windows_later=st.integers(min_value=1, max_value=3),
    offset=st.sampled_from([-2, -1, 0, 1]),
)
def test_aligned_window_edges_are_where_the_exact_model_puts_them(
    algorithm: Algorithm, limit: int, window: float, start: float, windows_later: int, offset: int
) -> None:
    """Probe the floats around a window edge: a float division would misplace some."""
    model = MODELS[algorithm](limit, to_ns(window))
    limiter, clock = build(algorithm, limit, window, start)
    t = to_ns(start)
    for _ in range(limit):  # fill the window the start falls in
        assert limiter.allow("user-1").allowed
        model.record(t, 1)
    edge = (t // model.window + windows_later) * model.window
    probe = edge / NS
    for _ in range(abs(offset)):
        probe = math.nextafter(probe, math.inf if offset > 0 else -math.inf)
    if probe < start:
        return
    clock.set(probe)
    matches(model, probe, 1, limiter.allow("user-1"))


# Shrunk by hypothesis from the tests above, run against the float version:
# (advance the clock by, cost) per request; every refusal must keep the
# contract, and the last request is refused.
REGRESSIONS = {
    # Refused at 1.4 and told to wait until 3 * 0.7; 1.4 + that wait is
    # 2.0999999999999996, but 2.0999999999999996 / 0.7 is 2.9999999999999996:
    # still window 2, whose end was "now", so refused again with 0.0.
    "fixed-window-edge-0.7": (Algorithm.FIXED_WINDOW, 1, 0.7, 0.0, [(1.4, 1), (0.0, 1)]),
    # Five steps of 7.77 add up to 38.849999999999994, 6e-15 s before an edge.
    "fixed-window-edge-7.77": (Algorithm.FIXED_WINDOW, 1, 7.77, 0.0, [(7.77, 1)] * 5 + [(0.0, 1)]),
    "fixed-window-edge-4e-15-away": (Algorithm.FIXED_WINDOW, 1, 0.5, 16.999999999999996, [(0.0, 1), (0.0, 1)]),
    # (12345.678 + 0.3) - 12345.678 < 0.3: the entry had not expired, yet its
    # expiry time was "now".
    "sliding-log-expiry-is-now": (Algorithm.SLIDING_LOG, 1, 0.3, 12345.678, [(0.0, 1), (0.3, 1), (0.0, 1)]),
    # retry_after came out as 5.6e-17 s, and waiting it was not enough.
    "sliding-counter-tiny-wait": (Algorithm.SLIDING_COUNTER, 24, 0.3, 0.0, [(0.0, 24), (0.0, 1)]),
    "token-bucket-big-cost": (Algorithm.TOKEN_BUCKET, 30, 0.3, 0.1, [(0.0, 24), (0.0, 30)]),
    # The level was 1e-16 over the limit: refused, yet remaining said 1.
    "leaky-bucket-remaining-1-refused": (Algorithm.LEAKY_BUCKET, 1, 0.3, 0.0, [(0.6, 1), (0.3, 1), (0.0, 1)]),
}


@pytest.mark.parametrize("scenario", REGRESSIONS.values(), ids=REGRESSIONS.keys())
def test_regressions_found_with_non_round_numbers(
    scenario: tuple[Algorithm, int, float, float, list[tuple[float, int]]],
) -> None:
    algorithm, limit, window, start, requests = scenario
    clock = ManualClock(start)
    limiter = create_limiter(LimiterConfig(algorithm, limit, window), clock=clock)
    for advance, cost in requests:
        clock.advance(advance)
        decision = limiter.allow("k", cost)
        if not decision.allowed:
            assert decision.retry_after >= 1e-9, decision  # nothing frees up within a tick
            assert decision.remaining < cost, decision
    assert not decision.allowed
    clock.set(clock() + decision.retry_after)
    assert limiter.allow("k", cost).allowed


@pytest.mark.parametrize("window", [0.7, 7.77, 0.3, 1 / 3])
@pytest.mark.parametrize("start", [0.0, 0.1, 12_345.678])
def test_a_fixed_window_refusal_waits_until_the_same_edge_it_resets_at(window: float, start: float) -> None:
    """Decision, retry_after and reset_after all come from the one window-end function."""
    clock = ManualClock(start)
    limiter = create_limiter(LimiterConfig(Algorithm.FIXED_WINDOW, 2, window), clock=clock)
    for _ in range(5):
        clock.advance(window * 2)
        assert limiter.allow("k", 2).allowed
        refused = limiter.allow("k")
        assert not refused.allowed
        assert refused.retry_after == refused.reset_after
        before_edge = math.nextafter(clock() + refused.retry_after, -math.inf)
        if to_ns(before_edge) < to_ns(clock() + refused.retry_after):
            clock.set(before_edge)
            assert not limiter.allow("k").allowed  # still the old window
        clock.set(clock() + limiter.allow("k").retry_after)
        fresh = limiter.allow("k")
        assert fresh.allowed and fresh.remaining == 1  # a new, empty window
