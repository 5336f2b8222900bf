"""A small blog domain as typed SQLAlchemy 2.x declarative models.

An author writes posts; a post collects comments. Every other file in this
topic (sessions, queries, the N+1 demo, the Alembic migrations) uses these
classes, and the migrations' head revision builds exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData, String, Text
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    validates,
)

# --8<-- [start:base]
# Named constraints let a migration drop or alter them later by name on every
# database; without a convention each server invents its own names.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The registry every model joins; `Base.metadata` is what Alembic compares."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --8<-- [end:base]


# --8<-- [start:models]
NAME_MAX_LENGTH = 100


class Author(Base):
    """Someone who writes posts. Names are unique."""

    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH), unique=True)

    # Deleting an author deletes their posts. passive_deletes: the database's
    # ON DELETE CASCADE removes the rows, so the ORM does not load every post
    # (and every comment) just to delete them one by one.
    posts: Mapped[list[Post]] = relationship(
        back_populates="author",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Post.id",
    )

    @validates("name")
    def _check_name(self, _key: str, value: object) -> str:
        # Reject bad input before it reaches the database, with a clear message,
        # and the same one everywhere: SQLite would store 500 characters in a
        # VARCHAR(100) where PostgreSQL raises.
        if not isinstance(value, str):
            raise TypeError(f"author name must be a str, not {type(value).__name__}")
        name = value.strip()
        if not name:
            raise ValueError("author name must not be blank")
        if len(name) > NAME_MAX_LENGTH:
            raise ValueError(f"author name must be at most {NAME_MAX_LENGTH} chars")
        return name


class Post(Base):
    """One post by one author."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(
        ForeignKey("authors.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    # Added by migration 0002; the server fills it in for rows that predate it.
    view_count: Mapped[int] = mapped_column(server_default="0")

    author: Mapped[Author] = relationship(back_populates="posts")
    comments: Mapped[list[Comment]] = relationship(
        back_populates="post",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Comment.id",
    )


class Comment(Base):
    """A reader's comment on a post."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="comments")


# --8<-- [end:models]
