from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from examples.data.orm.models import Author, Base, Comment, Post


def test_blank_author_name_is_rejected_before_the_database() -> None:
    with pytest.raises(ValueError, match="must not be blank"):
        Author(name="   ")


def test_author_name_is_trimmed() -> None:
    assert Author(name="  Ada ").name == "Ada"


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


def test_post_without_existing_author_is_refused(engine) -> None:
    Base.metadata.create_all(engine)
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(Post(author_id=999, title="orphan"))
