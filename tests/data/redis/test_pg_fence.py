"""Fences from PostgreSQL: unique and growing under threads, stale writes refused, bad input refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import psycopg
import pytest

from examples.data.redis.pg_fence import connect, fence_schema, next_fence, write_report


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with fence_schema(postgres_dsn) as name:
        yield name


@pytest.fixture
def db(schema: str, postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with connect(schema, postgres_dsn) as conn:
        yield conn


def stored(db: psycopg.Connection, report_id: str) -> tuple[str, int] | None:
    return db.execute("SELECT body, fence FROM reports WHERE id = %s", (report_id,)).fetchone()


def test_fences_count_up_per_lock_name(db: psycopg.Connection) -> None:
    assert [next_fence(db, "a") for _ in range(3)] == [1, 2, 3]
    assert next_fence(db, "b") == 1


def test_a_stale_fence_is_refused_by_the_resource(db: psycopg.Connection) -> None:
    old = next_fence(db, "job")
    assert write_report(db, "job", old, "r1", "first") is True
    new = next_fence(db, "job")  # another holder took over
    assert write_report(db, "job", old, "r1", "stale") is False
    assert write_report(db, "job", old, "r2", "a row the new holder never wrote") is False
    assert stored(db, "r1") == ("first", old)
    assert stored(db, "r2") is None
    assert write_report(db, "job", new, "r1", "second") is True
    assert write_report(db, "job", new, "r1", "second, again") is True  # the holder may rewrite
    assert stored(db, "r1") == ("second, again", new)


@pytest.mark.parametrize("fence", [0, 2, -1])
def test_a_fence_never_drawn_is_refused(db: psycopg.Connection, fence: int) -> None:
    assert write_report(db, "never-drawn", 1, "r", "x") is False  # no fence row at all
    assert next_fence(db, "job") == 1
    assert write_report(db, "job", fence, "r", "forged") is False
    assert stored(db, "r") is None


def test_concurrent_draws_are_unique_and_only_the_newest_writes(schema: str, postgres_dsn: str) -> None:
    workers = 16
    everyone_has_drawn = threading.Barrier(workers, timeout=10)

    def work(i: int) -> tuple[int, bool]:
        with connect(schema, postgres_dsn) as conn:
            fence = next_fence(conn, "job")
            everyone_has_drawn.wait()  # every write sees every draw
            return fence, write_report(conn, "job", fence, "r", f"by {i}")

    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(work, range(workers)))
    assert sorted(fence for fence, _ in results) == list(range(1, workers + 1))
    winners = [i for i, (_, ok) in enumerate(results) if ok]
    assert len(winners) == 1 and results[winners[0]][0] == workers  # the newest fence
    with connect(schema, postgres_dsn) as conn:
        assert stored(conn, "r") == (f"by {winners[0]}", workers)


def test_a_draw_waits_for_a_write_in_progress(schema: str, postgres_dsn: str) -> None:
    with connect(schema, postgres_dsn) as writer, connect(schema, postgres_dsn) as drawer:
        fence = next_fence(writer, "job")
        drawer.execute("SET lock_timeout = '200ms'")
        with writer.transaction():
            # What write_report holds between its check and its COMMIT.
            writer.execute("SELECT fence FROM lock_fences WHERE name = 'job' FOR SHARE")
            with pytest.raises(psycopg.errors.LockNotAvailable):
                next_fence(drawer, "job")
        assert next_fence(drawer, "job") == fence + 1  # free once the write commits


def wait_until_blocked(watcher: psycopg.Connection, blocked: psycopg.Connection) -> None:
    """Return once `blocked`'s backend waits for a lock another session holds."""
    deadline = time.monotonic() + 5
    pid = blocked.info.backend_pid
    query = "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s"
    while (row := watcher.execute(query, (pid,)).fetchone()) != ("Lock",):
        assert time.monotonic() < deadline, f"backend {pid} never waited for a lock: {row}"
        time.sleep(0.01)


def write_during_a_draw(schema: str, postgres_dsn: str, writer: psycopg.Connection) -> Future[bool]:
    """Start write_report with the newest fence while a newer draw is in progress, then commit the draw."""
    with connect(schema, postgres_dsn) as drawer, connect(schema, postgres_dsn) as watcher:
        fence = next_fence(drawer, "job")
        with ThreadPoolExecutor(1) as pool:
            with drawer.transaction():
                # What next_fence does, left uncommitted: it holds the row's FOR NO KEY UPDATE lock.
                drawer.execute("UPDATE lock_fences SET fence = fence + 1 WHERE name = 'job'")
                pending = pool.submit(write_report, writer, "job", fence, "r", "stale")
                wait_until_blocked(watcher, writer)
            return pending  # the pool waits for the write, now that the draw has committed


def test_a_write_waits_for_a_draw_in_progress_then_is_refused(schema: str, postgres_dsn: str) -> None:
    # READ COMMITTED: FOR SHARE waits for the draw, then reads the row as the draw left it.
    with connect(schema, postgres_dsn) as writer:
        assert write_during_a_draw(schema, postgres_dsn, writer).result(timeout=10) is False
        assert stored(writer, "r") is None


def test_at_repeatable_read_the_same_write_fails_instead(schema: str, postgres_dsn: str) -> None:
    # Its snapshot predates the draw, so PostgreSQL raises rather than reread: still never a stale write.
    with connect(schema, postgres_dsn) as writer:
        writer.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with pytest.raises(psycopg.errors.SerializationFailure):
            write_during_a_draw(schema, postgres_dsn, writer).result(timeout=10)
        assert stored(writer, "r") is None


def test_for_key_share_would_not_hold_off_a_draw(schema: str, postgres_dsn: str) -> None:
    # Why the check takes FOR SHARE: the weaker FOR KEY SHARE does not conflict with an UPDATE's lock.
    with connect(schema, postgres_dsn) as writer, connect(schema, postgres_dsn) as drawer:
        fence = next_fence(writer, "job")
        drawer.execute("SET lock_timeout = '200ms'")
        with writer.transaction():
            writer.execute("SELECT fence FROM lock_fences WHERE name = 'job' FOR KEY SHARE")
            assert next_fence(drawer, "job") == fence + 1  # drawn mid-"write": the check and write split


def test_a_fence_drawn_inside_a_transaction_is_refused(db: psycopg.Connection) -> None:
    with db.transaction(), pytest.raises(ValueError, match="outside any transaction"):
        next_fence(db, "job")
    assert next_fence(db, "job") == 1  # nothing was drawn


@pytest.mark.parametrize("name", ["", "has space", "x" * 129, "a;b"])
def test_bad_lock_name_is_refused(db: psycopg.Connection, name: str) -> None:
    with pytest.raises(ValueError, match="lock_name"):
        next_fence(db, name)
    with pytest.raises(ValueError, match="lock_name"):
        write_report(db, name, 1, "r", "x")


def test_the_schema_is_dropped_afterwards(postgres_dsn: str) -> None:
    with fence_schema(postgres_dsn) as name:
        pass
    with psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
    assert row == (0,)
