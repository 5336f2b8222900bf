"""The multi-region simulation: exact where it should be, N x where it should be, seeded."""

from __future__ import annotations

import pytest

from examples.system_design.rate_limiter.multi_region import (
    REGIONS,
    STRATEGIES,
    World,
    arrivals,
    global_store,
    measure,
    per_region,
    synced_every,
)
from tests.support.example_files import DOCS_DIR

WORLD = World()


def test_the_run_repeats_with_its_seed_and_changes_without_it() -> None:
    assert arrivals(WORLD) == arrivals(World())
    assert arrivals(WORLD) != arrivals(World(seed=8))
    times = [t for t, _ in arrivals(WORLD)]
    assert times == sorted(times)
    assert len(times) == pytest.approx(WORLD.rate * WORLD.seconds, rel=0.05)


def test_a_global_store_is_exact_and_costs_remote_regions_a_round_trip() -> None:
    outcome = measure(global_store, WORLD)
    assert outcome.worst == 1.0
    assert outcome.round_trip_share == pytest.approx(1 - WORLD.weights[0], abs=0.02)


def test_independent_regions_let_a_spread_client_get_n_times_the_limit() -> None:
    assert measure(per_region(1.0), WORLD).worst == len(REGIONS)
    assert measure(per_region(1 / 3), WORLD).worst <= 1.0


def test_syncing_more_often_overshoots_less_but_never_below_the_limit() -> None:
    worst = [measure(synced_every(ms), WORLD).worst for ms in (10, 100, 500)]
    assert 1.0 < worst[0] < worst[1] < worst[2] <= len(REGIONS)


def test_a_split_limit_refuses_an_honest_single_region_client() -> None:
    honest = World(weights=(0.0, 1.0, 0.0), rate=50.0)
    shares = {name: measure(strategy, honest).admitted_share for name, strategy in STRATEGIES.items()}
    assert shares["per region, a third each"] < 0.8
    assert all(share > 0.95 for name, share in shares.items() if name != "per region, a third each")


def test_the_page_states_what_the_simulation_measures() -> None:
    page = " ".join((DOCS_DIR / "system-design" / "rate-limiter" / "index.md").read_text(encoding="utf-8").split())
    assert f"sends {WORLD.rate:.0f} requests a second" in page
    assert f"limit of {WORLD.limit} per second" in page and WORLD.window_ms == 1_000
    assert "fixed, aligned one-second windows, not GCRA" in page
    assert f"assumed {WORLD.one_way_ms:.0f} ms between regions" in page
    synced = [measure(STRATEGIES[f"local counts, sync {ms} ms"], WORLD).worst for ms in (10, 500)]
    assert f"{synced[0]:.2f}x to {synced[1]:.2f}x here" in page
    honest = World(weights=(0.0, 1.0, 0.0), rate=50.0)
    refused = 1 - measure(STRATEGIES["per region, a third each"], honest).admitted_share
    assert f"refuses {refused:.0%} of an honest client's requests" in page


def test_zero_delay_and_fast_sync_is_almost_exact() -> None:
    world = World(one_way_ms=0.0)
    assert measure(synced_every(1), world).worst <= 1.05


@pytest.mark.parametrize(
    "kwargs",
    [{"weights": (0.5, 0.5)}, {"weights": (0.5, 0.3, 0.3)}, {"rate": 0}, {"limit": 0}, {"one_way_ms": -1}],
)
def test_bad_worlds_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        World(**kwargs)
