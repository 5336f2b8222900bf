"""The catalog: tasks claimed once per lease, and a video published once, complete."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from examples.system_design.video_streaming import catalog as cat

LADDER = ["180p", "144p", "90p"]


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    with closing(cat.connect()) as conn:
        cat.create_schema(conn)
        cat.enqueue(conn, "v1", "ch", LADDER)
        yield conn


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def test_enqueue_twice_adds_nothing(db: sqlite3.Connection) -> None:
    cat.enqueue(db, "v1", "ch", LADDER)
    assert rows(db, "SELECT count(*) FROM tasks") == [(3,)]
    assert cat.status(db, "v1") == "processing"
    assert cat.status(db, "nope") is None
    with pytest.raises(ValueError, match="at least one rendition"):
        cat.enqueue(db, "v2", "ch", [])


def test_claims_hand_out_each_task_once_in_order(db: sqlite3.Connection) -> None:
    got = [cat.claim(db, now=0) for _ in range(4)]
    assert got == [("v1", "180p"), ("v1", "144p"), ("v1", "90p"), None]


def test_a_live_lease_blocks_a_second_claim_and_an_expired_one_does_not(
    db: sqlite3.Connection,
) -> None:
    for _ in LADDER:
        cat.claim(db, now=0, lease_s=10)
    assert cat.claim(db, now=10) is None  # the lease lasts until 10, inclusive
    assert cat.claim(db, now=10.5, lease_s=10) == ("v1", "180p")
    assert rows(db, "SELECT attempts FROM tasks WHERE rendition = '180p'") == [(2,)]


def test_a_done_task_is_never_claimed_again(db: sqlite3.Connection) -> None:
    task = cat.claim(db, now=0, lease_s=1)
    assert task is not None
    cat.finish(db, *task, bandwidth=2, average_bandwidth=1)
    claimed = [cat.claim(db, now=100) for _ in range(3)]
    assert ("v1", "180p") not in claimed


def test_the_last_finish_publishes_once(db: sqlite3.Connection) -> None:
    results = [
        cat.finish(db, "v1", r, bandwidth=10, average_bandwidth=5) for r in LADDER
    ]
    assert results == [False, False, True]
    assert cat.status(db, "v1") == "ready"
    assert cat.finish(db, "v1", "90p", bandwidth=10, average_bandwidth=5) is False


def test_a_duplicate_finish_keeps_the_first_rates(db: sqlite3.Connection) -> None:
    cat.finish(db, "v1", "90p", bandwidth=200, average_bandwidth=150)
    cat.finish(db, "v1", "90p", bandwidth=999, average_bandwidth=998)
    assert rows(
        db, "SELECT bandwidth, average_bandwidth FROM renditions WHERE name = '90p'"
    ) == [(200, 150)]


@pytest.mark.parametrize(("peak", "average"), [(100, 0), (100, 101), (0, 0)])
def test_finish_refuses_impossible_rates(
    db: sqlite3.Connection, peak: int, average: int
) -> None:
    with pytest.raises(ValueError, match="AVERAGE-BANDWIDTH"):
        cat.finish(db, "v1", "90p", bandwidth=peak, average_bandwidth=average)
    assert rows(db, "SELECT count(*) FROM tasks WHERE state = 'done'") == [(0,)]


def test_the_schema_refuses_unknown_states_and_orphan_tasks(
    db: sqlite3.Connection,
) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE videos SET status = 'published' WHERE id = 'v1'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO tasks (video_id, rendition) VALUES ('v1', '4k')")


def test_ids_are_parameters_not_sql(db: sqlite3.Connection) -> None:
    evil = "x'); DROP TABLE tasks; --"
    cat.enqueue(db, evil, "ch", ["180p"])
    assert cat.status(db, evil) == "processing"
    assert rows(db, "SELECT count(*) FROM tasks") == [(4,)]


def _finish_both_at_once(path: str, video: str) -> list[bool]:
    """Two threads, two connections, each finishing one of the video's two tasks."""
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def work(rendition: str) -> None:
        with closing(cat.connect(path)) as conn:
            barrier.wait()
            results.append(
                cat.finish(conn, video, rendition, bandwidth=2, average_bandwidth=1)
            )

    threads = [threading.Thread(target=work, args=(r,)) for r in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_workers_finishing_the_last_two_tasks_publish_once(tmp_path: Path) -> None:
    """Separate connections to one file, 20 rounds: always exactly one publisher."""
    path = str(tmp_path / "catalog.db")
    with closing(cat.connect(path)) as setup:
        cat.create_schema(setup)
    for round_ in range(20):
        video = f"v{round_}"
        with closing(cat.connect(path)) as conn:
            cat.enqueue(conn, video, "ch", ["a", "b"])
        assert sorted(_finish_both_at_once(path, video)) == [False, True], round_
        with closing(cat.connect(path)) as conn:
            assert cat.status(conn, video) == "ready"


def test_concurrent_claims_never_share_a_task(tmp_path: Path) -> None:
    path = str(tmp_path / "catalog.db")
    with closing(cat.connect(path)) as conn:
        cat.create_schema(conn)
        for v in range(10):
            cat.enqueue(conn, f"v{v}", "ch", LADDER)
    claimed: list[tuple[str, str] | None] = []
    lock = threading.Lock()

    def worker() -> None:
        with closing(cat.connect(path)) as conn:
            while (task := cat.claim(conn, now=0)) is not None:
                with lock:
                    claimed.append(task)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(claimed) == 30 == len(set(claimed))


def test_a_task_that_keeps_dying_is_failed_not_claimed_forever(
    db: sqlite3.Connection,
) -> None:
    """Three leases run out on 180p: the fourth claim fails it and its video."""
    for _ in LADDER:
        cat.claim(db, now=0, lease_s=10, max_attempts=3)  # 180p's first attempt
    for attempt, now in ((2, 11), (3, 22)):
        assert cat.claim(db, now=now, lease_s=10, max_attempts=3) == ("v1", "180p")
        assert rows(db, "SELECT attempts FROM tasks WHERE rendition = '180p'") == [
            (attempt,)
        ]
    # 144p and 90p are expired too, with one attempt each: they are reclaimed.
    assert cat.claim(db, now=33, lease_s=10, max_attempts=3) == ("v1", "144p")
    assert rows(db, "SELECT state FROM tasks WHERE rendition = '180p'") == [("failed",)]
    assert cat.status(db, "v1") == "failed"
    # A late finish from the last worker neither revives the task nor publishes.
    assert cat.finish(db, "v1", "180p", bandwidth=2, average_bandwidth=1) is False
    assert rows(db, "SELECT state FROM tasks WHERE rendition = '180p'") == [("failed",)]
    for r in ("144p", "90p"):
        cat.finish(db, "v1", r, bandwidth=2, average_bandwidth=1)
    assert cat.status(db, "v1") == "failed"
    with pytest.raises(ValueError, match="max_attempts"):
        cat.claim(db, now=0, max_attempts=0)
