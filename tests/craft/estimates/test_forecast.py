"""Three-point estimates: PERT arithmetic, the sampler, the simulation, percentiles and dates."""

from __future__ import annotations

import math
import random
import statistics
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.craft.estimates.forecast import (
    SMS_CHANNEL,
    START,
    Plan,
    Ticket,
    chance_within,
    finish_date,
    percentile,
    pert_total,
    simulate,
)


def fixed(days: float, key: str = "T") -> Ticket:
    return Ticket(key, "certain", days, days, days)


def test_pert_mean_and_sd_are_the_textbook_formulas() -> None:
    ticket = Ticket("T", "t", 1, 2, 5)
    assert ticket.mean == pytest.approx((1 + 4 * 2 + 5) / 6)
    assert ticket.sd == pytest.approx(4 / 6)
    mean, sd = pert_total([ticket, ticket])
    assert mean == pytest.approx(2 * ticket.mean)
    assert sd == pytest.approx(math.sqrt(2) * ticket.sd)  # not 2 * sd: spreads add in quadrature


@pytest.mark.parametrize(("best", "likely", "worst"), [(0, 1, 2), (2, 1, 3), (1, 3, 2), (-1, 1, 2)])
def test_estimates_out_of_order_or_not_positive_are_refused(best: float, likely: float, worst: float) -> None:
    with pytest.raises(ValueError, match="need 0 < best <= likely <= worst"):
        Ticket("BAD-1", "bad", best, likely, worst)


triples = st.tuples(
    st.floats(0.1, 10), st.floats(0, 1), st.floats(0.01, 20)
).map(lambda t: (t[0], t[0] + t[1] * t[2], t[0] + t[2]))


@settings(max_examples=30, deadline=None)
@given(triples, st.integers(0, 2**32))
def test_samples_stay_in_range_and_average_to_the_pert_mean(triple: tuple[float, float, float], seed: int) -> None:
    ticket = Ticket("T", "t", *triple)
    rng = random.Random(seed)  # noqa: S311 -- repeatable draws, not secrets
    draws = [ticket.sample(rng) for _ in range(4000)]
    assert all(ticket.best <= d <= ticket.worst for d in draws)
    # the PERT beta's mean is exactly (best + 4 likely + worst) / 6; 4,000 draws land within 4 standard errors
    spread = statistics.pstdev(draws) or 1e-12
    assert abs(statistics.fmean(draws) - ticket.mean) < 4 * spread / math.sqrt(len(draws)) + 1e-9


def test_a_certain_ticket_always_takes_its_time() -> None:
    assert fixed(2).sample(random.Random(1)) == 2  # noqa: S311 -- repeatable draws
    assert simulate(Plan(work=(fixed(2), fixed(3))), runs=5) == [5] * 5


def test_the_simulation_is_repeatable_sorted_and_agrees_with_pert() -> None:
    runs = simulate(Plan(work=SMS_CHANNEL))
    assert runs == simulate(Plan(work=SMS_CHANNEL))
    assert runs != simulate(Plan(work=SMS_CHANNEL), seed=8)
    assert runs == sorted(runs) and len(runs) == 10_000
    mean, sd = pert_total(SMS_CHANNEL)
    assert statistics.fmean(runs) == pytest.approx(mean, abs=0.1)
    assert statistics.pstdev(runs) == pytest.approx(sd, rel=0.15)


def test_the_page_claims_the_most_likely_sum_is_a_long_shot() -> None:
    runs = simulate(Plan(work=SMS_CHANNEL))
    likely = sum(t.likely for t in SMS_CHANNEL)
    assert percentile(runs, 0.5) > likely
    assert chance_within(runs, likely) < 0.15
    assert chance_within(runs, sum(t.best for t in SMS_CHANNEL)) == 0
    padded = sum(percentile(simulate(Plan(work=(t,))), 0.85) for t in SMS_CHANNEL)
    assert padded > percentile(runs, 0.85) + 2  # padding every ticket overshoots the project's P85


def test_a_wait_runs_alongside_the_work_and_then_runs_after_both() -> None:
    plan = Plan(work=(fixed(3),), wait=fixed(10), wait_starts=2, then=(fixed(1),))
    assert simulate(plan, runs=3) == [13, 13, 13]  # max(3, 2 + 10) + 1
    short_wait = Plan(work=(fixed(3),), wait=fixed(0.5), wait_starts=0, then=(fixed(1),))
    assert simulate(short_wait, runs=1) == [4]


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.85) == 85
    assert percentile(values, 1) == 100
    assert percentile([4.0], 0.5) == 4.0
    assert percentile([1, 2, 3, 4], 0.5) == 2
    for bad in (0, -0.1, 1.01):
        with pytest.raises(ValueError, match="0 < q <= 1"):
            percentile(values, bad)
    with pytest.raises(ValueError, match="at least one run"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="runs must be at least 1"):
        simulate(Plan(work=SMS_CHANNEL), runs=0)


def test_finish_dates_skip_weekends() -> None:
    assert START.weekday() == 0
    assert finish_date(START, 0) == START
    assert finish_date(START, 1) == START
    assert finish_date(START, 5) == date(2025, 3, 7)  # Friday
    assert finish_date(START, 5.01) == date(2025, 3, 10)  # the next Monday
    assert finish_date(START, 13.5) == date(2025, 3, 20)
    with pytest.raises(ValueError, match="weekend"):
        finish_date(date(2025, 3, 8), 1)
    with pytest.raises(ValueError, match="negative"):
        finish_date(START, -1)


@given(st.dates(date(2024, 1, 1), date(2026, 12, 31)).filter(lambda d: d.weekday() < 5), st.floats(0, 200))
def test_finish_date_spans_exactly_the_working_days_needed(start: date, days: float) -> None:
    end = finish_date(start, days)
    span = [start + timedelta(n) for n in range((end - start).days + 1)]
    assert end.weekday() < 5
    assert sum(d.weekday() < 5 for d in span) == max(math.ceil(days - 1e-9), 1)
