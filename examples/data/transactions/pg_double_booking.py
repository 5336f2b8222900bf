"""Double booking on PostgreSQL: write skew through rows that do not exist yet.

Each session checks "no booking overlaps mine", finds none, and INSERTs its
own. A locking read cannot help: there is no row to lock. What works: lock a
row that does exist (the room), SERIALIZABLE, or an exclusion constraint.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.lock_wait import run_step
from examples.data.transactions.pg_sessions import begin, two_sessions

# --8<-- [start:schema]
# One room keeps the example short. With many rooms, add a room column and
# `room WITH =` to the constraint, which needs the btree_gist extension.
ROOM_SQL = """
CREATE TABLE rooms (name text PRIMARY KEY);
INSERT INTO rooms VALUES ('blue');
CREATE TABLE bookings (who text NOT NULL, hours int4range NOT NULL);
"""
NO_OVERLAP = (
    "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (hours WITH &&)"
)
OVERLAPPING = "SELECT who FROM bookings WHERE hours && int4range(%s, %s)"
BOOK = "INSERT INTO bookings VALUES (%s, int4range(%s, %s))"
HOW = (
    "plain",
    "repeatable_read",
    "for_update",
    "lock_room",
    "serializable",
    "constraint",
)
# --8<-- [end:schema]


# --8<-- [start:steps]
def both_book(how: str, dsn: str | None = None) -> tuple[list[str], str]:
    """A books 10-12, B books 11-13, both after checking for overlaps.

    `how` is one of HOW; all but two run at READ COMMITTED.
    Returns (who holds a booking, B's fate).
    """
    if how not in HOW:
        raise ValueError(f"how must be one of {HOW}")
    level = {
        "repeatable_read": IsolationLevel.REPEATABLE_READ,
        "serializable": IsolationLevel.SERIALIZABLE,
    }.get(how, IsolationLevel.READ_COMMITTED)
    setup = ROOM_SQL + (NO_OVERLAP if how == "constraint" else "")
    with two_sessions(setup, dsn) as s:
        begin(s.a, level)
        begin(s.b, level)

        def free(session: psycopg.Connection, start: int, end: int) -> bool:
            if how == "lock_room":  # the room row exists, so it can be locked
                session.execute("SELECT FROM rooms WHERE name = 'blue' FOR UPDATE")
            lock = " FOR UPDATE" if how == "for_update" else ""
            return not session.execute(OVERLAPPING + lock, (start, end)).fetchall()

        def b_books(is_free: bool) -> str:
            if not is_free:
                s.b.commit()
                return "saw the overlap, booked nothing"
            try:
                s.b.execute(BOOK, ("bob", 11, 13))
                s.b.commit()
            except (
                psycopg.errors.SerializationFailure,  # 40001
                psycopg.errors.ExclusionViolation,  # 23P01
            ) as error:
                s.b.rollback()
                return f"rolled back, SQLSTATE {error.sqlstate}"
            return "committed"

        def a_books() -> None:
            s.a.execute(BOOK, ("alice", 10, 12))
            s.a.commit()

        assert free(s.a, 10, 12)  # 1. A: the room is free from 10 to 12
        b_free = run_step(
            lambda: free(s.b, 11, 13),  # 2. B checks 11 to 13
            blocks=how == "lock_room",  # B waits for A's lock on the room
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=a_books,  # 3. A books and commits
        )
        fate = b_books(b_free)  # 4. B books and commits, if it saw no overlap
        rows = s.a.execute("SELECT who FROM bookings ORDER BY who").fetchall()
        s.a.commit()
        return [who for (who,) in rows], fate
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for how in HOW:
        booked, fate = both_book(how)
        print(f"{how}: booked {booked}; B {fate}")
        #> plain: booked ['alice', 'bob']; B committed
        #> repeatable_read: booked ['alice', 'bob']; B committed
        #> for_update: booked ['alice', 'bob']; B committed
        #> lock_room: booked ['alice']; B saw the overlap, booked nothing
        #> serializable: booked ['alice']; B rolled back, SQLSTATE 40001
        #> constraint: booked ['alice']; B rolled back, SQLSTATE 23P01
    # --8<-- [end:run]
