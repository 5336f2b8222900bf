"""Fill a database with a small, deterministic blog: authors, posts, comments."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from examples.data.orm.models import Author, Base, Comment, Post


def create_blog(
    engine: Engine,
    *,
    authors: int = 4,
    posts_per_author: int = 3,
    comments_per_post: int = 2,
) -> None:
    """Create the tables on `engine` and add the same rows every time."""
    if min(authors, posts_per_author, comments_per_post) < 0:
        raise ValueError("counts must not be negative")
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        for a in range(1, authors + 1):
            author = Author(name=f"author-{a}")
            for p in range(1, posts_per_author + 1):
                post = Post(title=f"post {a}.{p}")
                post.comments = [
                    Comment(body=f"comment {a}.{p}.{c}")
                    for c in range(1, comments_per_post + 1)
                ]
                author.posts.append(post)
            session.add(author)
