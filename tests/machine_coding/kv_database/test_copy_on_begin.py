"""CopyOnBeginDatabase: the shared behavior tests (conftest's any_db) run on it too;
here, the stateful model test and what is specific to copying."""

from __future__ import annotations

from hypothesis import settings

from examples.machine_coding.kv_database.copy_on_begin import CopyOnBeginDatabase
from tests.machine_coding.kv_database.test_database import KVModelMachine


class CopyOnBeginMachine(KVModelMachine):
    def make_db(self) -> CopyOnBeginDatabase:
        return CopyOnBeginDatabase()


TestCopyOnBeginAgainstModel = CopyOnBeginMachine.TestCase
TestCopyOnBeginAgainstModel.settings = settings(max_examples=100, stateful_step_count=40, deadline=None)


def test_writes_after_begin_do_not_leak_into_the_saved_copy() -> None:
    db = CopyOnBeginDatabase()
    db.set("a", "1")
    db.begin()
    db.set("a", "2")
    db.set("b", "2")
    db.begin()
    db.delete("a")
    db.rollback()
    assert (db.get("a"), db.get("b"), db.count("2")) == ("2", "2", 2)
    db.rollback()
    assert (db.get("a"), db.get("b"), db.count("1"), db.count("2")) == ("1", None, 1, 0)
