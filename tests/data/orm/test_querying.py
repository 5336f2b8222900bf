from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql

from examples.data.orm.models import Author, Post
from examples.data.orm.querying import comment_counts, titles_by
from examples.data.orm.sample_data import create_blog
from examples.data.orm.unit_of_work import publish


def test_titles_by_author(engine) -> None:
    create_blog(engine, authors=2, posts_per_author=2, comments_per_post=0)
    assert titles_by(engine, "author-1") == ["post 1.1", "post 1.2"]
    assert titles_by(engine, "missing") == []


def test_names_are_parameters_not_sql(engine) -> None:
    create_blog(engine, authors=1, posts_per_author=1, comments_per_post=0)
    assert titles_by(engine, "x' OR '1'='1") == []
    assert titles_by(engine, "author-1") == ["post 1.1"]


def test_comment_counts_include_authors_with_none(engine) -> None:
    create_blog(engine, authors=2, posts_per_author=1, comments_per_post=3)
    publish(engine, "quiet", ["no comments yet"])
    assert comment_counts(engine) == [("author-1", 3), ("author-2", 3), ("quiet", 0)]
    assert comment_counts(engine, limit=1) == [("author-1", 3)]


@pytest.mark.parametrize("limit", [0, -5, 101])
def test_limit_is_validated(sqlite_engine, limit: int) -> None:
    with pytest.raises(ValueError, match="between 1 and 100"):
        comment_counts(sqlite_engine, limit=limit)


def test_core_covers_window_functions_ctes_and_on_conflict() -> None:
    # The trade-offs table: none of these needs raw SQL.
    dialect = postgresql.dialect()
    ranked = select(Post.title, func.row_number().over(partition_by=Post.author_id, order_by=Post.id))
    assert "row_number() OVER (PARTITION BY posts.author_id ORDER BY posts.id)" in str(ranked.compile(dialect=dialect))
    busy = select(Post.author_id).group_by(Post.author_id).having(func.count() > 2).cte("busy")
    with_cte = select(Author.name).join(busy, busy.c.author_id == Author.id)
    assert str(with_cte.compile(dialect=dialect)).startswith("WITH busy AS")
    upsert = postgresql.insert(Author).values(name="Ada").on_conflict_do_nothing(index_elements=[Author.name])
    assert "ON CONFLICT (name) DO NOTHING" in str(upsert.compile(dialect=dialect))
