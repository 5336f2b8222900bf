"""Each strategy's rule, checked on its own and against simple models."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.load_balancing.balancers import (
    STRATEGIES,
    ConsistentHash,
    LeastConnections,
    PowerOfTwoChoices,
    RandomChoice,
    RoundRobin,
    make_balancer,
)
from tests.support.example_files import REPO_ROOT


def seeded(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 -- repeatable tests, not secrets


# A load vector and a non-empty, sorted subset of its indexes.
loads_and_eligible = st.lists(st.integers(0, 50), min_size=1, max_size=12).flatmap(
    lambda load: st.tuples(
        st.just(load),
        st.sets(st.integers(0, len(load) - 1), min_size=1).map(sorted),
    )
)


def test_round_robin_cycles_through_every_server_in_order() -> None:
    balancer = RoundRobin()
    picks = [balancer.pick("k", [0, 0, 0, 0], [0, 1, 2, 3]) for _ in range(9)]
    assert picks == [0, 1, 2, 3, 0, 1, 2, 3, 0]


def test_round_robin_ignores_load_and_cycles_over_eligible_servers_only() -> None:
    balancer = RoundRobin()
    picks = [balancer.pick("k", [99, 0, 99, 0], [0, 2]) for _ in range(4)]
    assert picks == [0, 2, 0, 2]


def test_random_is_repeatable_for_a_seed_and_roughly_uniform() -> None:
    def picks(seed: int) -> list[int]:
        balancer = RandomChoice(seeded(seed))
        return [balancer.pick("k", [0] * 4, [0, 1, 2, 3]) for _ in range(50)]

    assert picks(7) == picks(7) != picks(8)
    balancer = RandomChoice(seeded(7))
    counts = Counter(balancer.pick("k", [0] * 4, [0, 1, 2, 3]) for _ in range(8_000))
    assert all(1_800 < counts[server] < 2_200 for server in range(4)), counts


@given(loads_and_eligible, st.integers(0, 2**32))
def test_least_connections_always_picks_a_least_loaded_eligible_server(case, seed) -> None:
    load, eligible = case
    picked = LeastConnections(seeded(seed)).pick("k", load, eligible)
    assert picked in eligible
    assert load[picked] == min(load[server] for server in eligible)


def test_least_connections_breaks_ties_at_random_not_by_index() -> None:
    balancer = LeastConnections(seeded(1))
    picks = Counter(balancer.pick("k", [3, 0, 0, 0], [0, 1, 2, 3]) for _ in range(3_000))
    assert set(picks) == {1, 2, 3}  # never the loaded server, every tied one
    assert min(picks.values()) > 800


def test_p2c_with_two_servers_always_sends_to_the_less_loaded() -> None:
    balancer = PowerOfTwoChoices(seeded(3))
    # Its two samples are distinct, so they are always these two servers.
    assert {balancer.pick("k", [5, 2], [0, 1]) for _ in range(500)} == {1}
    assert {balancer.pick("k", [0, 7], [0, 1]) for _ in range(500)} == {0}


@given(loads_and_eligible, st.integers(0, 2**32))
def test_p2c_never_picks_a_server_busier_than_every_other(case, seed) -> None:
    load, eligible = case
    picked = PowerOfTwoChoices(seeded(seed)).pick("k", load, eligible)
    assert picked in eligible
    others = [load[server] for server in eligible if server != picked]
    if others:
        assert load[picked] <= max(others)  # the strict maximum can never win


def test_p2c_spreads_picks_over_all_servers_when_load_is_equal() -> None:
    balancer = PowerOfTwoChoices(seeded(5))
    counts = Counter(balancer.pick("k", [0] * 5, [0, 1, 2, 3, 4]) for _ in range(5_000))
    assert all(800 < counts[server] < 1_200 for server in range(5)), counts


def test_p2c_with_one_eligible_server_returns_it() -> None:
    assert PowerOfTwoChoices(seeded(1)).pick("k", [9, 9, 9], [2]) == 2


@given(st.text(min_size=1), st.lists(st.integers(0, 100), min_size=5, max_size=5))
def test_consistent_hash_is_sticky_per_key_whatever_the_load(key, load) -> None:
    ring = ConsistentHash(servers=5)
    assert ring.pick(key, load, [0, 1, 2, 3, 4]) == ring.pick(key, [0] * 5, [0, 1, 2, 3, 4])


@given(st.lists(st.text(min_size=1), min_size=1, max_size=50), st.integers(0, 4))
def test_removing_a_server_moves_only_the_keys_it_owned(keys, removed) -> None:
    ring = ConsistentHash(servers=5)
    everyone, rest = [0, 1, 2, 3, 4], [s for s in range(5) if s != removed]
    for key in keys:
        before, after = ring.pick(key, [0] * 5, everyone), ring.pick(key, [0] * 5, rest)
        assert after in rest
        if before != removed:
            assert after == before


def test_consistent_hash_spreads_keys_over_every_server() -> None:
    ring = ConsistentHash(servers=4)
    counts = Counter(ring.pick(f"user-{i}", [0] * 4, [0, 1, 2, 3]) for i in range(10_000))
    assert all(1_800 < counts[server] < 3_200 for server in range(4)), counts


def test_the_ring_is_the_same_in_every_process() -> None:
    # blake2b, not Python's salted hash(): a restart must not reshuffle keys.
    code = (
        "from examples.system_design.load_balancing.balancers import ConsistentHash\n"
        "ring = ConsistentHash(servers=4)\n"
        "print([ring.pick(f'user-{i}', [0] * 4, [0, 1, 2, 3]) for i in range(50)])"
    )
    here = ConsistentHash(servers=4)
    expected = str([here.pick(f"user-{i}", [0] * 4, [0, 1, 2, 3]) for i in range(50)])
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
            check=True, timeout=60,
        )
        assert out.stdout.strip() == expected
    assert here.pick("alice", [0] * 4, [0, 1, 2, 3]) == 1  # the example's printed output


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_strategy_refuses_an_empty_eligible_list(strategy: str) -> None:
    with pytest.raises(ValueError, match="no eligible server"):
        make_balancer(strategy, servers=3).pick("k", [0, 0, 0], [])


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_strategy_picks_only_eligible_servers(strategy: str) -> None:
    balancer = make_balancer(strategy, servers=6, seed=9)
    picks = {balancer.pick(f"k{i}", [i % 3] * 6, [1, 4]) for i in range(200)}
    assert picks <= {1, 4}


def test_make_balancer_refuses_bad_input_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="unknown strategy 'fastest'; known: round_robin"):
        make_balancer("fastest", servers=3)
    with pytest.raises(ValueError, match="at least one server"):
        make_balancer("round_robin", servers=0)
    with pytest.raises(ValueError, match="at least one server"):
        ConsistentHash(servers=0)
    with pytest.raises(ValueError, match="replicas must be at least 1"):
        ConsistentHash(servers=2, replicas=0)


def test_consistent_hash_refuses_servers_that_are_not_on_its_ring() -> None:
    with pytest.raises(ValueError, match="not on this ring"):
        ConsistentHash(servers=2).pick("k", [0] * 9, [7, 8])
