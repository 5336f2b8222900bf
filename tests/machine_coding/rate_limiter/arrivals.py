"""Hypothesis strategies and a driver shared by the rate limiter property tests."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.factory import Algorithm, LimiterConfig, create_limiter
from examples.machine_coding.rate_limiter.limiter import RateLimiter

# Mix arbitrary floats with a quarter-second grid: the grid produces bursts at
# one instant and arrivals exactly on window boundaries, where bugs live.
instants = st.one_of(
    st.floats(min_value=0, max_value=30, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=120).map(lambda quarter: quarter / 4),
)
arrival_times = st.lists(instants, max_size=80).map(sorted)
limits = st.integers(min_value=1, max_value=8)
windows = st.sampled_from([0.5, 1.0, 2.5, 7.0])

# Non-round policies and clocks: where float arithmetic and exact arithmetic
# part ways (0.3 is not 3/10 in binary; at 1e9 s a float moves in 119 ns steps).
odd_limits = st.integers(min_value=1, max_value=40)
odd_windows = st.one_of(
    st.sampled_from([0.3, 1 / 3, 0.7, 2.9, 7.77, 13.1, 59.9, 86_400 / 7]),
    st.floats(min_value=1e-3, max_value=1e3),
    st.floats(min_value=1e-9, max_value=1e-6),  # windows of a few nanoseconds
)
start_times = st.one_of(
    st.just(0.0),
    st.sampled_from([0.1, 1 / 3, 12_345.678, 1e6 + 0.123, 1e9 + 0.5, 2.0**33 + 0.1]),
    st.floats(min_value=-1e3, max_value=1e3),
    st.floats(min_value=1e5, max_value=1e10),
)


@dataclass(frozen=True)
class Step:
    gap: float  # how far the clock moves first, as a share of the window
    cost: int
    retry: bool  # after a refusal: instead, wait exactly retry_after and resend it


@st.composite
def traffic(draw: st.DrawFn) -> tuple[int, float, float, list[Step]]:
    """A policy, a start time and up to 40 requests for one key."""
    limit = draw(odd_limits)
    window = draw(odd_windows)
    start = draw(start_times)
    gaps = st.one_of(st.just(0.0), st.sampled_from([1 / 3, 0.5, 0.999, 1.0]), st.floats(0, 2.5))
    steps = st.builds(Step, gaps, st.integers(min_value=1, max_value=limit), st.booleans())
    return limit, window, start, draw(st.lists(steps, max_size=40))


@dataclass(frozen=True)
class Arrival:
    at: float
    cost: int
    decision: Decision


def replay(
    limiter: RateLimiter, clock: ManualClock, times: list[float], costs: list[int] | None = None
) -> list[Arrival]:
    """Send one request per arrival time (sorted) for one key; record every decision."""
    arrivals = []
    for i, at in enumerate(times):
        clock.set(at)
        cost = costs[i % len(costs)] if costs else 1
        arrivals.append(Arrival(at, cost, limiter.allow("user-1", cost)))
    return arrivals


def build(algorithm: Algorithm, limit: int, window: float, start: float = 0.0) -> tuple[RateLimiter, ManualClock]:
    clock = ManualClock(start)
    return create_limiter(LimiterConfig(algorithm, limit, window), clock=clock), clock
