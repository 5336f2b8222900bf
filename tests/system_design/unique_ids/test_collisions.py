"""Birthday bounds: against exact products, against simulation, and their inverses."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.unique_ids.collisions import (
    EXACT_MAX_N,
    MS_PER_YEAR,
    V4_RANDOM_BITS,
    collision_probability,
    exact_collision_probability,
    ids_for_probability,
    simulated_probability,
    yearly_v7_probability,
)


def exact(n: int, bits: int) -> float:
    space = 2**bits
    no_repeat = math.prod((space - i) / space for i in range(n))
    return 1 - no_repeat


@given(n=st.integers(0, 300), bits=st.integers(8, 24))
def test_the_bound_tracks_the_exact_probability(n: int, bits: int) -> None:
    assert collision_probability(n, bits) == pytest.approx(exact(n, bits), abs=0.02)


@given(n=st.integers(0, 300), bits=st.integers(1, 24))
def test_the_exact_form_multiplies_out_the_product(n: int, bits: int) -> None:
    assert exact_collision_probability(n, bits) == pytest.approx(exact(n, bits), abs=1e-12)


def test_the_bound_runs_low_for_worker_ids_and_the_exact_form_does_not() -> None:
    # 40 of 1,024 worker ids: the bound says 0.533, multiplying out says 0.538.
    assert collision_probability(40, 10) == pytest.approx(0.533, abs=5e-4)
    assert exact_collision_probability(40, 10) == pytest.approx(0.538, abs=5e-4)
    assert exact_collision_probability(1025, 10) == 1.0  # more ids than values


def test_small_cases() -> None:
    assert collision_probability(0, 10) == collision_probability(1, 10) == 0
    assert collision_probability(2, 1) == pytest.approx(1 - math.exp(-0.5))
    assert collision_probability(2, 0) == 1.0
    assert collision_probability(10**9, V4_RANDOM_BITS) == pytest.approx(9.4e-20, rel=0.01)


@given(p=st.floats(1e-12, 0.99), bits=st.integers(40, 122))
def test_ids_for_probability_inverts_the_bound(p: float, bits: int) -> None:
    n = ids_for_probability(p, bits)
    pairs = n * n / 2  # the continuous form the inverse solves exactly
    assert -math.expm1(-pairs / 2.0**bits) == pytest.approx(p, rel=1e-6)


def test_simulation_agrees_with_the_formula() -> None:
    observed = simulated_probability(300, 16, trials=300, seed=3)
    assert observed == pytest.approx(collision_probability(300, 16), abs=0.08)


def test_yearly_v7_grows_with_the_square_of_the_rate() -> None:
    assert yearly_v7_probability(0) == 0
    low, high = yearly_v7_probability(1_000), yearly_v7_probability(10_000)
    assert high == pytest.approx(low * 100, rel=1e-6)
    # Few bits: a year of IDs makes a repeat all but certain.
    assert yearly_v7_probability(1_000_000, bits=20) == pytest.approx(1.0)
    assert MS_PER_YEAR == 31_536_000_000


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: collision_probability(-1, 10), ValueError),
        (lambda: collision_probability(10, -1), ValueError),
        (lambda: collision_probability(1.5, 10), TypeError),
        (lambda: ids_for_probability(0, 10), ValueError),
        (lambda: ids_for_probability(1, 10), ValueError),
        (lambda: yearly_v7_probability(-1), ValueError),
        (lambda: yearly_v7_probability(math.nan), ValueError),
        (lambda: yearly_v7_probability(math.inf), ValueError),
        (lambda: simulated_probability(10, 10, trials=0, seed=1), ValueError),
        (lambda: exact_collision_probability(-1, 10), ValueError),
        (lambda: exact_collision_probability(EXACT_MAX_N + 1, 64), ValueError),
        (lambda: exact_collision_probability(10, 2.5), TypeError),
    ],
)
def test_bad_input_is_refused(call, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()
