"""The ledger on real PostgreSQL: each rule it enforces, tried and refused."""

from __future__ import annotations

import psycopg
import pytest

from examples.system_design.payments.ledger import (
    InsufficientFundsError,
    LockStrategy,
    UnknownAccountError,
    audit,
    balances,
    open_account,
    post_entry,
    transfer,
)
from tests.system_design.payments.ledger_helpers import entry_count, fund

# --- the rules, one by one -----------------------------------------------------


def test_a_transfer_moves_money_and_keeps_the_sum_at_zero(db: psycopg.Connection) -> None:
    fund(db, {"a": 100, "b": 0})
    result = transfer(db, "a", "b", 30, "USD", reference="t-1")
    assert result.attempts == 1
    assert balances(db) == {"a": 70, "b": 30, "world": -100}
    assert audit(db) == {
        "sum per currency": {"USD": 0},
        "drifted": 0,
        "overdrawn": 0,
    }


def test_an_overdraft_is_refused_and_leaves_nothing(db: psycopg.Connection) -> None:
    fund(db, {"a": 100, "b": 0})
    before = entry_count(db)
    with pytest.raises(InsufficientFundsError, match="a cannot pay 101"):
        transfer(db, "a", "b", 101, "USD", reference="t-1")
    assert entry_count(db) == before
    assert balances(db)["a"] == 100
    transfer(db, "a", "b", 100, "USD", reference="t-2")  # exactly everything is fine
    assert balances(db)["a"] == 0


@pytest.mark.parametrize("strategy", list(LockStrategy))
def test_every_strategy_refuses_unknown_accounts(db: psycopg.Connection, strategy: LockStrategy) -> None:
    fund(db, {"a": 10})
    with pytest.raises(UnknownAccountError):
        transfer(db, "a", "nobody", 5, "USD", reference="t-1", strategy=strategy)
    assert balances(db)["a"] == 10


@pytest.mark.parametrize("amount", [0, -5, 1.5, True, "10"])
def test_a_transfer_amount_must_be_a_positive_int(db: psycopg.Connection, amount: object) -> None:
    fund(db, {"a": 10, "b": 0})
    with pytest.raises(ValueError, match="positive int"):
        transfer(db, "a", "b", amount, "USD", reference="t-1")  # type: ignore[arg-type]


def test_a_transfer_to_the_same_account_is_refused(db: psycopg.Connection) -> None:
    fund(db, {"a": 10})
    with pytest.raises(ValueError, match="two different accounts"):
        transfer(db, "a", "a", 5, "USD", reference="t-1")


def test_the_same_reference_cannot_be_booked_twice(db: psycopg.Connection) -> None:
    fund(db, {"a": 10, "b": 0})
    transfer(db, "a", "b", 5, "USD", reference="t-1")
    with pytest.raises(psycopg.errors.UniqueViolation):
        transfer(db, "a", "b", 5, "USD", reference="t-1")
    assert balances(db)["b"] == 5


def test_an_unbalanced_entry_fails_at_commit_not_before(db: psycopg.Connection) -> None:
    fund(db, {"a": 10, "b": 0})
    unbalanced = "does not balance: USD postings sum to 1"
    with pytest.raises(psycopg.errors.CheckViolation, match=unbalanced), db.transaction():
        post_entry(db, "transfer", "t-1", "USD", {"a": -4, "b": 5})  # no error yet
    assert balances(db) == {"a": 10, "b": 0, "world": -10}


def test_an_entry_needs_two_postings(db: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.CheckViolation, match="fewer than two postings"), db.transaction():
        db.execute("INSERT INTO journal_entries (kind, reference) VALUES ('transfer', 'empty')")


def test_a_posting_must_match_its_accounts_currency(db: psycopg.Connection) -> None:
    fund(db, {"a": 10})
    open_account(db, "e", "EUR", allow_negative=False)
    with pytest.raises(psycopg.errors.ForeignKeyViolation), db.transaction():
        post_entry(db, "transfer", "t-1", "USD", {"a": -5, "e": 5})


def test_each_currency_must_balance_on_its_own(db: psycopg.Connection) -> None:
    for name, currency in [("u1", "USD"), ("u2", "USD"), ("e1", "EUR"), ("e2", "EUR")]:
        open_account(db, name, currency, allow_negative=True)
    with pytest.raises(psycopg.errors.CheckViolation, match="does not balance"), db.transaction():
        entry = db.execute(
            "INSERT INTO journal_entries (kind, reference) VALUES ('fx', 'x') RETURNING id"
        ).fetchone()[0]
        db.execute(  # 5 USD out, 5 EUR in: the total is zero, each currency is not
            "INSERT INTO postings VALUES (%s, 'u1', 'USD', -5), (%s, 'e1', 'EUR', 5)",
            (entry, entry),
        )


@pytest.mark.parametrize("amount", [0, 2.5, False, None])
def test_post_entry_refuses_zero_and_non_integer_amounts(db: psycopg.Connection, amount: object) -> None:
    fund(db, {"a": 10, "b": 0})
    with pytest.raises(ValueError, match="not a non-zero int"), db.transaction():
        post_entry(db, "transfer", "t-1", "USD", {"a": -5, "b": amount})  # type: ignore[dict-item]


def test_a_float_would_be_rounded_by_the_database_so_python_refuses_it(db: psycopg.Connection) -> None:
    db.execute("CREATE TEMPORARY TABLE cents (amount bigint)")
    db.execute("INSERT INTO cents VALUES (%s)", (0.5,))  # the trap: no error at all
    assert db.execute("SELECT amount FROM cents").fetchone() == (0,)  # rounded to even


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE accounts SET balance = 999 WHERE id = 'a'",
        "INSERT INTO accounts (id, currency, balance) VALUES ('z', 'USD', 50)",
        "UPDATE postings SET amount = amount * 2",
        "DELETE FROM postings",
        "DELETE FROM journal_entries",
        "UPDATE journal_entries SET reference = 'other'",
    ],
)
def test_balances_and_history_cannot_be_edited(db: psycopg.Connection, statement: str) -> None:
    fund(db, {"a": 10})
    with pytest.raises(psycopg.errors.CheckViolation):
        db.execute(statement)
    assert balances(db) == {"a": 10, "world": -10}


def test_an_account_id_keeps_its_currency(db: psycopg.Connection) -> None:
    open_account(db, "a", "USD", allow_negative=False)
    open_account(db, "a", "USD", allow_negative=False)  # opening twice is fine
    with pytest.raises(ValueError, match="exists in USD, not EUR"):
        open_account(db, "a", "EUR", allow_negative=False)


# --- the rules the review found open --------------------------------------------


def test_a_committed_entry_takes_no_more_postings_even_balanced_ones(db: psycopg.Connection) -> None:
    fund(db, {"a": 100, "b": 0})
    entry = transfer(db, "a", "b", 30, "USD", reference="t-1").entry_id
    open_account(db, "c", "USD", allow_negative=False)
    with pytest.raises(psycopg.errors.CheckViolation, match=f"entry {entry} is closed"), db.transaction():
        db.execute(
            "INSERT INTO postings VALUES (%s, 'world', 'USD', -50), (%s, 'c', 'USD', 50)",
            (entry, entry),
        )
    assert balances(db)["c"] == 0 and audit(db)["drifted"] == 0


def test_an_entry_built_across_savepoints_is_still_open_to_its_transaction(db: psycopg.Connection) -> None:
    fund(db, {"a": 100, "b": 0})
    with db.transaction():
        with db.transaction():  # a savepoint: a subtransaction with its own xid
            entry = db.execute(
                "INSERT INTO journal_entries (kind, reference) VALUES ('transfer', 's-1') RETURNING id"
            ).fetchone()[0]
        with db.transaction():
            db.execute(
                "INSERT INTO postings VALUES (%s, 'a', 'USD', -5), (%s, 'b', 'USD', 5)", (entry, entry)
            )
    assert balances(db)["b"] == 5


def test_created_by_cannot_be_forged_to_reopen_an_entry(db: psycopg.Connection) -> None:
    fund(db, {"a": 100, "b": 0})
    with db.transaction():
        row = db.execute(
            "INSERT INTO journal_entries (kind, reference, created_by) VALUES ('transfer', 'f-1', '1')"
            " RETURNING created_by = pg_current_xact_id()"
        ).fetchone()
        assert row == (True,)  # the trigger overwrote the forged value
        db.execute("INSERT INTO postings SELECT max(id), 'a', 'USD', -1 FROM journal_entries")
        db.execute("INSERT INTO postings SELECT max(id), 'b', 'USD', 1 FROM journal_entries")


@pytest.mark.parametrize("table", ["postings", "journal_entries", "accounts"])
def test_truncate_is_refused_on_every_ledger_table(db: psycopg.Connection, table: str) -> None:
    fund(db, {"a": 100})
    with pytest.raises(psycopg.errors.CheckViolation, match=f"{table} is append-only"):
        db.execute(f"TRUNCATE {table} CASCADE")
    assert balances(db)["a"] == 100 and entry_count(db) == 1


@pytest.mark.parametrize(
    "change", ["allow_negative = true", "currency = 'EUR'", "id = 'a2'"]
)
def test_an_accounts_identity_and_overdraft_rule_are_fixed(db: psycopg.Connection, change: str) -> None:
    fund(db, {"a": 100})
    with pytest.raises(psycopg.errors.CheckViolation, match="fixed"):
        db.execute(f"UPDATE accounts SET {change} WHERE id = 'a'")  # noqa: S608 (test constants)
    row = db.execute("SELECT allow_negative, currency FROM accounts WHERE id = 'a'").fetchone()
    assert row == (False, "USD")
