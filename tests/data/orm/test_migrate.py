from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from sqlalchemy import CheckConstraint, Engine, MetaData, event, func, inspect, select, text
from sqlalchemy import table as table_clause

from examples.data.orm import migrate
from examples.data.orm.migrate import (
    alembic_config,
    columns,
    current_revision,
    downgrade,
    migration_connection,
    tables,
    upgrade,
)
from examples.data.orm.models import Base

INDEX_REVISION = '''
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_posts_title", "posts", ["title"], postgresql_concurrently=True
        )


def downgrade() -> None:
    op.drop_index("ix_posts_title", table_name="posts")
'''


@pytest.fixture
def scripts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the migrations directory that the helpers use instead."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    return copy


def statements_during(engine: Engine, action) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table_clause(table))).scalar_one()


def seed_one_of_each(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(text("INSERT INTO posts (id, author_id, title) VALUES (1, 1, 'old')"))
        connection.execute(text("INSERT INTO comments (post_id, body) VALUES (1, 'first!')"))


def test_fresh_database_has_no_revision(engine) -> None:
    assert current_revision(engine) is None
    assert tables(engine) == []


def test_upgrade_and_downgrade_step_by_step(engine) -> None:
    upgrade(engine, "0001")
    assert (current_revision(engine), tables(engine)) == ("0001", ["authors", "comments", "posts"])
    assert "view_count" not in columns(engine, "posts")
    upgrade(engine)
    assert current_revision(engine) == "0002"
    assert columns(engine, "posts")[-1] == "view_count"
    downgrade(engine, "0001")
    assert "view_count" not in columns(engine, "posts")
    downgrade(engine, "base")
    assert (current_revision(engine), tables(engine)) == (None, [])


def test_server_default_fills_rows_written_before_the_column(engine) -> None:
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(text("INSERT INTO posts (author_id, title) VALUES (1, 'old')"))
    upgrade(engine, "head")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO posts (author_id, title) VALUES (1, 'new')"))
        rows = connection.execute(text("SELECT title, view_count FROM posts ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("old", 0), ("new", 0)]


def test_comments_survive_migrations_that_rebuild_posts(engine) -> None:
    # On SQLite, batch mode rebuilds posts: DROP TABLE posts with foreign keys
    # on would cascade to every comment.
    upgrade(engine, "0001")
    seed_one_of_each(engine)
    upgrade(engine)
    assert count(engine, "comments") == 1
    downgrade(engine, "0001")
    assert (count(engine, "posts"), count(engine, "comments")) == (1, 1)


def test_sqlite_adds_the_column_in_place_and_rebuilds_only_to_drop_it(sqlite_engine) -> None:
    upgrade(sqlite_engine, "0001")
    up = statements_during(sqlite_engine, lambda: upgrade(sqlite_engine))
    assert "ALTER TABLE posts ADD COLUMN view_count INTEGER DEFAULT '0' NOT NULL" in up
    assert not any("_alembic_tmp_posts" in s for s in up)
    down = statements_during(sqlite_engine, lambda: downgrade(sqlite_engine, "0001"))
    assert any(s.strip().startswith("CREATE TABLE _alembic_tmp_posts") for s in down)
    assert "ALTER TABLE _alembic_tmp_posts RENAME TO posts" in down


def test_a_text_default_makes_sqlite_rebuild_just_to_add_a_column(sqlite_engine, scripts_copy: Path) -> None:
    # The page's first trap: sa.text("0") is an expression Alembic cannot
    # prove constant, so batch mode copies the whole table instead.
    revision = scripts_copy / "versions" / "0002_add_view_count.py"
    source = revision.read_text(encoding="utf-8")
    assert source.count('server_default="0"') == 1
    revision.write_text(source.replace('server_default="0"', 'server_default=sa.text("0")'), encoding="utf-8")
    upgrade(sqlite_engine, "0001")
    up = statements_during(sqlite_engine, lambda: upgrade(sqlite_engine))
    assert any(s.strip().startswith("CREATE TABLE _alembic_tmp_posts") for s in up)
    assert not any(s.startswith("ALTER TABLE posts ADD COLUMN") for s in up)


def test_sqlite_foreign_keys_are_back_on_after_migrating(sqlite_engine) -> None:
    upgrade(sqlite_engine)
    with pytest.raises(CommandError):
        downgrade(sqlite_engine, "nope")
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_sqlite_revision_that_leaves_dangling_references_rolls_back(sqlite_engine) -> None:
    upgrade(sqlite_engine, "0001")
    raw = sqlite_engine.raw_connection()  # the in-memory database's one connection
    try:
        raw.driver_connection.execute("PRAGMA foreign_keys = OFF")
        raw.driver_connection.execute("INSERT INTO comments (post_id, body) VALUES (99, 'orphan')")
        raw.driver_connection.commit()
        raw.driver_connection.execute("PRAGMA foreign_keys = ON")
    finally:
        raw.close()
    with pytest.raises(RuntimeError, match="dangling references at revision 0002"):
        upgrade(sqlite_engine)
    assert current_revision(sqlite_engine) == "0001"
    assert "view_count" not in columns(sqlite_engine, "posts")


def test_failed_upgrade_leaves_the_database_at_the_last_good_revision(engine) -> None:
    # 0001 creates authors and posts, then fails on comments. Without a real
    # transaction (sqlite3 runs DDL outside one by default), authors and posts
    # would stay behind with no revision recorded, and every retry would fail.
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE comments (x integer)"))
    with pytest.raises(Exception, match="already exists"):
        upgrade(engine)
    assert (current_revision(engine), tables(engine)) == (None, ["comments"])
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE comments"))
    upgrade(engine)
    assert current_revision(engine) == "0002"


def test_autocommit_block_works_for_create_index_concurrently(engine, scripts_copy: Path) -> None:
    (scripts_copy / "versions" / "0003_index_title.py").write_text(INDEX_REVISION, encoding="utf-8")
    upgrade(engine)
    assert current_revision(engine) == "0003"
    assert "ix_posts_title" in {index["name"] for index in inspect(engine).get_indexes("posts")}


def test_autogenerate_writes_batch_operations_on_both_databases(engine, scripts_copy: Path) -> None:
    # Without 0002 the head is 0001: the models have view_count, the database not.
    (scripts_copy / "versions" / "0002_add_view_count.py").unlink()
    upgrade(engine)
    with migration_connection(engine) as connection:
        script = command.revision(
            alembic_config(connection), message="add view count", autogenerate=True, rev_id="0099"
        )
    source = Path(script.path).read_text(encoding="utf-8")
    assert "with op.batch_alter_table('posts'" in source or 'with op.batch_alter_table("posts"' in source
    assert "view_count" in source


def test_head_matches_the_models_including_server_defaults(engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_server_default": True})
        assert compare_metadata(context, Base.metadata) == []


def test_server_default_drift_is_invisible_unless_asked_for(engine) -> None:
    upgrade(engine)
    drifted = drifted_copy()
    drifted.tables["posts"].c.view_count.server_default.arg = "1"
    with engine.connect() as connection:
        default_opts = MigrationContext.configure(connection)
        assert compare_metadata(default_opts, drifted) == []
        asked = MigrationContext.configure(connection, opts={"compare_server_default": True})
        assert [diff[0][0] for diff in compare_metadata(asked, drifted)] == ["modify_default"]


def test_upgrade_twice_is_a_no_op(engine) -> None:
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == "0002"


def test_downgrade_keeps_other_columns_data(engine) -> None:
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(text("INSERT INTO posts (author_id, title, view_count) VALUES (1, 'kept', 7)"))
    downgrade(engine, "0001")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title FROM posts")).scalars().all() == ["kept"]


def test_unknown_revision_is_a_clear_error(sqlite_engine) -> None:
    with pytest.raises(CommandError, match="nope"):
        upgrade(sqlite_engine, "nope")
    assert current_revision(sqlite_engine) is None


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (-5, ValueError), (1.5, TypeError), (True, TypeError)])
def test_lock_timeout_is_validated(sqlite_engine, value, error) -> None:
    with pytest.raises(error, match="lock_timeout_ms"):
        upgrade(sqlite_engine, lock_timeout_ms=value)


def test_offline_mode_renders_sql_for_review() -> None:
    buffer = io.StringIO()
    config = alembic_config(url="postgresql+psycopg://u@localhost/x")
    config.output_buffer = buffer
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    assert "CREATE TABLE authors" in sql
    assert "ALTER TABLE posts ADD COLUMN view_count INTEGER DEFAULT '0' NOT NULL" in sql
    # One transaction per revision, each with its version row.
    assert sql.count("BEGIN;") == 2 and sql.count("COMMIT;") == 2


def drifted_copy() -> MetaData:
    copy = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy


def test_a_renamed_column_looks_like_a_drop_and_an_add(engine) -> None:
    upgrade(engine)
    renamed = drifted_copy()
    renamed.tables["posts"].c.title.name = "headline"
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), renamed)
    assert sorted(change[0] for change in diff) == ["add_column", "remove_column"]


def test_a_new_check_constraint_goes_unnoticed(engine) -> None:
    upgrade(engine)
    checked = drifted_copy()
    posts = checked.tables["posts"]
    posts.append_constraint(CheckConstraint(posts.c.view_count >= 0, name="ck_posts_view_count"))
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), checked) == []
