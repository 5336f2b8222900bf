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
