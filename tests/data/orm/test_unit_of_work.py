from __future__ import annotations

import gc

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import DetachedInstanceError

from examples.data.orm.models import Author, Base, Post
from examples.data.orm.statement_counter import StatementCounter
from examples.data.orm.unit_of_work import count_rows, publish


def test_publish_writes_author_and_posts(engine) -> None:
    Base.metadata.create_all(engine)
    author_id = publish(engine, "Ada", ["One", "Two"])
    assert isinstance(author_id, int)
    assert (count_rows(engine, Author), count_rows(engine, Post)) == (1, 2)


def test_failed_publish_leaves_nothing_half_written(engine) -> None:
    Base.metadata.create_all(engine)
    publish(engine, "Ada", ["One"])
    with pytest.raises(IntegrityError):
        publish(engine, "Ada", ["Two", "Three"])
    assert (count_rows(engine, Author), count_rows(engine, Post)) == (1, 1)


def test_publish_without_posts_is_rejected(sqlite_engine) -> None:
    Base.metadata.create_all(sqlite_engine)
    with pytest.raises(ValueError, match="at least one post"):
        publish(sqlite_engine, "Ada", [])
    assert count_rows(sqlite_engine, Author) == 0


def test_blank_name_is_rejected_and_nothing_written(sqlite_engine) -> None:
    Base.metadata.create_all(sqlite_engine)
    with pytest.raises(ValueError, match="must not be blank"):
        publish(sqlite_engine, " ", ["One"])
    assert count_rows(sqlite_engine, Post) == 0


def test_rolled_back_object_is_transient_with_a_stale_id(engine) -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        ada = Author(name="Ada")
        session.add(ada)
        session.flush()
        session.rollback()
        assert (inspect(ada).transient, ada.id is not None, ada in session) == (True, True, False)
    assert count_rows(engine, Author) == 0


def test_get_sends_no_sql_for_a_loaded_object_until_commit_expires_it(engine) -> None:
    Base.metadata.create_all(engine)
    author_id = publish(engine, "Ada", ["One"])
    with Session(engine) as session:
        ada = session.get(Author, author_id)
        with StatementCounter(engine) as counter:
            assert session.get(Author, author_id) is ada
        assert counter.count == 0
        session.commit()  # expire_on_commit=True: every loaded attribute is stale now
        assert inspect(ada).expired
        with StatementCounter(engine) as counter:
            assert session.get(Author, author_id) is ada
        assert counter.count == 1


def test_the_identity_map_lets_go_of_objects_nobody_holds(engine) -> None:
    Base.metadata.create_all(engine)
    author_id = publish(engine, "Ada", ["One"])
    with Session(engine) as session:
        session.get(Author, author_id)  # loaded, clean, and not kept by us
        gc.collect()
        assert len(session.identity_map) == 0
        with StatementCounter(engine) as counter:
            session.get(Author, author_id)
        assert counter.count == 1


def test_expired_attributes_cannot_load_after_the_session_closes(engine) -> None:
    Base.metadata.create_all(engine)
    author_id = publish(engine, "Ada", ["One"])
    with Session(engine) as session:
        expired = session.get(Author, author_id)
        session.commit()  # expires it; the reload would need this session
    with pytest.raises(DetachedInstanceError):
        _ = expired.name
    with Session(engine, expire_on_commit=False) as session:
        kept = session.get(Author, author_id)
        session.commit()
    assert kept.name == "Ada"  # loaded before commit, never expired


def test_a_requery_does_not_overwrite_what_the_session_already_loaded(postgres_engine) -> None:
    Base.metadata.create_all(postgres_engine)
    author_id = publish(postgres_engine, "Ada", ["One"])
    with Session(postgres_engine) as session:
        ada = session.get(Author, author_id)
        with Session(postgres_engine) as other, other.begin():
            other.get(Author, author_id).name = "Ada Lovelace"
        # READ COMMITTED: the row comes back with the new name, but the object
        # in the identity map keeps the value it already had.
        again = session.scalars(select(Author).where(Author.id == author_id)).one()
        assert (again is ada, ada.name) == (True, "Ada")
        fresh = session.scalars(
            select(Author).where(Author.id == author_id).execution_options(populate_existing=True)
        ).one()
        assert fresh.name == "Ada Lovelace"
