"""Threads share memory, forked children copy it, and CPython copies pages just by reading."""

from __future__ import annotations

import os
import threading

from examples.fundamentals.processes.isolation import (
    copied_by_reading,
    in_child,
    who_am_i,
    write_in_child,
    write_in_thread,
)


def test_a_thread_writes_into_the_parents_memory() -> None:
    seen, ids = write_in_thread()
    assert seen == ["written"]
    assert ids["pid"] == os.getpid()
    assert ids["tid"] != threading.get_native_id()
    assert ids["listed"] is True


def test_a_forked_child_writes_into_its_own_copy() -> None:
    seen, ids = write_in_child()
    assert seen == []
    assert ids["pid"] != os.getpid()
    assert ids["tid"] == ids["pid"]  # a single-threaded process: its one thread has the pid's id


def test_a_child_starts_with_the_parents_values() -> None:
    inherited = {"answer": 42}
    assert in_child(lambda: inherited["answer"]) == 42


def test_a_child_result_is_whatever_the_work_returns() -> None:
    assert in_child(who_am_i)["listed"] is True


def test_reading_inherited_objects_copies_the_pages_they_live_on() -> None:
    values = list(range(1_000, 201_000))  # 200,000 distinct ints of 28 bytes: over 5 MiB
    copied = copied_by_reading(values)
    assert copied > 4 * 1024  # most of the objects' pages, though nothing was assigned


def test_reading_nothing_copies_little() -> None:
    assert copied_by_reading([]) < 1024
