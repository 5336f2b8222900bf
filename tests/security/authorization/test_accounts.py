"""Roles and bearer tokens in SQLite."""

import hashlib
import sqlite3
from collections.abc import Iterator

import pytest

from examples.security.authorization.accounts import Account, AccountsStore, connect
from examples.security.authorization.policy import Principal, Role


@pytest.fixture
def store() -> Iterator[AccountsStore]:
    connection = connect()
    yield AccountsStore(connection)
    connection.close()


def test_a_token_acts_as_its_user(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.SUPPORT)
    token = store.issue_token(ada.id)
    assert store.principal_for(token) == Principal(ada.id, Role.SUPPORT)


def test_only_the_digest_is_stored(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.MEMBER)
    token = store.issue_token(ada.id)
    rows = store._connection.execute("SELECT token_sha256 FROM api_tokens").fetchall()
    assert rows == [(hashlib.sha256(token.encode()).hexdigest(),)]
    assert token not in str(rows)


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "digest-of-nothing"])
def test_unknown_tokens_act_as_nobody(store: AccountsStore, token: str) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.ADMIN)
    store.issue_token(ada.id)
    assert store.principal_for(token) is None


def test_the_digest_itself_is_not_a_token(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.ADMIN)
    token = store.issue_token(ada.id)
    # Someone who read the table cannot send what they found there.
    assert store.principal_for(hashlib.sha256(token.encode()).hexdigest()) is None


def test_tokens_are_unique(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.MEMBER)
    assert len({store.issue_token(ada.id) for _ in range(50)}) == 50


def test_deleting_a_user_ends_its_tokens_and_role(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.ADMIN)
    token = store.issue_token(ada.id)
    assert store.delete(ada.id)
    assert store.principal_for(token) is None
    assert store.account(ada.id) is None
    # The same email again gets a new id: the old token stays dead.
    again = store.add_with_role("Ada", "ada@example.com", Role.ADMIN)
    assert again.id != ada.id and store.principal_for(token) is None


def test_a_user_without_a_role_cannot_authenticate(store: AccountsStore) -> None:
    # As if the process died between the two statements of add_with_role.
    orphan = store.add("Ada", "ada@example.com")
    token = store.issue_token(orphan.id)
    assert store.principal_for(token) is None


def test_set_role_replaces_the_role(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.MEMBER)
    store.set_role(ada.id, Role.SUPPORT)
    assert store.account(ada.id).role is Role.SUPPORT


def test_the_database_refuses_a_role_that_does_not_exist(store: AccountsStore) -> None:
    ada = store.add("Ada", "ada@example.com")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store._connection.execute(
            "INSERT INTO user_roles (user_id, role) VALUES (?, 'root')", (ada.id,)
        )


def test_a_token_for_a_user_that_does_not_exist_is_refused(
    store: AccountsStore,
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.issue_token(999)


def test_accounts_page_in_id_order(store: AccountsStore) -> None:
    for i in range(5):
        store.add_with_role(f"U{i}", f"u{i}@example.com", Role.MEMBER)
    first = store.accounts_after(0, 2)
    assert [a.id for a in first] == [1, 2]
    assert [a.id for a in store.accounts_after(first[-1].id, 10)] == [3, 4, 5]


class Bogus:
    """A role the CHECK constraint refuses, to make the second statement fail."""

    value = "root"


def test_a_user_and_its_role_are_added_together_or_not_at_all(
    store: AccountsStore,
) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.add_with_role("Ada", "ada@example.com", Bogus)  # type: ignore[arg-type]
    # No user without a role left behind: the email is free again.
    assert store._connection.execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_fields_and_role_change_together_or_not_at_all(store: AccountsStore) -> None:
    ada = store.add_with_role("Ada", "ada@example.com", Role.MEMBER)
    with pytest.raises(sqlite3.IntegrityError):
        store.update_account(ada.id, "Renamed", None, Bogus)  # type: ignore[arg-type]
    assert store.account(ada.id) == Account(
        ada.id, "Ada", "ada@example.com", Role.MEMBER
    )
    changed = store.update_account(ada.id, None, "a@example.com", Role.ADMIN)
    assert changed == Account(ada.id, "Ada", "a@example.com", Role.ADMIN)
    assert store.update_account(999, "X", None, Role.ADMIN) is None
