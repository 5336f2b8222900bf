"""Querying with select(): filters, joins, aggregates, and what SQL it becomes."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from examples.data.orm.models import Author, Comment, Post


# --8<-- [start:queries]
def titles_by(engine: Engine, author_name: str) -> list[str]:
    """Titles of one author's posts, oldest first. The name is a bound parameter."""
    stmt = (
        select(Post.title)
        .join(Post.author)
        .where(Author.name == author_name)
        .order_by(Post.id)
    )
    with Session(engine) as session:
        return list(session.scalars(stmt))


def comment_counts(engine: Engine, limit: int = 10) -> list[tuple[str, int]]:
    """Authors with the number of comments on their posts, most first.

    Counting happens in the database: one row per author comes back, not
    every comment.
    """
    if not 1 <= limit <= 100:
        raise ValueError("limit must be between 1 and 100")
    stmt = (
        select(Author.name, func.count(Comment.id).label("comments"))
        .outerjoin(Author.posts)
        .outerjoin(Post.comments)
        .group_by(Author.id, Author.name)
        .order_by(func.count(Comment.id).desc(), Author.name)
        .limit(limit)
    )
    with Session(engine) as session:
        return [(name, comments) for name, comments in session.execute(stmt)]


# --8<-- [end:queries]


if __name__ == "__main__":
    from examples.data.orm.database import make_engine
    from examples.data.orm.sample_data import create_blog

    engine = make_engine()
    create_blog(engine, authors=3, posts_per_author=2, comments_per_post=1)
    # --8<-- [start:demo]
    print(titles_by(engine, "author-2"))
    #> ['post 2.1', 'post 2.2']
    print(titles_by(engine, "nobody'; DROP TABLE posts; --"))
    #> []
    print(comment_counts(engine, limit=2))
    #> [('author-1', 2), ('author-2', 2)]
    print(select(Post.title).where(Post.view_count > 10))
    """
    SELECT posts.title
    FROM posts
    WHERE posts.view_count > :view_count_1
    """
    # --8<-- [end:demo]
    engine.dispose()
