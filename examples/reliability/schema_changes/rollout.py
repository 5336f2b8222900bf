"""Rename users.name to users.full_name while two application versions serve traffic.

Expand and contract on PostgreSQL: every step is safe for every version that can
still be running when it happens. Requests from the versions in service
interleave before, during and after each step, each on its own session, and
`Traffic` checks two things after every request: it did not fail, and every
read returns the name last written, whichever version wrote it.
"""

# requires-server: postgres

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from examples.scratch_postgres import connect, scratch_schema

SCHEMA = """
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL
)
"""


# --8<-- [start:versions]
@dataclass(frozen=True)
class Version:
    """One release of the application: the columns it writes and the one it reads."""

    label: str
    writes: tuple[str, ...]
    reads: str

    def create(self, conn: psycopg.Connection, email: str, name: str) -> int:
        columns = [sql.Identifier(c) for c in ("email", *self.writes)]
        query = sql.SQL("INSERT INTO users ({}) VALUES ({}) RETURNING id").format(
            sql.SQL(", ").join(columns),
            sql.SQL(", ").join([sql.Placeholder()] * len(columns)),
        )
        return conn.execute(query, (email, *[name] * len(self.writes))).fetchone()[0]

    def rename(self, conn: psycopg.Connection, user_id: int, name: str) -> None:
        sets = [sql.SQL("{} = %s").format(sql.Identifier(c)) for c in self.writes]
        query = sql.SQL("UPDATE users SET {} WHERE id = %s").format(
            sql.SQL(", ").join(sets)
        )
        if conn.execute(query, (*[name] * len(self.writes), user_id)).rowcount == 0:
            raise LookupError(f"no user {user_id}")

    def read(self, conn: psycopg.Connection, user_id: int) -> str | None:
        query = sql.SQL("SELECT {} FROM users WHERE id = %s").format(
            sql.Identifier(self.reads)
        )
        row = conn.execute(query, (user_id,)).fetchone()
        if row is None:
            raise LookupError(f"no user {user_id}")
        return row[0]


V1 = Version("v1", writes=("name",), reads="name")  # what runs today
V2 = Version("v2", writes=("name", "full_name"), reads="name")  # writes both
V3 = Version("v3", writes=("name", "full_name"), reads="full_name")  # reads new
V4 = Version("v4", writes=("full_name",), reads="full_name")  # new column only
# --8<-- [end:versions]


@dataclass
class Traffic:
    """Requests from the versions in service, and what a correct system returns."""

    schema: str
    seed: int = 7
    expected: dict[int, str] = field(
        default_factory=dict
    )  # user id -> last name written
    requests: Counter[str] = field(default_factory=Counter)  # per step
    failed: Counter[str] = field(default_factory=Counter)  # "step: ErrorClass" -> count
    lost: Counter[str] = field(default_factory=Counter)  # reads that missed a write
    served: dict[str, set[str]] = field(default_factory=dict)  # step -> versions
    step: str = "setup"
    _sessions: dict[str, psycopg.Connection] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._made = 0

    def session(self, version: Version) -> psycopg.Connection:
        """Each version's own session, as each deploy has its own pool."""
        if version.label not in self._sessions:
            self._sessions[version.label] = connect(self.schema)
        return self._sessions[version.label]

    def close(self) -> None:
        for conn in self._sessions.values():
            conn.close()

    def request(self, version: Version) -> None:
        """One request: a sign-up, a rename or a profile read, chosen at random."""
        conn = self.session(version)
        self.requests[self.step] += 1
        self.served.setdefault(self.step, set()).add(version.label)
        kind = (
            self._random.choice(["create", "rename", "read"])
            if self.expected
            else "create"
        )
        try:
            if kind == "create":
                self._made += 1
                name = f"user {self._made}"
                user_id = version.create(conn, f"u{self._made}@example.com", name)
                self.expected[user_id] = name
            else:
                user_id = self._random.choice(sorted(self.expected))
                if kind == "rename":
                    name = f"{self.expected[user_id].split(' (')[0]} ({version.label})"
                    version.rename(conn, user_id, name)
                    self.expected[user_id] = name
                elif version.read(conn, user_id) != self.expected[user_id]:
                    self.lost[self.step] += 1
        except psycopg.Error as error:
            self.failed[f"{self.step}: {type(error).__name__}"] += 1

    def serve(self, versions: Sequence[Version], count: int) -> None:
        """`count` requests, taking turns across the versions in service."""
        for i in range(count):
            self.request(versions[i % len(versions)])

    def failures(self, step: str) -> int:
        return sum(n for key, n in self.failed.items() if key.startswith(f"{step}: "))

    def audit(self, *versions: Version) -> int:
        """Read every user through each of `versions`; count the names they get wrong."""
        wrong = 0
        for version in versions:
            conn = self.session(version)
            for user_id, name in self.expected.items():
                wrong += version.read(conn, user_id) != name
        self.lost[self.step] += wrong
        return wrong


# --8<-- [start:backfill]
def backfill(
    conn: psycopg.Connection,
    batch_size: int,
    between: Callable[[], None] = lambda: None,
) -> list[int]:
    """Copy name into full_name by id range, one short transaction per batch.

    Rows updated in each batch. Compares values rather than testing for NULL: a
    row that v2 created and v1 renamed afterwards has a full_name, a stale one.
    """
    updated, after = [], 0
    while True:
        with conn.transaction():
            upto = conn.execute(
                "SELECT max(id) FROM (SELECT id FROM users WHERE id > %s"
                " ORDER BY id LIMIT %s) AS batch",
                (after, batch_size),
            ).fetchone()[0]
            if upto is None:
                return updated
            cursor = conn.execute(
                "UPDATE users SET full_name = name WHERE id > %s AND id <= %s"
                " AND full_name IS DISTINCT FROM name",
                (after, upto),
            )
        updated.append(cursor.rowcount)  # committed: its row locks are gone
        after = upto
        between()  # traffic goes on between batches


# --8<-- [end:backfill]


# --8<-- [start:steps]
def expand_and_contract(traffic: Traffic, admin: psycopg.Connection) -> list[int]:
    """The five steps, each with the versions that may be serving while it runs."""
    traffic.step = "1 expand"
    traffic.serve([V1], 20)
    admin.execute("ALTER TABLE users ADD COLUMN full_name text")  # catalog only
    traffic.serve([V1, V2], 40)  # rolling deploy: v1 and v2 side by side
    traffic.audit(V1, V2)

    traffic.step = "2 backfill"  # only once no v1 is left to write name alone
    batches = backfill(admin, batch_size=10, between=lambda: traffic.serve([V2], 4))
    traffic.audit(V2)

    traffic.step = "3 switch reads"
    traffic.serve([V2, V3], 40)
    traffic.audit(V2, V3)

    traffic.step = "4 stop writing name"  # v4 inserts no name: relax NOT NULL first
    traffic.serve([V3], 10)
    admin.execute("ALTER TABLE users ALTER COLUMN name DROP NOT NULL")
    traffic.serve([V3, V4], 40)
    traffic.audit(V3, V4)

    traffic.step = "5 contract"  # only once no v3 is left to read or write name
    traffic.serve([V4], 10)
    admin.execute("ALTER TABLE users DROP COLUMN name")
    traffic.serve([V4], 20)
    traffic.audit(V4)
    return batches


# --8<-- [end:steps]


def demo() -> None:
    with scratch_schema("ex_expand") as schema, connect(schema) as admin:
        admin.execute(SCHEMA)
        traffic = Traffic(schema)
        try:
            batches = expand_and_contract(traffic, admin)
        finally:
            traffic.close()
        # --8<-- [start:report]
        for step, count in traffic.requests.items():
            failed, lost = traffic.failures(step), traffic.lost[step]
            print(f"{step:<20} requests {count:>3}  failed {failed}  lost {lost}")
            #> 1 expand             requests  60  failed 0  lost 0
            #> 2 backfill           requests  12  failed 0  lost 0
            #> 3 switch reads       requests  40  failed 0  lost 0
            #> 4 stop writing name  requests  50  failed 0  lost 0
            #> 5 contract           requests  30  failed 0  lost 0
        print("users:", len(traffic.expected))
        #> users: 71
        print("backfill batches (rows updated):", batches)
        #> backfill batches (rows updated): [9, 3, 1]
        columns = admin.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = 'users' ORDER BY ordinal_position",
            (schema,),
        ).fetchall()
        print("users columns:", [c for (c,) in columns])
        #> users columns: ['id', 'email', 'full_name']
        # --8<-- [end:report]


if __name__ == "__main__":
    demo()
