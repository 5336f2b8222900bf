"""KVDatabase: behavior, bad input, and a stateful model test (a stack of dict copies)."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from examples.machine_coding.kv_database.copy_on_begin import CopyOnBeginDatabase
from examples.machine_coding.kv_database.database import KVDatabase, NoTransactionError

AnyDB = KVDatabase | CopyOnBeginDatabase

# ---------------------------------------------------------------- shared behavior


def test_get_of_a_missing_key_is_none(any_db: AnyDB) -> None:
    assert any_db.get("missing") is None


def test_set_then_get_and_overwrite(any_db: AnyDB) -> None:
    any_db.set("a", "10")
    assert any_db.get("a") == "10"
    any_db.set("a", "20")
    assert any_db.get("a") == "20"


def test_keys_and_values_are_case_sensitive(any_db: AnyDB) -> None:
    any_db.set("a", "x")
    assert any_db.get("A") is None
    assert any_db.count("X") == 0


def test_delete_reports_whether_the_key_was_there(any_db: AnyDB) -> None:
    any_db.set("a", "10")
    assert any_db.delete("a") is True
    assert any_db.get("a") is None
    assert any_db.delete("a") is False


def test_count_follows_sets_overwrites_and_deletes(any_db: AnyDB) -> None:
    assert any_db.count("10") == 0
    any_db.set("a", "10")
    any_db.set("b", "10")
    any_db.set("b", "10")  # same value again: still two keys
    assert any_db.count("10") == 2
    any_db.set("a", "20")
    assert (any_db.count("10"), any_db.count("20")) == (1, 1)
    any_db.delete("b")
    assert (any_db.count("10"), any_db.count("20")) == (0, 1)


def test_rollback_restores_changed_created_and_deleted_keys(any_db: AnyDB) -> None:
    any_db.set("changed", "1")
    any_db.set("deleted", "1")
    any_db.begin()
    any_db.set("changed", "2")
    any_db.delete("deleted")
    any_db.set("created", "2")
    any_db.rollback()
    assert any_db.get("changed") == "1"
    assert any_db.get("deleted") == "1"
    assert any_db.get("created") is None
    assert (any_db.count("1"), any_db.count("2")) == (2, 0)


def test_rollback_restores_the_value_from_before_many_writes(any_db: AnyDB) -> None:
    any_db.set("a", "start")
    any_db.begin()
    for number in range(50):
        any_db.set("a", str(number))
    any_db.delete("a")
    any_db.set("a", "end")
    any_db.rollback()
    assert any_db.get("a") == "start"
    assert any_db.count("start") == 1
    assert any_db.count("end") == 0


def test_a_key_created_and_deleted_in_one_transaction_stays_absent(any_db: AnyDB) -> None:
    any_db.begin()
    any_db.set("temp", "1")
    any_db.delete("temp")
    any_db.rollback()
    assert any_db.get("temp") is None
    assert any_db.count("1") == 0


def test_rollback_undoes_only_the_innermost_transaction(any_db: AnyDB) -> None:
    any_db.set("a", "0")
    any_db.begin()
    any_db.set("a", "1")
    any_db.begin()
    any_db.set("a", "2")
    any_db.rollback()
    assert any_db.get("a") == "1"
    any_db.rollback()
    assert any_db.get("a") == "0"


def test_commit_applies_every_open_transaction(any_db: AnyDB) -> None:
    any_db.begin()
    any_db.set("a", "1")
    any_db.begin()
    any_db.set("b", "2")
    any_db.commit()
    assert (any_db.get("a"), any_db.get("b")) == ("1", "2")
    with pytest.raises(NoTransactionError):
        any_db.rollback()  # nothing left open to roll back
    assert (any_db.get("a"), any_db.get("b")) == ("1", "2")


def test_a_transaction_after_a_commit_is_independent(any_db: AnyDB) -> None:
    any_db.begin()
    any_db.set("a", "1")
    any_db.commit()
    any_db.begin()
    any_db.set("a", "2")
    any_db.rollback()
    assert any_db.get("a") == "1"


@pytest.mark.parametrize("operation", ["rollback", "commit"])
def test_rollback_and_commit_without_a_transaction_raise(any_db: AnyDB, operation: str) -> None:
    any_db.set("a", "1")
    with pytest.raises(NoTransactionError, match=f"{operation.upper()}: no transaction is open") as caught:
        getattr(any_db, operation)()
    assert caught.value.operation == operation.upper()
    assert any_db.get("a") == "1"


def test_no_transaction_error_is_a_runtime_error() -> None:
    assert issubclass(NoTransactionError, RuntimeError)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda db: db.get(1), TypeError, "key must be a str, got int"),
        (lambda db: db.get(""), ValueError, "key must be a non-empty string"),
        (lambda db: db.set(None, "v"), TypeError, "key must be a str, got NoneType"),
        (lambda db: db.set("", "v"), ValueError, "non-empty"),
        (lambda db: db.set("k", 10), TypeError, "value must be a str, got int"),
        (lambda db: db.set(b"k", "v"), TypeError, "got bytes"),
        (lambda db: db.delete(3.5), TypeError, "got float"),
        (lambda db: db.delete(""), ValueError, "non-empty"),
        (lambda db: db.count(10), TypeError, "value must be a str, got int"),
    ],
)
def test_bad_input_raises_and_changes_nothing(any_db: AnyDB, call, error: type[Exception], message: str) -> None:
    any_db.set("k", "v")
    any_db.begin()
    with pytest.raises(error, match=message):
        call(any_db)
    any_db.rollback()  # the failed call left nothing to undo or to break
    assert any_db.get("k") == "v"
    assert any_db.count("v") == 1
    assert any_db.count("10") == 0


# ---------------------------------------------------------------- KVDatabase only


def test_depth_counts_open_transactions() -> None:
    db = KVDatabase()
    assert db.depth == 0
    db.begin()
    db.begin()
    assert db.depth == 2
    db.rollback()
    assert db.depth == 1
    db.begin()
    db.commit()
    assert db.depth == 0


def test_len_counts_present_keys_only() -> None:
    db = KVDatabase()
    db.set("a", "1")
    db.set("b", "1")
    db.begin()
    db.delete("a")
    assert len(db) == 1
    db.rollback()
    assert len(db) == 2


def test_an_empty_value_is_a_value_not_a_deletion() -> None:
    db = KVDatabase()
    db.set("a", "")
    assert db.get("a") == ""
    assert db.count("") == 1
    assert len(db) == 1


# ---------------------------------------------------------------- stateful model test

KEYS = st.sampled_from(["a", "b", "c", "d"])
VALUES = st.sampled_from(["1", "2", "3"])
ALL_KEYS = ["a", "b", "c", "d"]
ALL_VALUES = ["1", "2", "3"]


class KVModelMachine(RuleBasedStateMachine):
    """Runs random command sequences on a database and on the simplest model.

    The model is a stack of dict copies: BEGIN pushes a copy of the top,
    ROLLBACK pops it, COMMIT collapses the stack to its top. The database must
    answer every GET and COUNT exactly as the top dict does.
    """

    def make_db(self) -> AnyDB:
        return KVDatabase()

    def __init__(self) -> None:
        super().__init__()
        self.db = self.make_db()
        self.stack: list[dict[str, str]] = [{}]

    @property
    def top(self) -> dict[str, str]:
        return self.stack[-1]

    @rule(key=KEYS, value=VALUES)
    def set(self, key: str, value: str) -> None:
        self.db.set(key, value)
        self.top[key] = value

    @rule(key=KEYS)
    def delete(self, key: str) -> None:
        assert self.db.delete(key) == (key in self.top)
        self.top.pop(key, None)

    @rule()
    def begin(self) -> None:
        self.db.begin()
        self.stack.append(dict(self.top))

    @rule()
    def rollback(self) -> None:
        if len(self.stack) == 1:
            with pytest.raises(NoTransactionError):
                self.db.rollback()
        else:
            self.db.rollback()
            self.stack.pop()

    @rule()
    def commit(self) -> None:
        if len(self.stack) == 1:
            with pytest.raises(NoTransactionError):
                self.db.commit()
        else:
            self.db.commit()
            self.stack = [self.top]

    @invariant()
    def get_and_count_agree_with_the_model(self) -> None:
        for key in ALL_KEYS:
            assert self.db.get(key) == self.top.get(key)
        for value in ALL_VALUES:
            assert self.db.count(value) == sum(1 for held in self.top.values() if held == value)

    @invariant()
    def the_index_holds_only_values_some_key_has(self) -> None:
        # A count that reaches zero must be removed, or the index outgrows the data.
        assert set(self.db._value_counts) == set(self.top.values())


class UndoLogMachine(KVModelMachine):
    @invariant()
    def depth_and_size_agree_with_the_model(self) -> None:
        assert isinstance(self.db, KVDatabase)
        assert self.db.depth == len(self.stack) - 1
        assert len(self.db) == len(self.top)


TestUndoLogAgainstModel = UndoLogMachine.TestCase
TestUndoLogAgainstModel.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
