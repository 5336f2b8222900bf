import psycopg
import pytest

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.atomicity import transfer
from examples.data.transactions.pg_sessions import two_sessions


def balances(session: psycopg.Connection) -> tuple[int, int]:
    result = balance(session, 1), balance(session, 2)
    session.rollback()
    return result


def test_a_transfer_moves_money(postgres_dsn: str) -> None:
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        transfer(s.a, 1, 2, 40)
        assert balances(s.b) == (60, 140)  # committed: another session sees it


def test_an_overdraft_leaves_no_partial_credit(postgres_dsn: str) -> None:
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        with pytest.raises(psycopg.errors.CheckViolation):
            transfer(s.a, 1, 2, 101)
        assert balances(s.a) == (100, 100)
        assert balances(s.b) == (100, 100)


@pytest.mark.parametrize(("from_id", "to_id"), [(1, 99), (99, 1)])
def test_a_missing_account_rolls_everything_back(
    postgres_dsn: str, from_id: int, to_id: int
) -> None:
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        with pytest.raises(LookupError, match="no account 99"):
            transfer(s.a, from_id, to_id, 10)
        assert balances(s.a) == (100, 100)


@pytest.mark.parametrize(
    ("from_id", "to_id", "amount"), [(1, 2, 0), (1, 2, -5), (1, 1, 5)]
)
def test_bad_input_is_rejected_before_touching_the_database(
    postgres_dsn: str, from_id: int, to_id: int, amount: int
) -> None:
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        with pytest.raises(ValueError):
            transfer(s.a, from_id, to_id, amount)
        assert balances(s.a) == (100, 100)


def test_refuses_a_session_already_inside_a_transaction(postgres_dsn: str) -> None:
    # Inside an open transaction, session.transaction() would only set a
    # SAVEPOINT: the caller's later ROLLBACK would silently undo the transfer.
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        balance(s.a, 1)  # autocommit is off: this read opened a transaction
        with pytest.raises(RuntimeError, match="already inside a transaction"):
            transfer(s.a, 1, 2, 10)
        s.a.rollback()
        assert balances(s.b) == (100, 100)
