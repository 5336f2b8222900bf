"""The load multiplier of each retry strategy against a dependency that is down."""

from __future__ import annotations

import pytest

from examples.reliability.retry_amplification import MAX_RETRIES, simulate


def test_naive_retries_multiply_load_by_one_plus_max_retries() -> None:
    load = simulate(clients=50, strategy="naive")
    assert load.overall == pytest.approx(1 + MAX_RETRIES, abs=0.05)


def test_backoff_and_jitter_spread_retries_but_do_not_remove_them() -> None:
    load = simulate(clients=50, strategy="jitter")
    assert load.steady == pytest.approx(1 + MAX_RETRIES, abs=0.2)


def test_a_budget_holds_retries_to_about_ten_percent_once_savings_are_spent() -> None:
    load = simulate(clients=50, strategy="budget")
    assert load.steady == pytest.approx(1.1, abs=0.05)
    assert load.overall < 2


def test_the_simulation_is_deterministic_for_a_seed() -> None:
    assert simulate(20, "jitter", seed=3) == simulate(20, "jitter", seed=3)


@pytest.mark.parametrize(("clients", "strategy"), [(0, "naive"), (5, "hope")])
def test_bad_arguments_are_refused(clients: int, strategy: str) -> None:
    with pytest.raises(ValueError):
        simulate(clients, strategy)
