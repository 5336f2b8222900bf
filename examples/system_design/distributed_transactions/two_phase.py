"""A two-phase-commit coordinator that moves money between PostgreSQL databases.

Phase 1 asks every participant to do its part and vote: a participant votes
yes by running PREPARE TRANSACTION, after which its work is on disk, its locks
stay held and it can no longer decide alone. Phase 2 commits everywhere
(COMMIT PREPARED) once the coordinator has made its decision durable in a log
of its own. `recover()` finishes whatever a crashed coordinator left prepared,
by the logged decision; no decision logged means abort ("presumed abort").

Transaction ids use psycopg's XA triple: the transfer id is the global id
(gtrid), the participant's name is the branch qualifier (bqual), and
FORMAT_ID marks the prepared transactions that belong to this coordinator.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from pathlib import Path

import psycopg

from examples.server_settings import CONNECT_TIMEOUT_SECONDS

FORMAT_ID = 0x4842  # the XA format id of our transactions; recovery skips any other
# A participant waits at most this long for a row lock (55P03 lock_not_available
# after it, which counts as a no vote), and at most STATEMENT_TIMEOUT for anything.
LOCK_TIMEOUT = "2s"
STATEMENT_TIMEOUT = "5s"
# XA allows 64 bytes for gtrid and bqual. Base64-encoded, two of them and the
# format id make a PostgreSQL id of at most 183 bytes, under its 200-byte limit.
MAX_ID_BYTES = 64

# --8<-- [start:log]
DECISIONS = """
CREATE TABLE IF NOT EXISTS decisions (
    transfer_id text PRIMARY KEY,
    decision    text NOT NULL CHECK (decision IN ('commit', 'abort'))
)
"""


class Decision(StrEnum):
    COMMIT = "commit"
    ABORT = "abort"


class DecisionLog:
    """The coordinator's durable decisions, in a SQLite file: one row per transfer.

    In SQLite's default journal mode, deleting the journal is what commits, and
    the default synchronous=FULL does not sync the directory after that delete:
    a power cut right then can bring the journal back and undo the decision.
    EXTRA syncs the directory too, so a decision that `record()` returned
    survives the process, the OS and the power failing.
    """

    def __init__(self, path: str | Path) -> None:
        # isolation_level=None: each statement commits on its own; timeout: wait
        # for a lock held by another process (a recovery run) instead of failing.
        self._db = sqlite3.connect(path, timeout=5, isolation_level=None)
        self._db.execute("PRAGMA synchronous = EXTRA")  # per connection, not stored
        self._db.execute(DECISIONS)

    def record(self, transfer_id: str, decision: Decision) -> Decision:
        """Log `decision` unless one is logged already; return the one that stands.

        The coordinator records COMMIT and recovery records ABORT through this
        one statement, so whichever comes first wins and the other obeys it.
        """
        self._db.execute(
            "INSERT INTO decisions (transfer_id, decision) VALUES (?, ?)"
            " ON CONFLICT (transfer_id) DO NOTHING",
            (transfer_id, decision.value),
        )
        standing = self.lookup(transfer_id)
        assert standing is not None  # we, or someone before us, just wrote it
        return standing

    # --8<-- [end:log]

    @property
    def synchronous(self) -> int:
        """SQLite's synchronous level on this connection (3 is EXTRA)."""
        return self._db.execute("PRAGMA synchronous").fetchone()[0]

    def lookup(self, transfer_id: str) -> Decision | None:
        """The logged decision for `transfer_id`, or None if there is none."""
        row = self._db.execute(
            "SELECT decision FROM decisions WHERE transfer_id = ?", (transfer_id,)
        ).fetchone()
        return None if row is None else Decision(row[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DecisionLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _connect(dsn: str, *, autocommit: bool = False) -> psycopg.Connection:
    """A participant session whose waits are bounded (a wait past them votes no)."""
    return psycopg.connect(
        dsn,
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=f"-c lock_timeout={LOCK_TIMEOUT}"
        f" -c statement_timeout={STATEMENT_TIMEOUT}",
    )


@dataclass(frozen=True)
class Leg:
    """One participant's part of a transfer: add `delta_cents` to `account` there."""

    participant: str
    account: str
    delta_cents: int


@dataclass(frozen=True)
class Outcome:
    transfer_id: str
    decision: Decision
    reason: str | None = None
    # Participants whose phase 2 failed (a lost connection): recover() finishes them.
    unfinished: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """What recover() did with one prepared transaction."""

    participant: str
    transfer_id: str
    decision: Decision


class TransferCoordinator:
    """Moves money between accounts in different participant databases, atomically.

    Use it as a context manager: it keeps one connection per participant and
    one to its decision log. `hook(stage)` is called at "prepared" (after phase
    1), "decided" (after the decision is logged) and "finished:<participant>"
    (after each participant's phase 2); the crash examples stop there.
    """

    def __init__(
        self,
        participants: Mapping[str, str],
        log_path: str | Path,
        *,
        hook: Callable[[str], None] | None = None,
    ) -> None:
        if len(participants) < 2:
            raise ValueError("two-phase commit needs at least two participants")
        for name in participants:
            _check_id("participant name", name)
        self._participants = dict(participants)
        self._log = DecisionLog(log_path)
        self._hook = hook or (lambda _stage: None)
        self._conns: dict[str, psycopg.Connection] = {}

    def transfer(
        self,
        transfer_id: str,
        source: tuple[str, str],
        target: tuple[str, str],
        amount_cents: int,
    ) -> Outcome:
        """Move `amount_cents` from `source` to `target`: (participant, account) each."""
        legs = self._legs(transfer_id, source, target, amount_cents)
        try:
            return self._run(transfer_id, legs)
        except BaseException:
            # Whatever was prepared stays prepared; recover() settles it by the log.
            for name in list(self._conns):
                self._discard(name)
            raise

    # --8<-- [start:transfer]
    def _run(self, transfer_id: str, legs: list[Leg]) -> Outcome:
        # Transfer ids are single-use: a retry of a decided transfer changes nothing.
        if (earlier := self._log.lookup(transfer_id)) is not None:
            return Outcome(transfer_id, earlier, "already decided")

        # Phase 1: each participant does its part and votes (yes = prepared).
        prepared: list[str] = []
        for leg in legs:
            refusal = self._prepare(transfer_id, leg)
            if refusal is not None:
                # Presumed abort: no need to log it. A branch we cannot reach now
                # has no decision, so recover() rolls it back.
                unreached = tuple(
                    name for name in prepared if not self._finish(name, Decision.ABORT)
                )
                reason = f"{leg.participant}: {refusal}"
                return Outcome(transfer_id, Decision.ABORT, reason, unreached)
            prepared.append(leg.participant)
        self._hook("prepared")

        # The commit point: once this row is on disk, the transfer happens.
        decision = self._log.record(transfer_id, Decision.COMMIT)
        self._hook("decided")

        # Phase 2: tell every participant. A failure here cannot change it.
        unfinished = []
        for name in prepared:
            if not self._finish(name, decision):
                unfinished.append(name)
            self._hook(f"finished:{name}")
        reason = None if decision is Decision.COMMIT else "recovery aborted it first"
        return Outcome(transfer_id, decision, reason, tuple(unfinished))

    # --8<-- [end:transfer]

    # --8<-- [start:vote]
    def _prepare(self, transfer_id: str, leg: Leg) -> str | None:
        """Phase 1 at one participant: None for a yes vote, else the reason for no."""
        conn = self._connection(leg.participant)
        try:
            conn.tpc_begin(conn.xid(FORMAT_ID, transfer_id, leg.participant))
            row = conn.execute(
                "UPDATE accounts SET balance_cents = balance_cents + %s"
                " WHERE id = %s RETURNING balance_cents",
                (leg.delta_cents, leg.account),
            ).fetchone()
            if row is None:
                self._discard(leg.participant)
                return f"no account {leg.account!r}"
            # On disk and still locked; only COMMIT/ROLLBACK PREPARED ends it now.
            conn.tpc_prepare()
            return None
        except psycopg.errors.CheckViolation:
            self._discard(leg.participant)
            return "insufficient funds"
        except psycopg.Error as error:  # a lock timeout, a lost connection...
            self._discard(leg.participant)
            return f"{type(error).__name__}: {error}"

    def _finish(self, name: str, decision: Decision) -> bool:
        """Phase 2 at one participant; False leaves the branch to recover()."""
        conn = self._conns[name]
        try:
            if decision is Decision.COMMIT:
                conn.tpc_commit()  # COMMIT PREPARED
            else:
                conn.tpc_rollback()  # ROLLBACK PREPARED
            return True
        except psycopg.errors.UndefinedObject:
            self._discard(name)  # recover() finished it first, by the same decision
            return True
        except psycopg.Error:
            self._discard(name)
            return False

    # --8<-- [end:vote]

    def _legs(
        self,
        transfer_id: str,
        source: tuple[str, str],
        target: tuple[str, str],
        amount_cents: int,
    ) -> list[Leg]:
        _check_id("transfer_id", transfer_id)
        if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
            raise TypeError(
                f"amount_cents must be an int, got {type(amount_cents).__name__}"
            )
        if amount_cents <= 0:
            raise ValueError(f"amount_cents must be positive, got {amount_cents}")
        for side, where in (("source", source), ("target", target)):
            if not (isinstance(where, tuple) and len(where) == 2):
                raise TypeError(f"{side} must be a (participant, account) tuple")
            if where[0] not in self._participants:
                known = ", ".join(sorted(self._participants))
                raise ValueError(
                    f"{side} participant {where[0]!r} is unknown; known: {known}"
                )
        if source[0] == target[0]:
            raise ValueError(
                f"source and target are both in {source[0]!r}:"
                " use one local transaction there, not two-phase commit"
            )
        return [
            Leg(source[0], source[1], -amount_cents),
            Leg(target[0], target[1], amount_cents),
        ]

    def _connection(self, name: str) -> psycopg.Connection:
        conn = self._conns.get(name)
        if conn is None or conn.closed:
            conn = self._conns[name] = _connect(self._participants[name])
        return conn

    def _discard(self, name: str) -> None:
        """Close a participant's session; the server rolls back what it did not prepare.

        psycopg cannot reuse a connection whose two-phase command failed, so the
        next transfer opens a new one.
        """
        conn = self._conns.pop(name, None)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        for name in list(self._conns):
            self._discard(name)
        self._log.close()

    def __enter__(self) -> TransferCoordinator:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# --8<-- [start:recover]
def recover(
    participants: Mapping[str, str],
    log: DecisionLog,
    *,
    older_than: timedelta = timedelta(0),
) -> list[Resolution]:
    """End every prepared transaction of ours in `participants` by its logged decision.

    No decision logged means abort (presumed abort), and recovery logs that
    abort before acting on it: a coordinator that was only slow then finds the
    abort when it tries to log its commit, and obeys it. Run on a timer, pass
    `older_than` longer than a transfer takes, or it aborts live transfers.
    """
    done = []
    for name, dsn in participants.items():
        with _connect(dsn, autocommit=True) as conn:
            now = conn.execute("SELECT now()").fetchone()[0]  # the server's clock
            for xid in conn.tpc_recover():  # reads pg_prepared_xacts
                # The view lists the whole server; only this database's can end here.
                if xid.format_id != FORMAT_ID or xid.database != conn.info.dbname:
                    continue
                if xid.prepared is not None and now - xid.prepared < older_than:
                    continue  # young: its coordinator may still be at work
                decision = log.record(xid.gtrid, Decision.ABORT)
                try:
                    if decision is Decision.COMMIT:
                        conn.tpc_commit(xid)
                    else:
                        conn.tpc_rollback(xid)
                except psycopg.errors.UndefinedObject:
                    continue  # the coordinator finished it in the meantime
                done.append(Resolution(name, xid.gtrid, decision))
    return done


# --8<-- [end:recover]


def _check_id(what: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    size = len(value.encode())
    if not 1 <= size <= MAX_ID_BYTES:
        raise ValueError(
            f"{what} must be 1 to {MAX_ID_BYTES} bytes in UTF-8, got {size}"
        )
