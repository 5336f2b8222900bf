import pytest

from examples.data.transactions.pg_double_booking import both_book


@pytest.mark.parametrize("how", ["plain", "repeatable_read", "for_update"])
def test_both_bookings_pass_when_nothing_exists_to_lock(
    postgres_dsn: str, how: str
) -> None:
    assert both_book(how, postgres_dsn) == (["alice", "bob"], "committed")


def test_locking_the_room_makes_b_wait_and_see_the_overlap(postgres_dsn: str) -> None:
    # both_book raises StepDidNotBlockError if B's lock on the room did not wait.
    assert both_book("lock_room", postgres_dsn) == (
        ["alice"],
        "saw the overlap, booked nothing",
    )


@pytest.mark.parametrize(
    ("how", "sqlstate"), [("serializable", "40001"), ("constraint", "23P01")]
)
def test_serializable_and_an_exclusion_constraint_refuse_b(
    postgres_dsn: str, how: str, sqlstate: str
) -> None:
    assert both_book(how, postgres_dsn) == (
        ["alice"],
        f"rolled back, SQLSTATE {sqlstate}",
    )


def test_unknown_fix_is_rejected(postgres_dsn: str) -> None:
    with pytest.raises(ValueError, match="how must be one of"):
        both_book("hope", postgres_dsn)
