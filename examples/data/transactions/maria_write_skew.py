"""Write skew on MariaDB (InnoDB): the on-call rota again.

REPEATABLE READ lets both doctors leave, as on PostgreSQL. SERIALIZABLE stops
it differently: not by checking at commit, but because every read takes a
shared lock, so the two writes wait on each other and InnoDB kills one of them
as a deadlock (error 1213, SQLSTATE 40001: retry it).
"""

# requires-server: mariadb

from __future__ import annotations

import pymysql

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_sessions import begin, query, two_sessions
from examples.server_settings import MariaDBSettings

DOCTORS_SQL = [
    "CREATE TABLE doctors (name VARCHAR(20) PRIMARY KEY, on_call BOOLEAN NOT NULL)"
    " ENGINE=InnoDB",
    "INSERT INTO doctors VALUES ('alice', TRUE), ('bob', TRUE)",
]
ON_CALL = "SELECT COUNT(*) FROM doctors WHERE on_call"
GO_OFF = "UPDATE doctors SET on_call = FALSE WHERE name = %s"


# --8<-- [start:steps]
def both_go_off_call(
    level: str,
    *,
    snapshot_isolation: bool = False,
    settings: MariaDBSettings | None = None,
) -> tuple[list[str], dict[str, str]]:
    """A and B each check 'two on call', then take one doctor off.

    Returns (doctors still on call, each session's fate).
    """
    with two_sessions(DOCTORS_SQL, settings) as s:
        for session in (s.a, s.b):
            query(
                session,
                "SET SESSION innodb_snapshot_isolation = %s",
                ("ON" if snapshot_isolation else "OFF",),
            )
        begin(s.a, level)
        assert query(s.a, ON_CALL)[0][0] == 2  # 1. A: two on call
        begin(s.b, level)
        assert query(s.b, ON_CALL)[0][0] == 2  # 2. B: two on call
        fates: dict[str, str] = {}

        def go_off(name: str, session: pymysql.connections.Connection) -> None:
            try:
                query(session, GO_OFF, (name,))
                session.commit()
                fates[name] = "committed"
            except pymysql.MySQLError as error:
                session.rollback()
                fates[name] = f"rolled back, error {error.args[0]}"

        if level == "SERIALIZABLE":  # B's shared locks make A's write wait
            run_blocked_step(
                lambda: go_off("alice", s.a),  # 3. A's write waits for B
                is_waiting=lambda: s.is_waiting_on_lock(s.a),
                release=lambda: go_off("bob", s.b),  # 4. B's write: deadlock
                poll_seconds=s.poll_seconds,
            )
        else:
            go_off("alice", s.a)  # 3. A takes alice off, commits
            go_off("bob", s.b)  # 4. B takes bob off, commits
        remaining = [n for (n,) in query(s.a, "SELECT name FROM doctors WHERE on_call")]
        s.a.commit()
        return remaining, fates
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        "READ UNCOMMITTED",
        "READ COMMITTED",
        "REPEATABLE READ",
        "SERIALIZABLE",
    ):
        remaining, fates = both_go_off_call(level)
        print(
            f"{level}: on call {remaining}; alice {fates['alice']}; bob {fates['bob']}"
        )
        #> READ UNCOMMITTED: on call []; alice committed; bob committed
        #> READ COMMITTED: on call []; alice committed; bob committed
        #> REPEATABLE READ: on call []; alice committed; bob committed
        #> SERIALIZABLE: on call ['bob']; alice committed; bob rolled back, error 1213
    # --8<-- [end:run]
