from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sqlalchemy_exc

from examples.data.orm import database
from examples.data.orm.database import engine_url, make_engine, postgres_schema_engine
from examples.server_settings import CONNECT_TIMEOUT_SECONDS


def test_engine_url_defaults_to_in_memory_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDBOOK_ORM_URL", raising=False)
    assert engine_url() == "sqlite+pysqlite:///:memory:"


def test_engine_url_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_ORM_URL", "postgresql+psycopg://u@db:5432/app")
    assert engine_url() == "postgresql+psycopg://u@db:5432/app"
    assert make_engine().url.get_backend_name() == "postgresql"


def test_postgres_url_uses_psycopg3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_POSTGRES_DSN", "postgresql://app:s3cret@db.internal:6543/shop")
    url = database.postgres_url()
    assert url == "postgresql+psycopg://app:s3cret@db.internal:6543/shop"


def test_sqlite_engine_enforces_foreign_keys(sqlite_engine) -> None:
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_postgres_engine_pre_pings_and_has_a_connect_timeout(postgres_dsn: str) -> None:
    engine = make_engine(database.postgres_url())
    seen: list[dict] = []
    event.listen(engine, "do_connect", lambda _d, _r, _a, cparams: seen.append(dict(cparams)))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()
    assert engine.pool._pre_ping is True
    assert seen[0]["connect_timeout"] == CONNECT_TIMEOUT_SECONDS


def test_schema_engine_lives_in_its_own_schema_and_drops_it(postgres_dsn: str) -> None:
    with postgres_schema_engine("test_orm_db") as engine:
        with engine.begin() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            connection.execute(text("CREATE TABLE t (x int)"))
        assert schema.startswith("test_orm_db_")
    check = make_engine(database.postgres_url())
    try:
        with check.connect() as connection:
            left = connection.execute(
                text("SELECT count(*) FROM pg_namespace WHERE nspname = :n"), {"n": schema}
            ).scalar_one()
    finally:
        check.dispose()
    assert left == 0


def test_schema_engine_drops_the_schema_when_the_body_fails(postgres_dsn: str) -> None:
    names: list[str] = []
    with pytest.raises(RuntimeError, match="boom"), postgres_schema_engine("test_orm_fail") as engine:
        with engine.connect() as connection:
            names.append(connection.execute(text("SELECT current_schema()")).scalar_one())
        raise RuntimeError("boom")
    check = make_engine(database.postgres_url())
    try:
        with check.connect() as connection:
            left = connection.execute(
                text("SELECT count(*) FROM pg_namespace WHERE nspname = :n"), {"n": names[0]}
            ).scalar_one()
    finally:
        check.dispose()
    assert left == 0


@pytest.mark.parametrize("prefix", ["Bad-Name", "x; DROP SCHEMA public", "p" * 60])
def test_schema_prefix_is_validated(prefix: str) -> None:
    with pytest.raises(ValueError, match="invalid schema prefix"), postgres_schema_engine(prefix):
        pass


def test_postgres_pool_defaults_to_5_plus_10_overflow(postgres_dsn: str) -> None:
    engine = make_engine(database.postgres_url(), pool_timeout=0.2)
    held = []
    try:
        held = [engine.connect() for _ in range(15)]
        with pytest.raises(sqlalchemy_exc.TimeoutError, match="QueuePool limit of size 5 overflow 10 reached"):
            engine.connect()
    finally:
        for connection in held:
            connection.close()
        engine.dispose()
