"""The Session as a unit of work: pending objects, flush vs commit, the identity
map, and a transaction that rolls back whole when something in it fails."""

from __future__ import annotations

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from examples.data.orm.models import Author, Post
from examples.data.orm.statement_counter import StatementCounter


def count_rows(engine: Engine, model: type[Author] | type[Post]) -> int:
    """How many committed rows `model`'s table holds, seen from a fresh session."""
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --8<-- [start:publish]
def publish(engine: Engine, author_name: str, titles: list[str]) -> int:
    """Create an author with posts in one transaction; return the author's id.

    `session.begin()` commits when the block ends and rolls back if anything
    inside raises, so either the author and all posts exist, or none of them.
    """
    if not titles:
        raise ValueError("an author needs at least one post to publish")
    with Session(engine) as session, session.begin():
        author = Author(name=author_name, posts=[Post(title=t) for t in titles])
        session.add(author)
        session.flush()  # sends the INSERTs now, so the database assigns the id
        return author.id


# --8<-- [end:publish]


if __name__ == "__main__":
    from examples.data.orm.database import make_engine
    from examples.data.orm.models import Base

    engine = make_engine()
    Base.metadata.create_all(engine)

    # --8<-- [start:flush_vs_commit]
    with Session(engine) as session:
        ada = Author(name="Ada")
        session.add(ada)
        print(inspect(ada).pending, ada.id)
        #> True None
        session.flush()  # INSERT sent inside the open transaction; id assigned
        print(inspect(ada).persistent, ada.id)
        #> True 1
        session.rollback()  # flushed is not committed: the row is gone
        print(inspect(ada).transient, ada.id)  # transient again, with a stale id
        #> True 1
    print(count_rows(engine, Author))
    #> 0
    # --8<-- [end:flush_vs_commit]

    # --8<-- [start:identity_map]
    author_id = publish(engine, "Grace", ["Compilers", "COBOL"])
    with Session(engine) as session, StatementCounter(engine) as counter:
        by_query = session.scalars(select(Author).where(Author.name == "Grace")).one()
        by_key = session.get(Author, author_id)  # found in the identity map: no SQL
        print(by_key is by_query, counter.count)
        #> True 1
        session.commit()  # expires every object the session holds
        again = session.get(Author, author_id)  # same object, reloaded: one SELECT
        print(again is by_query, counter.count)
        #> True 2
    # --8<-- [end:identity_map]

    # --8<-- [start:rollback]
    try:
        # "Grace" exists; the unique constraint fails at flush, inside the block.
        publish(engine, "Grace", ["A post that must not survive"])
    except IntegrityError as error:
        print(type(error.orig).__name__)
        #> IntegrityError
    print(count_rows(engine, Author), count_rows(engine, Post))
    #> 1 2
    # --8<-- [end:rollback]
    engine.dispose()
