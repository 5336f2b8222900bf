from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import InvalidRequestError, MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session, raiseload, selectinload, subqueryload

from examples.data.orm.models import Author, Post
from examples.data.orm.n_plus_one import STRATEGIES, author_listing, with_joinedload
from examples.data.orm.sample_data import create_blog
from examples.data.orm.statement_counter import StatementCounter


@pytest.mark.parametrize(
    ("authors", "posts", "comments", "expected"),
    [
        # lazy: 1 + authors + authors*posts; selectin: one per level; joined: one.
        (4, 3, 2, {"lazy": 17, "selectinload": 3, "joinedload": 1}),
        (2, 5, 2, {"lazy": 13, "selectinload": 3, "joinedload": 1}),
        # The page's "try it" question.
        (10, 5, 3, {"lazy": 61, "selectinload": 3, "joinedload": 1}),
    ],
)
def test_statement_counts_on_sqlite_and_postgres(
    engine, authors: int, posts: int, comments: int, expected: dict
) -> None:
    create_blog(engine, authors=authors, posts_per_author=posts, comments_per_post=comments)
    counts = {name: author_listing(engine, name)[1] for name in STRATEGIES}
    assert counts == expected


@pytest.mark.parametrize(
    ("authors", "posts", "comments", "rows", "per_author"), [(4, 3, 2, 24, 6), (10, 5, 3, 150, 15)]
)
def test_joinedload_sends_back_one_wide_row_per_comment(engine, authors, posts, comments, rows, per_author) -> None:
    create_blog(engine, authors=authors, posts_per_author=posts, comments_per_post=comments)
    sql = str(with_joinedload().compile(engine))
    with engine.connect() as connection:
        result = connection.exec_driver_sql(sql).all()
    assert len(result) == rows
    assert sum(1 for row in result if row[0] == 1) == per_author  # author 1's columns, repeated


def test_joined_collections_are_refused_without_unique(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=2, posts_per_author=2, comments_per_post=1)
    with Session(sqlite_engine) as session, pytest.raises(InvalidRequestError, match="unique"):
        session.scalars(with_joinedload()).all()


def test_every_strategy_returns_the_same_listing(engine) -> None:
    create_blog(engine, authors=3, posts_per_author=2, comments_per_post=1)
    listings = [author_listing(engine, name)[0] for name in STRATEGIES]
    assert listings[0] == listings[1] == listings[2]
    assert listings[0][2] == ("author-3", [("post 3.1", 1), ("post 3.2", 1)])


def test_selectinload_stays_at_three_while_each_level_has_at_most_500_parents(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=20, posts_per_author=5, comments_per_post=1)
    assert author_listing(sqlite_engine, "selectinload")[1] == 3
    assert author_listing(sqlite_engine, "lazy")[1] == 1 + 20 + 100


def test_selectinload_splits_its_in_list_every_500_keys(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=1, posts_per_author=501, comments_per_post=1)
    listing, statements = author_listing(sqlite_engine, "selectinload")
    assert statements == 1 + 1 + 2  # authors, posts, comments for posts 1-500 and 501
    assert len(listing[0][1]) == 501


def test_subqueryload_repeats_the_parent_query_inside_each_level(engine) -> None:
    create_blog(engine, authors=2, posts_per_author=2, comments_per_post=1)
    stmt = select(Author).options(subqueryload(Author.posts).subqueryload(Post.comments))
    with Session(engine) as session, StatementCounter(engine) as counter:
        for author in session.scalars(stmt):
            _ = [len(post.comments) for post in author.posts]
    assert counter.count == 3
    assert all("(SELECT authors.id AS authors_id" in s for s in counter.statements[1:])


def test_raiseload_turns_a_hidden_lazy_load_into_an_error(engine) -> None:
    create_blog(engine, authors=1, posts_per_author=1, comments_per_post=1)
    stmt = select(Author).options(selectinload(Author.posts), raiseload("*"))
    with Session(engine) as session:
        author = session.scalars(stmt).one()
        assert [p.title for p in author.posts] == ["post 1.1"]  # loaded up front
        with pytest.raises(InvalidRequestError, match="raise"):
            _ = author.posts[0].comments  # not loaded: raises instead of querying


def test_async_lazy_load_raises_missing_greenlet(postgres_engine: Engine) -> None:
    create_blog(postgres_engine, authors=1, posts_per_author=1, comments_per_post=1)
    with postgres_engine.connect() as connection:
        schema = connection.execute(select(func.current_schema())).scalar_one()

    async def touch_posts_lazily() -> None:
        engine = create_async_engine(postgres_engine.url, connect_args={"options": f"-csearch_path={schema}"})
        try:
            async with AsyncSession(engine) as session:
                author = (await session.scalars(select(Author))).one()
                _ = author.posts
        finally:
            await engine.dispose()

    with pytest.raises(StatementError, match="greenlet_spawn has not been called") as raised:
        asyncio.run(touch_posts_lazily())
    assert isinstance(raised.value.orig, MissingGreenlet)


def test_author_without_posts_is_still_listed(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=2, posts_per_author=0, comments_per_post=0)
    for name in STRATEGIES:
        assert author_listing(sqlite_engine, name)[0] == [("author-1", []), ("author-2", [])]


def test_unknown_strategy_is_rejected(sqlite_engine) -> None:
    with pytest.raises(ValueError, match="unknown strategy 'eager'"):
        author_listing(sqlite_engine, "eager")
