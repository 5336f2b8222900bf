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


Years = dict[str, dict[str, float]]  # "whole 1", "whole 3", "large 1", "large 3" -> policy -> USD


@pytest.fixture(scope="module")
def years() -> Years:
    sample = draw_sample(tiering_demo.SAMPLE_PHOTOS, seed=2024)
    scale = tiering_demo.PHOTOS_PER_DAY / tiering_demo.SAMPLE_PHOTOS
    out: Years = {}
    for label, bills in (
        ("whole", tiering_demo.bills(sample, tiering_demo.POLICIES, scale)),
        ("large", tiering_demo.bills(sample.only("large"), tiering_demo.LARGE_ONLY, scale)),
    ):
        out[f"{label} 1"] = {k: sum(v[:12]) for k, v in bills.items()}
        out[f"{label} 3"] = {k: sum(v[24:36]) for k, v in bills.items()}
    return out


def test_the_worker_reads_each_original_once_on_its_first_day_in_its_class() -> None:
    obj = one("original", 2_000_000, popularity=0.0)  # no viewer reads: only the worker's
    cost = daily_cost_by_age(obj, Policy("cold", {"original": [(0, GLACIER_IR)]}), DAYS)
    storage = 2_000_000 / GB * GLACIER_IR.gb_month / DAYS_PER_MONTH
    read = GLACIER_IR.get_per_1000 / 1000 + GLACIER_IR.retrieval_gb * 2_000_000 / GB
    assert cost[0] == pytest.approx(storage + GLACIER_IR.transition_per_1000 / 1000 + read)
    assert cost[1] == pytest.approx(storage)
    hot = daily_cost_by_age(obj, Policy("hot", {}), DAYS)
    assert hot[0] - hot[1] == pytest.approx(STANDARD.get_per_1000 / 1000)


def test_originals_moved_after_their_first_day_is_the_cheapest_policy(years: Years) -> None:
    for period in ("whole 1", "whole 3"):
        assert min(years[period], key=years[period].get) == "originals to Glacier IR after a day"


def test_writing_originals_straight_to_glacier_pays_for_the_workers_read(years: Years) -> None:
    whole = years["whole 1"]
    extra = whole["originals to Glacier IR at once"] - whole["originals to Glacier IR after a day"]
    size = KINDS["original"][0] * np.exp(0.35**2 / 2)  # the mean of the log-normal sizes
    per_read = (GLACIER_IR.get_per_1000 - STANDARD.get_per_1000) / 1000 + GLACIER_IR.retrieval_gb * size / GB
    cohorts = tiering_demo.PHOTOS_PER_DAY * 12 * DAYS_PER_MONTH  # one worker read per upload
    assert extra == pytest.approx(cohorts * per_read, rel=0.05)
    assert whole["originals to Glacier IR at once"] > whole["all Standard"] * 0.5  # saves well under 65%


def test_dropping_the_size_filter_gives_back_most_of_the_saving(years: Years) -> None:
    whole = years["whole 1"]
    assert whole["all Standard"] > whole["lifecycle, no 128 KiB filter"] > whole["lifecycle: IA 30 d, Glacier IR 90 d"]


def test_in_the_first_year_every_tier_change_of_the_large_rendition_loses_money(years: Years) -> None:
    large = years["large 1"]
    assert all(cost > large["Standard"] for name, cost in large.items() if name != "Standard")


def test_by_the_third_year_infrequent_access_pays_for_the_large_rendition_and_glacier_does_not(
    years: Years,
) -> None:
    large = years["large 3"]
    assert large["IA at 30 d"] < large["Standard"]
    assert large["IA 30 d, Glacier IR 90 d"] > large["Standard"]
    assert large["Glacier IR at 7 d"] > large["Standard"]
