from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from examples.data.orm.models import Author, Comment, Post
from examples.data.orm.sample_data import create_blog


def test_creates_the_requested_shape(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=2, posts_per_author=3, comments_per_post=4)
    with Session(sqlite_engine) as session:
        counts = [session.scalar(select(func.count()).select_from(m)) for m in (Author, Post, Comment)]
    assert counts == [2, 6, 24]


def test_negative_counts_are_rejected(sqlite_engine) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        create_blog(sqlite_engine, authors=-1)
