"""What PostgreSQL 15 does while a migration runs: the claims of the page's
"Migration safety" list, checked on the real server in a throwaway schema."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from examples.data.orm.migrate import current_revision, upgrade

WAIT_SECONDS = 20  # a bound for polling, never an assertion on time

LOCK_STRENGTH = [
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
]


def strongest_lock(connection, table: str) -> str:
    """The strongest lock this session holds on `table` (the one that blocks most)."""
    modes = connection.execute(
        text("SELECT mode FROM pg_locks WHERE relation = CAST(:t AS regclass) AND pid = pg_backend_pid()"),
        {"t": table},
    ).scalars()
    return max(modes, key=LOCK_STRENGTH.index)


@pytest.fixture
def pg(postgres_engine: Engine) -> Engine:
    upgrade(postgres_engine, "0001")
    with postgres_engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(
            text("INSERT INTO posts (author_id, title) SELECT 1, 'p' || g FROM generate_series(1, 500) g")
        )
    return postgres_engine


def filenode(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_relation_filenode(:t)"), {"t": table}).scalar_one()


def test_adding_view_count_changes_the_catalog_not_the_table(pg: Engine) -> None:
    before = filenode(pg, "posts")
    upgrade(pg)
    assert filenode(pg, "posts") == before  # no rewrite: same file on disk


def test_a_volatile_default_rewrites_the_table_and_now_does_not(pg: Engine) -> None:
    before = filenode(pg, "posts")
    with pg.begin() as connection:
        connection.execute(text("ALTER TABLE posts ADD COLUMN created timestamptz NOT NULL DEFAULT now()"))
    assert filenode(pg, "posts") == before  # now() is stable: evaluated once
    with pg.begin() as connection:
        connection.execute(text("ALTER TABLE posts ADD COLUMN r float8 NOT NULL DEFAULT random()"))
    assert filenode(pg, "posts") != before  # random() is volatile: every row rewritten


def test_an_idle_reader_makes_the_migration_give_up_at_its_lock_timeout(pg: Engine) -> None:
    with pg.connect() as reader:
        reader.execute(text("SELECT count(*) FROM posts")).scalar_one()  # ACCESS SHARE, kept
        pid = reader.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with pg.connect() as observer:
            state, xid, xmin = observer.execute(
                text("SELECT state, backend_xid, backend_xmin FROM pg_stat_activity WHERE pid = :p"),
                {"p": pid},
            ).one()
        # Idle in transaction at READ COMMITTED, having only read: it holds its
        # lock but no snapshot and no transaction id, so it does not hold back vacuum.
        assert (state, xid, xmin) == ("idle in transaction", None, None)
        with pytest.raises(OperationalError, match="lock timeout"):
            upgrade(pg, lock_timeout_ms=200)
        assert current_revision(pg) == "0001"
    upgrade(pg)  # the reader is gone: run it again
    assert current_revision(pg) == "0002"


def test_queries_queue_behind_an_alter_that_waits(pg: Engine) -> None:
    errors: list[BaseException] = []

    def migrate() -> None:
        try:
            upgrade(pg, lock_timeout_ms=WAIT_SECONDS * 1000)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    with pg.connect() as reader:
        reader.execute(text("SELECT count(*) FROM posts")).scalar_one()
        migration = threading.Thread(target=migrate)
        migration.start()
        try:
            with pg.connect() as observer:
                deadline = time.monotonic() + WAIT_SECONDS
                waiting = None
                while waiting is None and time.monotonic() < deadline:
                    waiting = observer.execute(
                        text(
                            "SELECT mode FROM pg_locks WHERE relation = 'posts'::regclass"
                            " AND NOT granted"
                        )
                    ).scalar()
                    observer.rollback()
                    time.sleep(0.05)
                assert waiting == "AccessExclusiveLock"
                # A plain read is compatible with the reader's lock, but it
                # queues behind the waiting ALTER, so it cannot get in either.
                observer.execute(text("SET lock_timeout = '200ms'"))
                with pytest.raises(OperationalError, match="lock timeout"):
                    observer.execute(text("SELECT count(*) FROM posts"))
                observer.rollback()
        finally:
            reader.rollback()  # the ALTER gets its lock now
            migration.join(WAIT_SECONDS)
    assert errors == []
    assert current_revision(pg) == "0002"


def test_not_null_not_valid_does_not_exist_on_postgresql_15(pg: Engine) -> None:
    with pytest.raises(ProgrammingError, match="syntax error"), pg.begin() as connection:
        connection.execute(text("ALTER TABLE posts ALTER COLUMN title SET NOT NULL NOT VALID"))


def test_not_null_through_a_validated_check_constraint(pg: Engine) -> None:
    notices: list[str] = []
    with pg.connect() as connection:
        connection.execute(text("ALTER TABLE posts ADD COLUMN slug text"))
        connection.execute(text("UPDATE posts SET slug = title"))
        connection.execute(
            text("ALTER TABLE posts ADD CONSTRAINT ck_posts_slug CHECK (slug IS NOT NULL) NOT VALID")
        )
        connection.commit()
        connection.execute(text("ALTER TABLE posts VALIDATE CONSTRAINT ck_posts_slug"))
        held = strongest_lock(connection, "posts")
        connection.commit()
        assert held == "ShareUpdateExclusiveLock"  # reads and writes go on
        raw = connection.connection.driver_connection
        raw.add_notice_handler(lambda diagnostic: notices.append(diagnostic.message_primary))
        connection.execute(text("SET client_min_messages = debug1"))
        connection.execute(text("ALTER TABLE posts ALTER COLUMN slug SET NOT NULL"))
        connection.execute(text("RESET client_min_messages"))
        connection.commit()
    assert any("sufficient to prove" in notice for notice in notices)  # no full scan


def test_create_index_concurrently_refuses_a_transaction(pg: Engine) -> None:
    with pytest.raises(Exception, match="cannot run inside a transaction block"), pg.begin() as connection:
        connection.execute(text("CREATE INDEX CONCURRENTLY ix_posts_title ON posts (title)"))


def test_foreign_key_not_valid_then_validate_and_the_locks_each_takes(pg: Engine) -> None:
    with pg.connect() as connection:
        connection.execute(text("ALTER TABLE posts ADD COLUMN editor_id integer"))
        connection.execute(text("UPDATE posts SET editor_id = 1"))
        connection.commit()
        connection.execute(
            text(
                "ALTER TABLE posts ADD CONSTRAINT fk_posts_editor_id_authors"
                " FOREIGN KEY (editor_id) REFERENCES authors (id) NOT VALID"
            )
        )
        added = (strongest_lock(connection, "posts"), strongest_lock(connection, "authors"))
        connection.commit()
        connection.execute(text("ALTER TABLE posts VALIDATE CONSTRAINT fk_posts_editor_id_authors"))
        validated = (strongest_lock(connection, "posts"), strongest_lock(connection, "authors"))
        connection.commit()
    assert added == ("ShareRowExclusiveLock", "ShareRowExclusiveLock")  # brief: no scan
    assert validated == ("ShareUpdateExclusiveLock", "RowShareLock")  # the scan; writes go on


@pytest.mark.parametrize(
    ("isolation", "write", "holds_xid", "holds_snapshot"),
    [
        ("READ COMMITTED", False, False, False),
        ("READ COMMITTED", True, True, False),
        ("REPEATABLE READ", False, False, True),
    ],
)
def test_what_an_idle_transaction_holds_back(pg: Engine, isolation, write, holds_xid, holds_snapshot) -> None:
    # The vacuum horizon stops at the oldest transaction id or snapshot still
    # in use: backend_xid and backend_xmin in pg_stat_activity.
    with pg.connect().execution_options(isolation_level=isolation) as idle:
        idle.execute(text("SELECT count(*) FROM posts")).scalar_one()
        if write:
            idle.execute(text("UPDATE authors SET name = name WHERE id = 1"))
        pid = idle.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with pg.connect() as observer:
            xid, xmin = observer.execute(
                text("SELECT backend_xid, backend_xmin FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
            ).one()
        idle.rollback()
    assert (xid is not None, xmin is not None) == (holds_xid, holds_snapshot)


def test_set_not_null_without_a_check_scans_under_access_exclusive(pg: Engine) -> None:
    """Short only when nothing is scanned: no rewrite here, but every row is read."""
    notices: list[str] = []
    with pg.begin() as connection:  # nullable, and no row holds a null
        connection.execute(text("ALTER TABLE posts ADD COLUMN subtitle text DEFAULT ''"))
    before = filenode(pg, "posts")
    with pg.connect() as connection:
        raw = connection.connection.driver_connection
        raw.add_notice_handler(lambda diagnostic: notices.append(diagnostic.message_primary))
        connection.execute(text("SET client_min_messages = debug1"))
        connection.execute(text("ALTER TABLE posts ALTER COLUMN subtitle SET NOT NULL"))
        held = strongest_lock(connection, "posts")
        connection.execute(text("RESET client_min_messages"))
        connection.commit()
    assert held == "AccessExclusiveLock"
    assert 'verifying table "posts"' in notices  # the full scan
    assert filenode(pg, "posts") == before  # and no rewrite


@pytest.mark.parametrize("holder", ["writer of posts", "snapshot on another table"])
def test_a_concurrent_index_build_that_times_out_leaves_an_invalid_index(pg: Engine, holder: str) -> None:
    build = "CREATE INDEX CONCURRENTLY {exists} ix_posts_title ON posts (title)"
    isolation = "READ COMMITTED" if holder.startswith("writer") else "REPEATABLE READ"
    with pg.connect().execution_options(isolation_level=isolation) as other:
        if holder.startswith("writer"):
            other.execute(text("UPDATE posts SET title = title WHERE id = 1"))
        else:
            other.execute(text("SELECT count(*) FROM authors")).scalar_one()  # takes a snapshot
        with pg.connect().execution_options(isolation_level="AUTOCOMMIT") as migration:
            migration.execute(text("SET lock_timeout = '200ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                migration.execute(text(build.format(exists="")))
        other.rollback()
    valid = "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_posts_title'::regclass"
    with pg.connect().execution_options(isolation_level="AUTOCOMMIT") as migration:
        # A bound, not an assertion: other sessions' snapshots in this database delay a build too.
        migration.execute(text(f"SET lock_timeout = '{WAIT_SECONDS}s'"))
        assert migration.execute(text(valid)).scalar_one() is False  # left behind, INVALID
        with pytest.raises(ProgrammingError, match="already exists"):
            migration.execute(text(build.format(exists="")))
        migration.execute(text(build.format(exists="IF NOT EXISTS")))  # a notice, no error
        assert migration.execute(text(valid)).scalar_one() is False  # still broken
        migration.execute(text("DROP INDEX CONCURRENTLY ix_posts_title"))
        migration.execute(text(build.format(exists="")))
        assert migration.execute(text(valid)).scalar_one() is True
