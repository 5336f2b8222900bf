from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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
