"""The storage-tier cost model: each charge on its own, then the page's claims."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.instagram import tiering_demo
from examples.system_design.instagram.tiering import (
    DAYS_PER_MONTH,
    GB,
    GLACIER_IR,
    INFREQUENT,
    KINDS,
    STANDARD,
    Policy,
    Sample,
    break_even_reads,
    daily_cost_by_age,
    draw_sample,
    monthly_costs,
    reads_per_day,
)

DAYS = 120


def one(kind: str, size: float, popularity: float = 1.0) -> Sample:
    return Sample(np.array([list(KINDS).index(kind)]), np.array([float(size)]), np.array([popularity]))


def test_standard_costs_storage_plus_gets_and_nothing_else() -> None:
    cost = daily_cost_by_age(one("large", 200_000), Policy("std", {}), DAYS)
    reads = KINDS["large"][1] * reads_per_day(np.arange(DAYS))
    expected = 200_000 / GB * STANDARD.gb_month / DAYS_PER_MONTH + reads * STANDARD.get_per_1000 / 1000
    assert cost == pytest.approx(expected)


def test_a_small_object_in_infrequent_access_is_billed_as_128_kib() -> None:
    small = one("small", 9_000, popularity=0.0)  # no reads: storage alone
    policy = Policy("ia", {"small": [(30, INFREQUENT)]}, min_transition_bytes=0)
    cost = daily_cost_by_age(small, policy, DAYS)
    assert cost[40] == pytest.approx(128 * 1024 / GB * INFREQUENT.gb_month / DAYS_PER_MONTH)
    assert cost[40] > cost[10] * 7  # more than seven times Standard's bill for it


def test_the_size_filter_keeps_small_objects_where_they_are() -> None:
    small = one("small", 9_000)
    moved = Policy("ia", {"small": [(30, INFREQUENT)]})  # the default filter: 128 KiB
    assert daily_cost_by_age(small, moved, DAYS) == pytest.approx(daily_cost_by_age(small, Policy("s", {}), DAYS))


def test_a_move_costs_one_transition_request_on_its_day() -> None:
    obj = one("original", 2_000_000, popularity=0.0)
    policy = Policy("cold", {"original": [(10, GLACIER_IR)]})
    cost = daily_cost_by_age(obj, policy, DAYS)
    storage = 2_000_000 / GB * GLACIER_IR.gb_month / DAYS_PER_MONTH
    assert cost[10] - storage == pytest.approx(GLACIER_IR.transition_per_1000 / 1000)
    assert cost[11] == pytest.approx(storage)


def test_leaving_a_class_before_its_minimum_bills_the_remaining_days() -> None:
    obj = one("original", 2_000_000, popularity=0.0)
    early = Policy("early", {"original": [(30, INFREQUENT), (40, GLACIER_IR)]})
    late = Policy("late", {"original": [(30, INFREQUENT), (60, GLACIER_IR)]})
    move_day = lambda p, d: daily_cost_by_age(obj, p, DAYS)[d]  # noqa: E731
    remaining = 2_000_000 / GB * INFREQUENT.gb_month * 20 / DAYS_PER_MONTH
    assert move_day(early, 40) - move_day(late, 60) == pytest.approx(remaining)


def test_reads_in_a_cold_class_pay_the_get_and_the_retrieval_fee() -> None:
    obj = one("large", 1_000_000)
    cost = daily_cost_by_age(obj, Policy("cold", {"large": [(0, GLACIER_IR)]}), DAYS)
    reads = KINDS["large"][1] * reads_per_day(np.arange(DAYS))
    per_read = GLACIER_IR.get_per_1000 / 1000 + GLACIER_IR.retrieval_gb * 1_000_000 / GB
    storage = 1_000_000 / GB * GLACIER_IR.gb_month / DAYS_PER_MONTH
    assert cost[1:] == pytest.approx(storage + reads[1:] * per_read)


def test_a_month_holds_every_cohort_uploaded_so_far() -> None:
    months = monthly_costs(np.ones(60), uploads_per_day=2.0, months=2)
    assert months == [2.0 * sum(range(1, 31)), 2.0 * sum(range(31, 61))]
    with pytest.raises(ValueError, match="shorter than the months"):
        monthly_costs(np.ones(10), 1.0, 1)


@given(st.sampled_from([INFREQUENT, GLACIER_IR]), st.floats(128 * 1024, 10**9))
def test_at_the_break_even_read_rate_both_classes_cost_the_same(cold, size: float) -> None:
    reads = break_even_reads(cold, size)
    hot_month = STANDARD.gb_month * size / GB + reads * STANDARD.get_per_1000 / 1000
    cold_month = cold.gb_month * size / GB + reads * (cold.get_per_1000 / 1000 + cold.retrieval_gb * size / GB)
    assert cold_month == pytest.approx(hot_month, rel=1e-9)


def test_small_objects_break_even_at_fewer_reads() -> None:
    assert break_even_reads(GLACIER_IR, 180_000) < break_even_reads(GLACIER_IR, 2_500_000)
    assert break_even_reads(INFREQUENT, 9_000) == 0.0  # billed as 128 KiB: never pays


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: break_even_reads(GLACIER_IR, 0), "size_bytes must be positive"),
        (lambda: break_even_reads(STANDARD, 10), "nothing to break even"),
        (lambda: draw_sample(0, 1), "photos must be positive"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_the_sample_is_seeded_and_its_popularity_averages_one() -> None:
    a, b = draw_sample(50, 7), draw_sample(50, 7)
    assert np.array_equal(a.sizes, b.sizes) and np.array_equal(a.popularity, b.popularity)
    assert a.popularity.mean() == pytest.approx(1.0)
    assert a.only("small").sizes.size == 50


# --- what the page says the model shows -------------------------------------------------


@pytest.fixture(scope="module")
def years() -> tuple[dict[str, float], dict[str, float]]:
    sample = draw_sample(tiering_demo.SAMPLE_PHOTOS, seed=2024)
    scale = tiering_demo.PHOTOS_PER_DAY / tiering_demo.SAMPLE_PHOTOS
    whole = {k: sum(v) for k, v in tiering_demo.year(sample, tiering_demo.POLICIES, scale).items()}
    large = tiering_demo.year(sample.only("large"), tiering_demo.LARGE_ONLY, scale)
    return whole, {k: sum(v) for k, v in large.items()}


def test_originals_to_glacier_at_once_is_the_cheapest_policy(years) -> None:
    whole, _ = years
    assert min(whole, key=whole.get) == "originals to Glacier IR at once"


def test_dropping_the_size_filter_gives_back_most_of_the_saving(years) -> None:
    whole, _ = years
    assert whole["all Standard"] > whole["lifecycle, no 128 KiB filter"] > whole["lifecycle: IA 30 d, Glacier IR 90 d"]


def test_every_tier_change_of_the_large_rendition_loses_money(years) -> None:
    _, large = years
    assert all(cost > large["Standard"] for name, cost in large.items() if name != "Standard")
