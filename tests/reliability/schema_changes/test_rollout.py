"""Expand and contract on the real PostgreSQL: every step's invariant, and the
orderings that break them."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.reliability.schema_changes.rollout import (
    SCHEMA,
    V1,
    V2,
    V3,
    V4,
    Traffic,
    backfill,
    expand_and_contract,
)
from examples.scratch_postgres import connect, scratch_schema


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("t_expand", postgres_dsn) as name:
        with connect(name, postgres_dsn) as setup:
            setup.execute(SCHEMA)
        yield name


@pytest.fixture
def admin(schema: str) -> Iterator[psycopg.Connection]:
    with connect(schema) as conn:
        yield conn


@pytest.fixture
def traffic(schema: str) -> Iterator[Traffic]:
    traffic = Traffic(schema)
    yield traffic
    traffic.close()


def columns(admin: psycopg.Connection) -> list[str]:
    rows = admin.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = 'users' ORDER BY ordinal_position"
    ).fetchall()
    return [name for (name,) in rows]


STEPS = ["1 expand", "2 backfill", "3 switch reads", "4 stop writing name", "5 contract"]


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_no_request_fails_and_no_write_is_lost_at_any_step(
    traffic: Traffic, admin: psycopg.Connection, seed: int
) -> None:
    traffic.seed = seed
    traffic.__post_init__()
    expand_and_contract(traffic, admin)
    assert list(traffic.requests) == STEPS
    assert all(traffic.requests[step] > 0 for step in STEPS)
    assert dict(traffic.failed) == {}
    assert sum(traffic.lost.values()) == 0
    assert columns(admin) == ["id", "email", "full_name"]
    # Every name ever written is there, as last written, in the column that is left.
    rows = dict(admin.execute("SELECT id, full_name FROM users").fetchall())
    assert rows == traffic.expected


def test_the_old_and_new_version_serve_side_by_side_in_each_rollout(
    traffic: Traffic, admin: psycopg.Connection
) -> None:
    expand_and_contract(traffic, admin)
    assert traffic.served == {
        "1 expand": {"v1", "v2"},
        "2 backfill": {"v2"},  # v1 must be gone: it would write name alone
        "3 switch reads": {"v2", "v3"},
        "4 stop writing name": {"v3", "v4"},
        "5 contract": {"v4"},  # v3 must be gone: it still names the column
    }


def test_the_audit_counts_a_read_that_misses_a_write(traffic: Traffic, admin) -> None:
    traffic.serve([V1], 5)
    user_id = next(iter(traffic.expected))
    admin.execute("UPDATE users SET name = 'changed behind its back' WHERE id = %s", (user_id,))
    assert traffic.audit(V1) == 1


def test_a_failed_request_is_counted_by_its_error_class(traffic: Traffic) -> None:
    traffic.step = "too early"
    traffic.serve([V2], 3)  # full_name does not exist yet
    assert traffic.failed == {"too early: UndefinedColumn": 3}
    assert traffic.failures("too early") == 3
    assert traffic.expected == {}


def test_a_missing_user_is_a_lookup_error_not_a_crash(admin: psycopg.Connection) -> None:
    with pytest.raises(LookupError, match="no user 999"):
        V1.read(admin, 999)
    with pytest.raises(LookupError, match="no user 999"):
        V1.rename(admin, 999, "nobody")


# -- the backfill ---------------------------------------------------------------


def add_full_name_and_v1_users(admin: psycopg.Connection, count: int) -> None:
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    for i in range(count):
        V1.create(admin, f"u{i}@example.com", f"user {i}")


def test_backfill_copies_every_row_in_batches_of_the_given_size(admin) -> None:
    add_full_name_and_v1_users(admin, 23)
    assert backfill(admin, batch_size=7) == [7, 7, 7, 2]
    assert admin.execute("SELECT count(*) FROM users WHERE full_name = name").fetchone() == (23,)
    assert backfill(admin, batch_size=7) == [0, 0, 0, 0]  # idempotent: rerun after a crash


def test_each_batch_commits_and_holds_no_lock_between_batches(schema: str, admin) -> None:
    add_full_name_and_v1_users(admin, 20)
    seen = []

    def between() -> None:
        assert admin.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with connect(schema) as other:
            locks = other.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND locktype IN ('relation', 'tuple')",
                (admin.info.backend_pid,),
            ).fetchone()[0]
            other.execute("SET lock_timeout = '100ms'")
            other.execute("UPDATE users SET name = name")  # every row: nothing is locked
        seen.append(locks)

    assert backfill(admin, batch_size=5, between=between) == [5, 5, 5, 5]
    assert seen == [0, 0, 0, 0]


def test_a_batch_locks_only_its_own_rows(schema: str, admin) -> None:
    add_full_name_and_v1_users(admin, 10)
    with connect(schema, autocommit=False) as holder:
        holder.execute("UPDATE users SET name = name WHERE id = 10")  # row of batch 2, held
        with connect(schema) as batch_one:
            batch_one.execute("SET lock_timeout = '100ms'")
            with batch_one.transaction():
                batch_one.execute(
                    "UPDATE users SET full_name = name WHERE id > 0 AND id <= 5"
                    " AND full_name IS DISTINCT FROM name"
                )
            with pytest.raises(psycopg.errors.LockNotAvailable):
                batch_one.execute(
                    "UPDATE users SET full_name = name WHERE id > 5 AND id <= 10"
                    " AND full_name IS DISTINCT FROM name"
                )
        holder.rollback()


def test_a_backfill_of_nulls_only_misses_a_rename_that_v1_made(admin) -> None:
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    user_id = V2.create(admin, "ada@example.com", "Ada")  # both columns
    V1.rename(admin, user_id, "Ada Lovelace")  # v1, still running, updates name only
    admin.execute("UPDATE users SET full_name = name WHERE full_name IS NULL")
    assert V3.read(admin, user_id) == "Ada"  # the rename is lost to every reader of v3
    backfill(admin, batch_size=10)  # compares values instead
    assert V3.read(admin, user_id) == "Ada Lovelace"


# -- the orderings that break it ------------------------------------------------


def test_backfilling_while_v1_still_runs_loses_its_later_writes(traffic: Traffic, admin) -> None:
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    traffic.serve([V1, V2], 30)
    backfill(admin, batch_size=10)
    traffic.step = "v1 not drained"
    for user_id in sorted(traffic.expected):  # v1 renames after its row was copied
        V1.rename(traffic.session(V1), user_id, "renamed by v1")
        traffic.expected[user_id] = "renamed by v1"
    assert traffic.audit(V3) == len(traffic.expected)


def test_reading_the_new_column_before_the_backfill_sees_nulls(traffic: Traffic, admin) -> None:
    traffic.serve([V1], 10)
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    assert traffic.audit(V3) == len(traffic.expected)
    assert {V3.read(admin, uid) for uid in traffic.expected} == {None}


def test_stopping_writes_to_name_before_dropping_not_null_fails_every_sign_up(admin) -> None:
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    with pytest.raises(psycopg.errors.NotNullViolation) as caught:
        V4.create(admin, "ada@example.com", "Ada")
    assert caught.value.sqlstate == "23502"


def test_dropping_name_while_v3_serves_fails_v3(traffic: Traffic, admin) -> None:
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")
    traffic.step = "too early"
    traffic.serve([V3], 6)
    admin.execute("ALTER TABLE users DROP COLUMN name")
    traffic.serve([V3], 6)
    assert set(traffic.failed) == {"too early: UndefinedColumn"}  # its writes
    with pytest.raises(psycopg.errors.UndefinedColumn):
        V3.create(admin, "ada@example.com", "Ada")
    assert V3.read(admin, min(traffic.expected)) is not None  # its reads still work


@pytest.mark.parametrize(
    "step",
    [
        "ALTER TABLE users ADD COLUMN full_name text",
        "ALTER TABLE users ALTER COLUMN name DROP NOT NULL",
        "ALTER TABLE users DROP COLUMN name",
    ],
)
def test_each_migration_is_a_catalog_change_under_a_brief_access_exclusive(admin, step: str) -> None:
    for i in range(50):
        V1.create(admin, f"u{i}@example.com", f"user {i}")
    before = admin.execute("SELECT pg_relation_filenode('users')").fetchone()
    with admin.transaction():
        admin.execute(step)
        modes = admin.execute(
            "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND granted"
            " AND relation = 'users'::regclass"
        ).fetchall()
    assert ("AccessExclusiveLock",) in modes
    assert admin.execute("SELECT pg_relation_filenode('users')").fetchone() == before  # no rewrite
