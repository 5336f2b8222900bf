"""The container helpers against simple models, and the mutable-default fix."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.language_python_idioms import PROBES, set_contains
from examples.language.python.idioms import add_tag, add_tag_buggy, by_status, cheapest, recent


@given(st.lists(st.text(max_size=3)), st.integers(min_value=1, max_value=10))
def test_recent_keeps_the_last_events_like_a_slice(events: list[str], keep: int) -> None:
    assert recent(events, keep) == events[-keep:]


@given(st.lists(st.tuples(st.text(max_size=2), st.sampled_from(["new", "paid", "shipped"]))))
def test_by_status_groups_in_input_order(orders: list[tuple[str, str]]) -> None:
    groups = by_status(orders)
    assert sorted(groups) == sorted({status for _, status in orders})
    for status, ids in groups.items():
        assert ids == [order_id for order_id, s in orders if s == status]


@given(st.dictionaries(st.text(max_size=3), st.integers(0, 1000)), st.integers(0, 5))
def test_cheapest_matches_a_full_sort(prices: dict[str, int], k: int) -> None:
    assert cheapest(prices, k) == sorted((cents, sku) for sku, cents in prices.items())[:k]


def test_the_buggy_default_is_shared_between_calls_and_the_fix_is_not() -> None:
    first = add_tag_buggy("x")
    assert add_tag_buggy("y") is first  # one list, built at def time
    assert add_tag("x") == ["x"]
    assert add_tag("y") == ["y"]
    mine = ["a"]
    assert add_tag("b", mine) is mine
    assert mine == ["a", "b"]


def test_the_set_benchmark_times_many_lookups_spread_over_the_table() -> None:
    # One burst of 200 lookups (about 4 us) right after building the set timed a cold start.
    _, lookups = set_contains(100_000)
    assert lookups >= 10_000
    assert not set(PROBES) & set(range(100_000))  # absent: the list's worst case
    # A 100,000-item set has 2**18 slots of 16 bytes; the probes start in many 4 KiB pages of it.
    pages = {(hash(probe) & (2**18 - 1)) * 16 // 4096 for probe in PROBES}
    assert len(pages) > 100
