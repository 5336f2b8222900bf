"""Back-of-the-envelope helpers: the plain formulas, the rounding of sizes, the refusals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.latency_reference.envelope import (
    DAYS_PER_YEAR,
    SECONDS_PER_DAY,
    average_rps,
    decimal_bytes,
    peak_rps,
    storage_per_year,
)

volumes = st.floats(min_value=1e-3, max_value=1e15, allow_nan=False)


def test_a_day_has_86400_seconds() -> None:
    assert SECONDS_PER_DAY == 86_400
    assert average_rps(86_400) == 1


@given(per_day=volumes, factor=st.floats(min_value=1, max_value=100))
def test_the_peak_is_the_average_times_the_factor(per_day: float, factor: float) -> None:
    assert peak_rps(per_day, factor) == pytest.approx(per_day / 86_400 * factor)
    assert peak_rps(per_day, factor) >= average_rps(per_day)


@given(items=volumes, size=volumes, replicas=st.integers(1, 9))
def test_storage_is_items_times_days_times_size_times_copies(items: float, size: float, replicas: int) -> None:
    expected = items * 365 * size * replicas
    assert storage_per_year(items, size, replicas) == pytest.approx(expected)
    assert DAYS_PER_YEAR == 365


def test_the_page_example() -> None:
    assert round(average_rps(50_000_000)) == 579
    assert round(peak_rps(50_000_000, 3)) == 1_736
    assert decimal_bytes(storage_per_year(2_000_000, 1_000, replicas=3)) == "2.19 TB"


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 B"), (999, "999 B"), (999.6, "1 KB"), (1_000, "1 KB"), (12_345, "12.3 KB"),
     (2.19e12, "2.19 TB"), (999.96e15, "1,000 PB"), (5e18, "5,000 PB")],
)
def test_sizes_are_shown_in_powers_of_1000(size: float, shown: str) -> None:
    assert decimal_bytes(size) == shown


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf, True])
def test_impossible_volumes_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="per_day"):
        average_rps(bad)
    with pytest.raises(ValueError, match="items_per_day"):
        storage_per_year(bad, 100)
    with pytest.raises(ValueError, match="bytes_per_item"):
        storage_per_year(100, bad)


@pytest.mark.parametrize("factor", [0.5, 0, -2, math.nan])
def test_a_peak_below_the_average_is_refused(factor: float) -> None:
    with pytest.raises(ValueError, match="peak_factor"):
        peak_rps(1_000, factor)


@pytest.mark.parametrize("replicas", [0, 1.5, True, "3"])
def test_replicas_must_be_a_whole_number(replicas: object) -> None:
    with pytest.raises(ValueError, match="replicas"):
        storage_per_year(100, 100, replicas)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, False])
def test_sizes_must_be_real_byte_counts(bad: float) -> None:
    with pytest.raises(ValueError, match="size"):
        decimal_bytes(bad)
