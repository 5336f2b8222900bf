from __future__ import annotations

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, relationship

from examples.data.orm.models import NAME_MAX_LENGTH, Author, Base, Comment, Post
from examples.data.orm.sample_data import create_blog
from examples.data.orm.statement_counter import StatementCounter


def test_blank_author_name_is_rejected_before_the_database() -> None:
    with pytest.raises(ValueError, match="must not be blank"):
        Author(name="   ")


@pytest.mark.parametrize("name", [None, 42, b"Ada"])
def test_author_name_must_be_a_string(name: object) -> None:
    with pytest.raises(TypeError, match="author name must be a str"):
        Author(name=name)


def test_author_name_is_trimmed() -> None:
    assert Author(name="  Ada ").name == "Ada"


def test_author_name_length_is_checked_the_same_on_every_database(engine) -> None:
    Base.metadata.create_all(engine)
    with pytest.raises(ValueError, match=f"at most {NAME_MAX_LENGTH}"):
        Author(name="x" * (NAME_MAX_LENGTH + 1))
    longest = "x" * NAME_MAX_LENGTH
    with Session(engine) as session, session.begin():
        session.add(Author(name=longest))
    with Session(engine) as session:
        assert session.scalars(select(Author.name)).one() == longest


def test_constraints_have_stable_names() -> None:
    posts = Base.metadata.tables["posts"]
    names = {c.name for c in posts.constraints} | {i.name for i in posts.indexes}
    assert {"pk_posts", "fk_posts_author_id_authors", "ix_posts_author_id"} <= names


def test_round_trip_and_server_default(engine) -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(Author(name="Ada", posts=[Post(title="Notes", comments=[Comment(body="Nice")])]))
    with Session(engine) as session:
        post = session.scalars(select(Post)).one()
        assert (post.author.name, post.view_count, [c.body for c in post.comments]) == ("Ada", 0, ["Nice"])


def test_deleting_an_author_deletes_posts_and_comments(engine) -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(Author(name="Ada", posts=[Post(title="Notes", comments=[Comment(body="Nice")])]))
    with Session(engine) as session, session.begin():
        session.delete(session.scalars(select(Author)).one())
    with Session(engine) as session:
        assert session.scalars(select(Post)).all() == []
        assert session.scalars(select(Comment)).all() == []


def test_deleting_an_author_leaves_the_cascade_to_the_database(engine) -> None:
    # Without passive_deletes the ORM would SELECT the 3 posts, then each
    # post's comments, and DELETE them itself: 1 + 1 + 3 SELECTs before any DELETE.
    create_blog(engine, authors=2, posts_per_author=3, comments_per_post=2)
    with Session(engine) as session, StatementCounter(engine) as counter:
        session.delete(session.get(Author, 1))
        session.commit()
    assert [s.split()[0] for s in counter.statements] == ["SELECT", "DELETE"]
    with Session(engine) as session:
        assert [a.name for a in session.scalars(select(Author))] == ["author-2"]
        assert len(session.scalars(select(Post)).all()) == 3
        assert len(session.scalars(select(Comment)).all()) == 6


def test_post_without_existing_author_is_refused(engine) -> None:
    Base.metadata.create_all(engine)
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(Post(author_id=999, title="orphan"))


class _EagerBase(DeclarativeBase):
    """The same three tables, mapped without passive_deletes, for comparison."""

    metadata = MetaData()


for _table in Base.metadata.sorted_tables:
    _table.to_metadata(_EagerBase.metadata)


class _Author(_EagerBase):
    __table__ = _EagerBase.metadata.tables["authors"]
    posts: Mapped[list[_Post]] = relationship(cascade="all, delete-orphan", order_by="_Post.id")


class _Post(_EagerBase):
    __table__ = _EagerBase.metadata.tables["posts"]
    comments: Mapped[list[_Comment]] = relationship(cascade="all, delete-orphan")


class _Comment(_EagerBase):
    __table__ = _EagerBase.metadata.tables["comments"]


def test_without_passive_deletes_the_orm_loads_everything_to_delete_it(engine) -> None:
    create_blog(engine, authors=2, posts_per_author=3, comments_per_post=2)
    with Session(engine) as session, StatementCounter(engine) as counter:
        session.delete(session.get(_Author, 1))
        session.commit()
    verbs = [s.split()[0] for s in counter.statements]
    assert verbs[:5] == ["SELECT"] * 5 and set(verbs[5:]) == {"DELETE"}
    # Children first: the unit of work orders the DELETEs by foreign key.
    deleted = [s.split()[2] for s in counter.statements[5:]]
    assert deleted == ["comments", "posts", "authors"]


def test_the_unit_of_work_inserts_parents_before_children(engine) -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session, StatementCounter(engine) as counter:
        session.add(Author(name="Ada", posts=[Post(title="Notes", comments=[Comment(body="Nice")])]))
        session.commit()
    tables = [s.split()[2] for s in counter.statements if s.startswith("INSERT")]
    assert tables == ["authors", "posts", "comments"]


def test_without_the_validator_only_postgresql_enforces_the_length(engine) -> None:
    Base.metadata.create_all(engine)
    insert = Author.__table__.insert().values(name="x" * 500)  # Core: no @validates
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.execute(insert)  # stored: SQLite ignores VARCHAR(100)
    else:
        with pytest.raises(DataError, match="too long"), engine.begin() as connection:
            connection.execute(insert)
