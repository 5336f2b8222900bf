import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_dirty_write import both_buy


def test_read_committed_makes_b_wait_then_b_wins_whole(postgres_dsn: str) -> None:
    # both_buy raises StepDidNotBlockError if B's write did not wait for A.
    assert both_buy(IsolationLevel.READ_COMMITTED, postgres_dsn) == (
        ("bob", "bob"),
        "committed",
    )


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_snapshot_levels_make_b_wait_then_fail(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert both_buy(level, postgres_dsn) == (
        ("alice", "alice"),
        "failed with 40001",
    )
