"""The N+1 problem, shown by counting statements, and fixed two ways.

The listing is "every author with their posts and each post's comments".
Loading it lazily sends one query for the authors, then one per author for
posts, then one per post for comments. `selectinload` and `joinedload` fetch
the same objects in a fixed number of statements.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql import Select

from examples.data.orm.models import Author, Post
from examples.data.orm.statement_counter import StatementCounter

Listing = list[tuple[str, list[tuple[str, int]]]]


# --8<-- [start:strategies]
def lazy() -> Select[Author]:
    """The default: relationships load on first access, one query each time."""
    return select(Author).order_by(Author.id)


def with_selectinload() -> Select[Author]:
    """One extra SELECT ... WHERE parent_id IN (...) per relationship level."""
    return (
        select(Author)
        .order_by(Author.id)
        .options(selectinload(Author.posts).selectinload(Post.comments))
    )


def with_joinedload() -> Select[Author]:
    """One statement: LEFT OUTER JOINs, parent columns repeated on every row."""
    return (
        select(Author)
        .order_by(Author.id)
        .options(joinedload(Author.posts).joinedload(Post.comments))
    )


# --8<-- [end:strategies]

STRATEGIES: dict[str, Callable[[], Select[Author]]] = {
    "lazy": lazy,
    "selectinload": with_selectinload,
    "joinedload": with_joinedload,
}


# --8<-- [start:listing]
def author_listing(engine: Engine, strategy: str) -> tuple[Listing, int]:
    """Build the listing with a loading `strategy`; return it and the statement count."""
    if strategy not in STRATEGIES:
        raise ValueError(
            f"unknown strategy {strategy!r}; pick one of {sorted(STRATEGIES)}"
        )
    with Session(engine) as session, StatementCounter(engine) as counter:
        # unique(): joined eager loads repeat each author once per joined row.
        authors = session.scalars(STRATEGIES[strategy]()).unique().all()
        listing = [
            (author.name, [(post.title, len(post.comments)) for post in author.posts])
            for author in authors
        ]
    return listing, counter.count


# --8<-- [end:listing]


if __name__ == "__main__":
    from examples.data.orm.database import make_engine
    from examples.data.orm.sample_data import create_blog

    # --8<-- [start:demo]
    engine = make_engine()  # in-memory SQLite unless HANDBOOK_ORM_URL says otherwise
    create_blog(engine, authors=4, posts_per_author=3, comments_per_post=2)
    results = {name: author_listing(engine, name) for name in STRATEGIES}
    for name, (_listing, statements) in results.items():
        print(f"{name:>12}: {statements:>2} statements")
        #>         lazy: 17 statements
        #> selectinload:  3 statements
        #>   joinedload:  1 statements
    # Same answer every way; only the number of round trips differs.
    assert len({repr(listing) for listing, _ in results.values()}) == 1
    print(results["lazy"][0][0])
    #> ('author-1', [('post 1.1', 2), ('post 1.2', 2), ('post 1.3', 2)])
    # --8<-- [end:demo]
    engine.dispose()
