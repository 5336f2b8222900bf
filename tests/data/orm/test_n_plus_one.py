from __future__ import annotations

import pytest

from examples.data.orm.n_plus_one import STRATEGIES, author_listing
from examples.data.orm.sample_data import create_blog


@pytest.mark.parametrize(
    ("authors", "posts", "expected"),
    [
        # lazy: 1 + authors + authors*posts; selectin: one per level; joined: one.
        (4, 3, {"lazy": 17, "selectinload": 3, "joinedload": 1}),
        (2, 5, {"lazy": 13, "selectinload": 3, "joinedload": 1}),
    ],
)
def test_statement_counts_on_sqlite_and_postgres(engine, authors: int, posts: int, expected: dict) -> None:
    create_blog(engine, authors=authors, posts_per_author=posts, comments_per_post=2)
    counts = {name: author_listing(engine, name)[1] for name in STRATEGIES}
    assert counts == expected


def test_every_strategy_returns_the_same_listing(engine) -> None:
    create_blog(engine, authors=3, posts_per_author=2, comments_per_post=1)
    listings = [author_listing(engine, name)[0] for name in STRATEGIES]
    assert listings[0] == listings[1] == listings[2]
    assert listings[0][2] == ("author-3", [("post 3.1", 1), ("post 3.2", 1)])


def test_selectinload_stays_at_three_as_the_data_grows(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=20, posts_per_author=5, comments_per_post=1)
    assert author_listing(sqlite_engine, "selectinload")[1] == 3
    assert author_listing(sqlite_engine, "lazy")[1] == 1 + 20 + 100


def test_author_without_posts_is_still_listed(sqlite_engine) -> None:
    create_blog(sqlite_engine, authors=2, posts_per_author=0, comments_per_post=0)
    for name in STRATEGIES:
        assert author_listing(sqlite_engine, name)[0] == [("author-1", []), ("author-2", [])]


def test_unknown_strategy_is_rejected(sqlite_engine) -> None:
    with pytest.raises(ValueError, match="unknown strategy 'eager'"):
        author_listing(sqlite_engine, "eager")
