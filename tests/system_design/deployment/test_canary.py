from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.deployment.canary import Decision, Window, decide, run_canary

BASE = Window(10_000, 50)  # 0.5%


def test_too_little_canary_traffic_waits_even_when_it_looks_bad() -> None:
    assert decide(BASE, Window(100, 9)) is Decision.WAIT


def test_similar_error_rates_promote_and_a_worse_canary_rolls_back() -> None:
    assert decide(BASE, Window(500, 4)) is Decision.PROMOTE
    assert decide(BASE, Window(500, 40)) is Decision.ROLLBACK


def test_the_tolerance_is_an_absolute_difference_of_rates() -> None:
    assert decide(BASE, Window(1000, 15)) is Decision.PROMOTE  # 1.5% - 0.5% = 1 point: not above
    assert decide(BASE, Window(1000, 16)) is Decision.ROLLBACK


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Window(10, 11), "more errors than requests"),
        (lambda: Window(-1, 0), "cannot be negative"),
        (lambda: decide(BASE, BASE, tolerance=0), "tolerance must be between 0 and 1"),
        (lambda: decide(BASE, BASE, min_requests=0), "min_requests must be at least 1"),
    ],
)
def test_bad_input_is_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_the_simulation_is_deterministic_and_catches_the_broken_canary() -> None:
    assert run_canary(3, 0.04) == run_canary(3, 0.04)
    assert run_canary(3, 0.04)[-1].endswith("rollback")
    assert run_canary(3, 0.005)[-1].endswith("promote")


@given(
    requests=st.integers(200, 5000),
    errors=st.integers(0, 5000),
    more=st.integers(0, 5000),
)
def test_more_canary_errors_never_turn_a_rollback_into_a_promote(requests: int, errors: int, more: int) -> None:
    errors = min(errors, requests)
    worse = min(errors + more, requests)
    if decide(BASE, Window(requests, errors)) is Decision.ROLLBACK:
        assert decide(BASE, Window(requests, worse)) is Decision.ROLLBACK


def test_chance_of_rollback_counts_exactly_the_outcomes_decide_rolls_back() -> None:
    from math import comb

    from examples.system_design.deployment.canary import chance_of_rollback

    n, rate = 200, 0.02
    by_decide = sum(
        comb(n, k) * rate**k * (1 - rate) ** (n - k)
        for k in range(n + 1)
        if decide(BASE, Window(n, k)) is Decision.ROLLBACK
    )
    assert chance_of_rollback(rate, BASE.error_rate, n) == pytest.approx(by_decide)


def test_a_bigger_sample_separates_good_from_bad_canaries() -> None:
    from examples.system_design.deployment.canary import chance_of_rollback

    assert chance_of_rollback(0.005, 0.005, 200) < 0.05  # a healthy canary is rarely rolled back
    assert chance_of_rollback(0.02, 0.005, 200) < 0.6  # a 4x worse one often ships at n=200
    assert chance_of_rollback(0.02, 0.005, 2000) > 0.9
    assert chance_of_rollback(0.0, 0.005, 200) == 0.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        chance_of_rollback(1.5, 0.005, 200)
    with pytest.raises(ValueError, match="at least 1"):
        chance_of_rollback(0.01, 0.005, 0)
