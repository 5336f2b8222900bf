from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from examples.data.orm.models import Author, Base, Post
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
