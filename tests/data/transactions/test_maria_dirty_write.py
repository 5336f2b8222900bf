import pytest

from examples.data.transactions.maria_dirty_write import both_buy
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize(
    "level", ["READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"]
)
def test_b_waits_for_a_at_every_level_then_wins_whole(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    # both_buy raises StepDidNotBlockError if B's write did not wait for A.
    assert both_buy(level, settings=mariadb_settings) == ("bob", "bob")
