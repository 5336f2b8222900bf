"""Dual writes lose updates; the outbox with a version check does not; reindex needs a catch-up."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.data.search.sync_simulation import (
    Database,
    SearchIndex,
    count_stale,
    dual_write_race,
    reindex,
    relay,
    stale,
)


def test_the_race_leaves_the_older_title_indexed() -> None:
    db, index = dual_write_race()
    assert db.rows[7] == (2, "Trail shoe, size 43")
    assert index.docs[7] == (1, "Trail shoe, size 42")
    assert stale(db, index) == [7]


def test_database_writes_row_and_event_together() -> None:
    db = Database()
    assert db.update(1, "a") == 1
    assert db.update(1, "b") == 2
    assert db.outbox == [(1, 1, "a"), (1, 2, "b")]
    assert db.rows == {1: (2, "b")}


def test_plain_put_lets_an_old_write_win_and_put_if_newer_does_not() -> None:
    plain, checked = SearchIndex(), SearchIndex()
    for apply in (plain.put, checked.put_if_newer):
        apply(1, 2, "new")
        apply(1, 1, "old")
    assert plain.docs[1] == (1, "old")
    assert checked.docs[1] == (2, "new")


@given(st.lists(st.integers(0, 3), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_versioned_relay_converges_for_any_order_with_duplicates(edits: list[int], rng: random.Random) -> None:
    db = Database()
    for n, pid in enumerate(edits):
        db.update(pid, f"edit {n}")
    order = list(range(len(db.outbox))) * 2  # every event delivered twice
    rng.shuffle(order)
    index = SearchIndex()
    relay(db, index, order)
    assert stale(db, index) == []


def test_missing_delivery_is_stale() -> None:
    db = Database()
    db.update(1, "a")
    db.update(2, "b")
    index = SearchIndex()
    relay(db, index, [0])
    assert stale(db, index) == [2]


def test_trial_counts_are_the_ones_the_page_prints() -> None:
    assert count_stale(use_outbox=False, versioned=False) == 688
    # The version check fixes the order, not a writer that crashed before its call.
    assert count_stale(use_outbox=False, versioned=True) == 44
    assert count_stale(use_outbox=True, versioned=False) == 655
    assert count_stale(use_outbox=True, versioned=True) == 0


def test_versioned_dual_write_is_stale_only_when_the_newest_writer_crashed() -> None:
    db, index = Database(), SearchIndex()
    for title in ("a", "b", "c"):
        db.update(1, title)
    index.put_if_newer(1, 3, "c")
    index.put_if_newer(1, 1, "a")  # a late, older call changes nothing
    assert stale(db, index) == []
    crashed = SearchIndex()
    for version, title in ((2, "b"), (1, "a")):  # the writer of version 3 crashed
        crashed.put_if_newer(1, version, title)
    assert stale(db, crashed) == [1]


def test_count_rejects_no_trials() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        count_stale(use_outbox=True, versioned=True, trials=0)


def test_reindex_without_catch_up_misses_the_write_made_during_the_build() -> None:
    assert reindex(replay_from_snapshot=False) == [3]
    assert reindex(replay_from_snapshot=True) == []
