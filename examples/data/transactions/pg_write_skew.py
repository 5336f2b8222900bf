"""Write skew on PostgreSQL: two doctors each leave the on-call rota, none remain.

The rule "at least one doctor stays on call" is checked by reading, then each
session updates a DIFFERENT row. No row is written twice, so row locks and
snapshot checks see no conflict. Only SERIALIZABLE (or locking what you read)
catches it.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions

DOCTORS_SQL = """
CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
INSERT INTO doctors (name, on_call) VALUES ('alice', true), ('bob', true);
"""
ON_CALL = "SELECT count(*) FROM doctors WHERE on_call"
GO_OFF = "UPDATE doctors SET on_call = false WHERE name = %s"


def on_call(session: psycopg.Connection) -> list[str]:
    """Names of the doctors on call, as `session` sees them."""
    rows = session.execute("SELECT name FROM doctors WHERE on_call ORDER BY name")
    return [name for (name,) in rows]


# --8<-- [start:plain]
def both_go_off_call(
    level: IsolationLevel, dsn: str | None = None
) -> tuple[list[str], str]:
    """A and B each check 'two on call' and take one doctor off.

    Returns (doctors still on call, B's fate).
    """
    with two_sessions(DOCTORS_SQL, dsn) as s:
        begin(s.a, level)
        assert s.a.execute(ON_CALL).fetchone()[0] == 2  # 1. A: two on call, fine
        begin(s.b, level)
        assert s.b.execute(ON_CALL).fetchone()[0] == 2  # 2. B: two on call, fine
        s.a.execute(GO_OFF, ("alice",))  # 3. A takes alice off
        s.b.execute(GO_OFF, ("bob",))  # 4. B takes bob off: a different row
        s.a.commit()  # 5. A commits
        try:
            s.b.commit()  # 6. B commits
            fate = "committed"
        except psycopg.errors.SerializationFailure as error:
            fate = f"rolled back, SQLSTATE {error.sqlstate}"
        remaining = on_call(s.a)
        s.a.commit()
        return remaining, fate
        # --8<-- [end:plain]


# --8<-- [start:locked]
def both_go_off_call_locked(dsn: str | None = None) -> tuple[list[str], bool]:
    """READ COMMITTED, but each session locks the on-call rows it counts.

    Returns (doctors still on call, whether B went off call).
    """
    lock_on_call = "SELECT name FROM doctors WHERE on_call FOR UPDATE"
    with two_sessions(DOCTORS_SQL, dsn) as s:
        begin(s.a, IsolationLevel.READ_COMMITTED)
        begin(s.b, IsolationLevel.READ_COMMITTED)

        def go_off_if_covered(session: psycopg.Connection, name: str) -> bool:
            if len(session.execute(lock_on_call).fetchall()) < 2:
                session.commit()
                return False
            session.execute(GO_OFF, (name,))
            session.commit()
            return True

        s.a.execute(lock_on_call)  # 1. A locks alice and bob
        s.a.execute(GO_OFF, ("alice",))  # 2. A takes alice off, not committed
        b_went_off = run_blocked_step(
            lambda: go_off_if_covered(s.b, "bob"),  # 3. B's locking read waits
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=s.a.commit,  # 4. A commits; B re-checks, sees only bob
        )
        remaining = on_call(s.a)
        s.a.commit()
        return remaining, b_went_off
        # --8<-- [end:locked]


def both_go_off_in_one_statement(dsn: str | None = None) -> list[str]:
    """READ COMMITTED, with the check inside each session's UPDATE.

    Both statements run before either session commits. Returns who is on call.
    """
    guarded = (
        "UPDATE doctors SET on_call = false WHERE name = %s"
        " AND (SELECT count(*) FROM doctors WHERE on_call) >= 2"
    )
    with two_sessions(DOCTORS_SQL, dsn) as s:
        begin(s.a, IsolationLevel.READ_COMMITTED)
        begin(s.b, IsolationLevel.READ_COMMITTED)
        assert s.a.execute(guarded, ("alice",)).rowcount == 1  # A counted two
        assert s.b.execute(guarded, ("bob",)).rowcount == 1  # so did B: no wait
        s.a.commit()
        s.b.commit()
        remaining = on_call(s.a)
        s.a.commit()
        return remaining


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        remaining, fate = both_go_off_call(level)
        print(f"{level_name(level)}: on call {remaining}, B {fate}")
        #> READ COMMITTED: on call [], B committed
        #> REPEATABLE READ: on call [], B committed
        #> SERIALIZABLE: on call ['bob'], B rolled back, SQLSTATE 40001
    remaining, b_went_off = both_go_off_call_locked()
    print(f"READ COMMITTED + FOR UPDATE: on call {remaining}, B went off: {b_went_off}")
    #> READ COMMITTED + FOR UPDATE: on call ['bob'], B went off: False
    # --8<-- [end:run]
