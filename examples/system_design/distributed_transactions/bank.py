"""The participants of the two-phase-commit examples: bank databases on the scratch primary.

Each participant is a database of its own, because a prepared transaction
belongs to the one database it ran in: it can be finished only from a session
connected there. The coordinator keeps its decision log in a SQLite file.
Every name gets a random suffix and everything is dropped at the end, prepared
transactions included, so runs repeat and other examples can share the server.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, pg_primary_dsn

# --8<-- [start:schema]
ACCOUNTS = """
CREATE TABLE accounts (
    id            text   PRIMARY KEY,
    -- the check a debit can fail: a participant that fails it votes no
    balance_cents bigint NOT NULL CHECK (balance_cents >= 0)
)
"""
# --8<-- [end:schema]


@dataclass(frozen=True)
class Cluster:
    """Where the examples' participants and the coordinator's log live."""

    participants: dict[str, str]  # participant name -> DSN of its own database
    log_path: Path  # the coordinator's decision log, a SQLite file


def connect(dsn: str, *, autocommit: bool = True) -> psycopg.Connection:
    """A connection with the examples' connect timeout."""
    return psycopg.connect(
        dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=autocommit
    )


def roll_back_leftovers(dsn: str) -> list[str]:
    """Roll back every prepared transaction in the database of `dsn`; return their ids.

    pg_prepared_xacts lists the whole server's prepared transactions, so filter
    by database: another database's cannot be finished from this session anyway.
    """
    with connect(dsn) as conn:
        gids = [
            gid
            for (gid,) in conn.execute(
                "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()"
            )
        ]
        for gid in gids:
            conn.execute(sql.SQL("ROLLBACK PREPARED {}").format(sql.Literal(gid)))
    return gids


@contextmanager
def scratch_databases(
    names: list[str], admin_dsn: str | None = None
) -> Iterator[dict[str, str]]:
    """Create a database per name (random suffix); yield name -> DSN; drop them after."""
    admin_dsn = admin_dsn or pg_primary_dsn()
    if len(set(names)) != len(names) or not all(n.isidentifier() for n in names):
        raise ValueError(f"names must be distinct identifiers, got {names!r}")
    suffix = secrets.token_hex(4)
    dsns: dict[str, str] = {}
    with connect(admin_dsn) as admin:
        try:
            for name in names:
                database = f"dt_{name}_{suffix}"
                admin.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database))
                )
                dsns[name] = make_conninfo(admin_dsn, dbname=database)
            yield dsns
        finally:
            for dsn in dsns.values():
                # DROP DATABASE refuses a database that a prepared transaction uses.
                roll_back_leftovers(dsn)
                database = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
                admin.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(
                        sql.Identifier(str(database))
                    )
                )


def create_accounts(dsn: str, balances: Mapping[str, int]) -> None:
    """Create the accounts table in `dsn` and open the given accounts."""
    with connect(dsn) as conn, conn.transaction():
        conn.execute(ACCOUNTS)
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO accounts (id, balance_cents) VALUES (%s, %s)",
                list(balances.items()),
            )


@contextmanager
def bank_cluster(accounts: Mapping[str, Mapping[str, int]]) -> Iterator[Cluster]:
    """Participant databases with the given accounts, and a path for the decision log.

    `accounts` maps participant name -> {account id: balance in cents}.
    """
    with (
        scratch_databases(list(accounts)) as dsns,
        tempfile.TemporaryDirectory(prefix="dt-coordinator-") as log_dir,
    ):
        for name, opened in accounts.items():
            create_accounts(dsns[name], opened)
        yield Cluster(dsns, Path(log_dir) / "decisions.sqlite3")


def balances(cluster: Cluster) -> dict[str, int]:
    """Every account's committed balance, as 'participant/account' -> cents."""
    found: dict[str, int] = {}
    for name, dsn in cluster.participants.items():
        with connect(dsn) as conn:
            rows = conn.execute("SELECT id, balance_cents FROM accounts ORDER BY id")
            found.update({f"{name}/{account}": cents for account, cents in rows})
    return found


def prepared_branches(cluster: Cluster) -> list[tuple[str, str]]:
    """(participant, transfer id) of every prepared transaction in the participants."""
    found = []
    for name, dsn in cluster.participants.items():
        with connect(dsn) as conn:
            found += [
                (name, xid.gtrid)
                for xid in conn.tpc_recover()
                if xid.database == conn.info.dbname
            ]
    return sorted(found)
