import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_lost_update import deposit_race, deposit_race_locked


def test_read_committed_loses_an_update(postgres_dsn: str) -> None:
    assert deposit_race(IsolationLevel.READ_COMMITTED, postgres_dsn) == (
        110,
        "committed",
    )


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_stronger_levels_reject_the_second_writer(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    final, fate = deposit_race(level, postgres_dsn)
    assert final == 110  # only A's deposit, and B KNOWS it must retry
    assert fate == "rolled back, SQLSTATE 40001"


@pytest.mark.parametrize("how", ["for_update", "atomic"])
def test_locking_makes_b_wait_and_keeps_both_deposits(
    postgres_dsn: str, how: str
) -> None:
    # run_blocked_step raises StepDidNotBlockError if B did not wait for A.
    assert deposit_race_locked(how, postgres_dsn) == 120


def test_unknown_fix_is_rejected(postgres_dsn: str) -> None:
    with pytest.raises(ValueError):
        deposit_race_locked("hope", postgres_dsn)
