"""LostUpdates, Locks and ConcurrentMaps: every forced race loses, every fix holds, over many trials."""

from __future__ import annotations

import pytest

from tests.language.java.java_driver import JAVA_EXAMPLES, run_driver

EXAMPLES = [
    JAVA_EXAMPLES / name
    for name in ("LostUpdates.java", "Locks.java", "ConcurrentMaps.java")
]


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "SharedStateCheck.java", EXAMPLES, tmp_path_factory.mktemp("shared-state")
    )


def test_the_forced_races_lose_on_every_trial(facts: dict[str, str]) -> None:
    """The driver exits non-zero on the first trial that does not lose the update or oversell."""
    assert facts["lost_update.trials"] == facts["maps.trials"] == "50"


def test_synchronized_atomic_and_adder_counts_are_exact(facts: dict[str, str]) -> None:
    assert (
        facts["exact_counts"]
        == "synchronized 200000, AtomicInteger 200000, LongAdder 200000"
    )
    assert facts["maps.merged"] == "200000"


def test_one_seat_is_booked_once_by_sixteen_customers(facts: dict[str, str]) -> None:
    assert facts["seats.oversold_trials"] == "0"


def test_book_waits_for_the_monitor_of_its_seats(facts: dict[str, str]) -> None:
    assert facts["seats.customer_state_while_held"] == "BLOCKED"
    assert facts["seats.left_after"] == "0"


def test_a_transfer_gives_up_on_a_busy_lock_and_releases_the_one_it_had(
    facts: dict[str, str],
) -> None:
    assert facts["transfer.to_busy"] == "false"
    assert facts["transfer.from_left_locked"] == "false"


def test_an_overdraft_is_refused_with_nothing_moved_and_no_lock_kept(
    facts: dict[str, str],
) -> None:
    assert facts["transfer.overdraft"] == "ada has less than 20000"
    assert facts["transfer.locks_after_overdraft"] == "false false"
    assert facts["transfer.balances_after_overdraft"] == "10000 0"


def test_a_transfer_of_nothing_or_less_is_refused(facts: dict[str, str]) -> None:
    assert facts["transfer.amount_0"] == "amount must be positive: 0"
    assert facts["transfer.amount_-500"] == "amount must be positive: -500"


def test_opposite_transfers_neither_deadlock_nor_create_money(
    facts: dict[str, str],
) -> None:
    assert facts["opposite.total"] == "2000000"
    assert facts["opposite.left_matches_successes"] == "true"


def test_read_write_lock_rules(facts: dict[str, str]) -> None:
    assert facts["read_write"].split("|") == [
        "a second reader while one reads: true",
        "a writer while one reads: false",
        "upgrade, read lock to write lock: false",
        "downgrade, write lock to read lock: true",
    ]


def test_concurrent_hash_map_refuses_null_keys_too(facts: dict[str, str]) -> None:
    assert facts["maps.null_key"] == "NullPointerException"
