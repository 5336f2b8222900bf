"""Equal, exact and percentage splits: shares, validation, and exact sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.splitwise.errors import InvalidSplitError
from examples.machine_coding.splitwise.splits import EqualSplit, ExactSplit, PercentSplit, Split


def test_equal_split_gives_leftover_cents_in_listed_order() -> None:
    assert EqualSplit(["c", "a", "b"]).shares(1_000) == {"c": 334, "a": 333, "b": 333}
    assert EqualSplit(["a", "b", "c", "d"]).shares(1_003) == {"a": 251, "b": 251, "c": 251, "d": 250}
    assert EqualSplit(["solo"]).shares(7) == {"solo": 7}
    assert EqualSplit(["a", "b"]).participants == ("a", "b")


def test_exact_split_returns_the_stated_amounts() -> None:
    split = ExactSplit({"a": 700, "b": 0, "c": 300})
    assert split.shares(1_000) == {"a": 700, "b": 0, "c": 300}
    assert split.participants == ("a", "b", "c")


@pytest.mark.parametrize("total", [999, 1_001])
def test_exact_split_must_match_the_total(total: int) -> None:
    with pytest.raises(InvalidSplitError, match=f"add up to 1000 cents, the expense is {total}"):
        ExactSplit({"a": 700, "c": 300}).shares(total)


def test_percent_split_uses_largest_remainders() -> None:
    split = PercentSplit({"a": 50, "b": Decimal("33.33"), "c": Decimal("16.67")})
    assert split.shares(999) == {"a": 499, "b": 333, "c": 167}
    assert PercentSplit({"a": 100}).shares(1) == {"a": 1}
    assert PercentSplit({"a": Decimal("12.5"), "b": Decimal("87.5")}).participants == ("a", "b")


@pytest.mark.parametrize(
    "percents",
    [{"a": 60, "b": 30}, {"a": 60, "b": 50}, {"a": Decimal("33.33"), "b": Decimal("33.33"), "c": Decimal("33.33")}],
)
def test_percentages_must_sum_to_100(percents: dict) -> None:
    with pytest.raises(InvalidSplitError, match="not 100"):
        PercentSplit(percents)


@pytest.mark.parametrize("bad", [0.5, "50", None, True, Decimal("NaN"), Decimal("Infinity")])
def test_percentages_must_be_int_or_finite_decimal(bad: object) -> None:
    with pytest.raises(InvalidSplitError, match="int or Decimal"):
        PercentSplit({"a": bad, "b": 50})


def test_negative_percentages_are_refused() -> None:
    with pytest.raises(InvalidSplitError, match="negative"):
        PercentSplit({"a": 110, "b": -10})


@pytest.mark.parametrize("bad", [-1, 1.5, "100", True, None])
def test_exact_amounts_must_be_whole_non_negative_cents(bad: object) -> None:
    with pytest.raises(InvalidSplitError, match="whole cents"):
        ExactSplit({"a": bad, "b": 100})


@pytest.mark.parametrize("make", [EqualSplit, lambda users: ExactSplit(dict.fromkeys(users, 1))])
def test_a_split_needs_participants(make) -> None:
    with pytest.raises(InvalidSplitError, match="at least one"):
        make([])


def test_participants_must_not_repeat() -> None:
    with pytest.raises(InvalidSplitError, match="repeat"):
        EqualSplit(["a", "b", "a"])


users = st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=10, unique=True)
totals = st.integers(min_value=0, max_value=10**8)


@st.composite
def percent_splits(draw: st.DrawFn) -> PercentSplit:
    names = draw(users)
    # Basis points that sum to 10,000, turned into Decimal percentages.
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=len(names) - 1, max_size=len(names) - 1)))
    points = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
    return PercentSplit({n: Decimal(p) / 100 for n, p in zip(names, points, strict=True)})


@settings(max_examples=150, deadline=None)
@given(split=st.one_of(users.map(EqualSplit), percent_splits()), total=totals)
def test_every_split_sums_exactly_to_the_total(split: Split, total: int) -> None:
    shares = split.shares(total)
    assert sum(shares.values()) == total
    assert list(shares) == list(split.participants)
    assert all(isinstance(c, int) and c >= 0 for c in shares.values())


@settings(max_examples=100, deadline=None)
@given(names=users, total=totals)
def test_equal_shares_differ_by_at_most_one_cent(names: list[str], total: int) -> None:
    shares = list(EqualSplit(names).shares(total))
    values = list(EqualSplit(names).shares(total).values())
    assert max(values) - min(values) <= 1
    assert values == sorted(values, reverse=True)  # the extra cents go to the first listed
    assert shares == names


def test_float_percentages_would_miss_100_where_decimals_do_not() -> None:
    assert 33.12 + 33.33 + 33.55 != 100  # the docstring's example: 99.99999999999999
    split = PercentSplit({"a": Decimal("33.12"), "b": Decimal("33.33"), "c": Decimal("33.55")})
    assert sum(split.shares(10_000).values()) == 10_000


@pytest.mark.parametrize("total", [10.5, "100", None])
def test_a_split_refuses_a_total_that_is_not_int_cents(total: object) -> None:
    with pytest.raises(TypeError, match="int cents"):
        EqualSplit(["a", "b"]).shares(total)  # type: ignore[arg-type]
