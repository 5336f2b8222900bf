"""The repository alone: SQL behaviour, constraints and thread safety."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.apis.rest.users_store import (
    EmailTakenError,
    User,
    UsersStore,
    connect,
    is_email_conflict,
)


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def store(connection: sqlite3.Connection) -> UsersStore:
    return UsersStore(connection)


def row_count(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM users").fetchone()[0]


def test_add_assigns_increasing_ids_and_get_reads_back(store: UsersStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    grace = store.add("Grace", "grace@example.com")
    assert ada == User(1, "Ada", "ada@example.com")
    assert grace.id == 2
    assert store.get(1) == ada
    assert store.get(3) is None


def test_email_uniqueness_ignores_case(store: UsersStore, connection) -> None:
    store.add("Ada", "ada@example.com")
    with pytest.raises(EmailTakenError):
        store.add("Imposter", "ADA@Example.com")
    assert row_count(connection) == 1


def constraint_error(sql: str, params: tuple = ()) -> sqlite3.IntegrityError:
    """The IntegrityError a statement raises on a scratch database."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT UNIQUE)")
    db.execute("INSERT INTO accounts (id, email) VALUES (1, 'a@b.co')")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute(sql, params)
    db.close()
    return caught.value


@pytest.mark.parametrize(
    ("name", "email", "constraint"),
    [
        (None, "ada@example.com", "SQLITE_CONSTRAINT_NOTNULL"),
        ("Ada", None, "SQLITE_CONSTRAINT_NOTNULL"),
        ("", "ada@example.com", "SQLITE_CONSTRAINT_CHECK"),
        ("A" * 101, "ada@example.com", "SQLITE_CONSTRAINT_CHECK"),
        ("Ada", "a" * 250 + "@x.io", "SQLITE_CONSTRAINT_CHECK"),
    ],
)
def test_other_constraint_failures_are_not_reported_as_a_taken_email(
    store: UsersStore, connection, name, email, constraint: str
) -> None:
    store.add("Grace", "grace@example.com")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        store.add(name, email)
    assert not isinstance(caught.value, EmailTakenError)
    assert caught.value.sqlite_errorname == constraint
    assert row_count(connection) == 1


def test_an_update_that_breaks_a_check_is_not_a_taken_email(store: UsersStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        store.update(ada.id, name="")
    assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT_CHECK"
    assert store.get(ada.id) == ada


def test_only_the_unique_email_constraint_counts_as_a_conflict(store: UsersStore) -> None:
    store.add("Ada", "ada@example.com")
    with pytest.raises(EmailTakenError) as taken:
        store.add("Ada", "ada@example.com")
    assert is_email_conflict(taken.value.__cause__)
    # The same kind of constraint on another table, a primary key, a NOT NULL:
    # none of them is users.email.
    assert not is_email_conflict(constraint_error("INSERT INTO accounts (email) VALUES ('a@b.co')"))
    assert not is_email_conflict(constraint_error("INSERT INTO accounts (id) VALUES (1)"))
    users = sqlite3.connect(":memory:")
    UsersStore(users)
    with pytest.raises(sqlite3.IntegrityError) as null_name:
        users.execute("INSERT INTO users (name, email) VALUES (NULL, 'a@b.co')")
    assert not is_email_conflict(null_name.value)
    users.close()


def test_an_id_beyond_sqlite_integer_overflows_the_driver(store: UsersStore) -> None:
    # Why the HTTP layer bounds ids at 2**63 - 1: past it, sqlite3 raises
    # OverflowError, which would be a 500 instead of a 400.
    assert store.get(2**63 - 1) is None
    with pytest.raises(OverflowError):
        store.get(2**63)


def test_update_changes_only_given_fields(store: UsersStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    assert store.update(ada.id, name="Ada King") == User(1, "Ada King", ada.email)
    assert store.update(ada.id, email="a@king.org") == User(1, "Ada King", "a@king.org")
    assert store.update(ada.id) == User(1, "Ada King", "a@king.org")
    assert store.get(ada.id) == User(1, "Ada King", "a@king.org")


def test_update_of_unknown_id_returns_none_and_creates_nothing(store: UsersStore, connection) -> None:
    assert store.update(5, name="Ghost", email="ghost@example.com") is None
    assert row_count(connection) == 0


def test_update_to_a_taken_email_raises_and_changes_nothing(store: UsersStore) -> None:
    store.add("Ada", "ada@example.com")
    grace = store.add("Grace", "grace@example.com")
    with pytest.raises(EmailTakenError):
        store.update(grace.id, name="Renamed", email="ADA@example.com")
    assert store.get(grace.id) == grace  # the name did not change either


def test_a_user_may_keep_or_recase_their_own_email(store: UsersStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    assert store.update(ada.id, email="ada@example.com") is not None
    assert store.update(ada.id, email="Ada@Example.com") is not None


def test_delete_reports_whether_a_row_went(store: UsersStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    assert store.delete(ada.id) is True
    assert store.delete(ada.id) is False
    assert store.get(ada.id) is None


def test_ids_of_deleted_users_are_never_reused(store: UsersStore) -> None:
    first = store.add("Ada", "ada@example.com")
    store.delete(first.id)
    second = store.add("Ada", "ada@example.com")
    assert second.id == first.id + 1


def test_list_after_is_keyset_ordered_and_limited(store: UsersStore) -> None:
    users = [store.add(f"U{i}", f"u{i}@example.com") for i in range(5)]
    assert store.list_after(0, 2) == users[:2]
    assert store.list_after(users[1].id, 2) == users[2:4]
    assert store.list_after(users[4].id, 2) == []
    store.delete(users[2].id)
    assert store.list_after(users[1].id, 2) == [users[3], users[4]]


def test_schema_creation_is_idempotent(connection: sqlite3.Connection) -> None:
    first = UsersStore(connection)
    first.add("Ada", "ada@example.com")
    second = UsersStore(connection)  # a second store on the same database
    assert second.get(1) == User(1, "Ada", "ada@example.com")


def test_concurrent_adds_from_many_threads(store: UsersStore, connection) -> None:
    """Every distinct email lands once; a contested email has exactly one winner."""
    start = threading.Barrier(8)

    def worker(n: int) -> list[str]:
        start.wait()
        outcomes = []
        for i in range(20):
            store.add(f"W{n}-{i}", f"w{n}-{i}@example.com")
        try:
            store.add(f"W{n}", "shared@example.com")
            outcomes.append("won")
        except EmailTakenError:
            outcomes.append("lost")
        return outcomes

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [outcome for out in pool.map(worker, range(8)) for outcome in out]
    assert sorted(results) == ["lost"] * 7 + ["won"]
    assert row_count(connection) == 8 * 20 + 1
    ids = [user.id for user in store.list_after(0, 1000)]
    assert ids == sorted(set(ids))
