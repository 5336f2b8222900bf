"""The message store: per-conversation sequence numbers, deduplication, cursors.

SQLite stands in for the production store (PostgreSQL, or Cassandra-style
wide rows partitioned by conversation). One file may be opened by several
server instances at once: every write runs in `BEGIN IMMEDIATE`, so SQLite
hands out its one write lock in turn and two senders never draw the same
number.

Receipts are cursors, not rows per message: a member's `delivered_seq` and
`read_seq` say "everything up to here". A message's state for a recipient
follows from comparing its seq with theirs, and the delivered cursor is also
where offline delivery resumes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from examples.system_design.chat.protocol import (
    ACK_STATES,
    MAX_BODY_CHARS,
    Message,
    check_id,
)
from examples.system_design.chat.tokens import check_user_id

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversation (
    id       TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS member (
    conversation_id TEXT NOT NULL REFERENCES conversation (id),
    user_id         TEXT NOT NULL,
    delivered_seq   INTEGER NOT NULL DEFAULT 0,
    read_seq        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX IF NOT EXISTS member_by_user ON member (user_id);
CREATE TABLE IF NOT EXISTS message (
    conversation_id TEXT NOT NULL REFERENCES conversation (id),
    seq             INTEGER NOT NULL,
    sender_id       TEXT NOT NULL,
    client_msg_id   TEXT NOT NULL,
    body            TEXT NOT NULL,
    sent_at_ms      INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    UNIQUE (conversation_id, sender_id, client_msg_id)
);
"""
BUSY_TIMEOUT_MS = 5_000  # wait this long for another writer's lock, then fail
MAX_MEMBERS = 1_000


class ChatError(ValueError):
    """A request the store refuses: the message is safe to show the client."""


class NotAMember(ChatError):
    pass


class MessageStore:
    """One SQLite connection; use it from one thread at a time."""

    def __init__(
        self,
        path: str | Path,
        clock: Callable[[], float] = time.time,
        *,
        durable: bool = True,
    ) -> None:
        self._clock = clock
        self._db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode = WAL")
        # FULL: every commit is fsynced before "sent" goes back. NORMAL (in WAL
        # mode) survives a crash of the process but may lose the last commits
        # to a power cut: the benchmark measures what the fsync costs.
        self._db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MessageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds SQLite's write lock from its start."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def create_conversation(self, conversation: str, members: Iterable[str]) -> None:
        try:
            check_id("conversation", conversation)
            people = sorted({check_user_id(m) for m in members})
        except ValueError as error:
            raise ChatError(str(error)) from None
        if not 2 <= len(people) <= MAX_MEMBERS:
            raise ChatError(f"a conversation needs 2 to {MAX_MEMBERS} members")
        with self._write() as db:
            try:
                db.execute("INSERT INTO conversation (id) VALUES (?)", (conversation,))
            except sqlite3.IntegrityError:
                raise ChatError(f"conversation {conversation} exists") from None
            db.executemany(
                "INSERT INTO member (conversation_id, user_id) VALUES (?, ?)",
                [(conversation, person) for person in people],
            )

    def members(self, conversation: str) -> list[str]:
        rows = self._db.execute(
            "SELECT user_id FROM member WHERE conversation_id = ? ORDER BY user_id",
            (conversation,),
        ).fetchall()
        return [user for (user,) in rows]

    def _require_member(self, conversation: str, user: str) -> None:
        row = self._db.execute(
            "SELECT 1 FROM member WHERE conversation_id = ? AND user_id = ?",
            (conversation, user),
        ).fetchone()
        if row is None:
            raise NotAMember(f"{user} is not a member of {conversation}")

    # --8<-- [start:append]
    def append(
        self, conversation: str, sender: str, client_msg_id: str, body: str
    ) -> tuple[Message, bool]:
        """Store a message: (it, True) if new, (the stored one, False) if resent."""
        if not body.strip() or len(body) > MAX_BODY_CHARS:
            raise ChatError(f"body must be 1 to {MAX_BODY_CHARS} characters")
        with self._write() as db:
            self._require_member(conversation, sender)
            row = db.execute(
                "SELECT seq, body, sent_at_ms FROM message WHERE conversation_id = ?"
                " AND sender_id = ? AND client_msg_id = ?",
                (conversation, sender, client_msg_id),
            ).fetchone()
            if row is not None:  # a retry of a send that already succeeded
                seq, stored_body, sent_at = row
                return (
                    Message(
                        conversation, seq, sender, client_msg_id, stored_body, sent_at
                    ),
                    False,
                )
            (seq,) = db.execute(
                "UPDATE conversation SET last_seq = last_seq + 1 WHERE id = ?"
                " RETURNING last_seq",
                (conversation,),
            ).fetchone()
            sent_at = int(self._clock() * 1000)
            db.execute(
                "INSERT INTO message (conversation_id, seq, sender_id, client_msg_id,"
                " body, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                (conversation, seq, sender, client_msg_id, body, sent_at),
            )
            # The sender holds what they wrote: if they held everything before
            # it, their cursor moves too, and their own ack costs no write.
            db.execute(
                "UPDATE member SET delivered_seq = ? WHERE conversation_id = ?"
                " AND user_id = ? AND delivered_seq = ? - 1",
                (seq, conversation, sender, seq),
            )
        return Message(conversation, seq, sender, client_msg_id, body, sent_at), True

    # --8<-- [end:append]

    def after(
        self, conversation: str, user: str, after_seq: int, limit: int = 100
    ) -> list[Message]:
        """Messages with seq > after_seq, oldest first, for a member."""
        if after_seq < 0 or not 1 <= limit <= 1_000:
            raise ChatError("after must be >= 0 and limit 1 to 1000")
        self._require_member(conversation, user)
        rows = self._db.execute(
            "SELECT seq, sender_id, client_msg_id, body, sent_at_ms FROM message"
            " WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (conversation, after_seq, limit),
        ).fetchall()
        return [Message(conversation, *row) for row in rows]

    # --8<-- [start:ack]
    def ack(self, conversation: str, user: str, seq: int, state: str) -> bool:
        """Move a cursor forward; False if it was already there (a resent ack)."""
        if state not in ACK_STATES:
            raise ChatError("state must be 'delivered' or 'read'")
        with self._write() as db:
            self._require_member(conversation, user)
            (last,) = db.execute(
                "SELECT last_seq FROM conversation WHERE id = ?", (conversation,)
            ).fetchone()
            if not 1 <= seq <= last:
                raise ChatError(f"seq {seq} is not in {conversation} (1..{last})")
            # Reading a message implies it arrived; cursors never move back.
            read = seq if state == "read" else 0
            moved = db.execute(
                "UPDATE member SET delivered_seq = max(delivered_seq, ?),"
                " read_seq = max(read_seq, ?) WHERE conversation_id = ?"
                " AND user_id = ? AND (delivered_seq < ? OR read_seq < ?)",
                (seq, read, conversation, user, seq, read),
            ).rowcount
        return moved == 1

    # --8<-- [end:ack]

    def cursors(self, user: str) -> dict[str, tuple[int, int]]:
        """For each of the user's conversations: (delivered_seq, last_seq)."""
        rows = self._db.execute(
            "SELECT m.conversation_id, m.delivered_seq, c.last_seq FROM member m"
            " JOIN conversation c ON c.id = m.conversation_id WHERE m.user_id = ?"
            " ORDER BY m.conversation_id",
            (user,),
        ).fetchall()
        return {conversation: (done, last) for conversation, done, last in rows}

    def receipts(self, conversation: str, seq: int) -> dict[str, str]:
        """The state of message `seq` for each recipient: sent, delivered or read."""
        row = self._db.execute(
            "SELECT sender_id FROM message WHERE conversation_id = ? AND seq = ?",
            (conversation, seq),
        ).fetchone()
        if row is None:
            raise ChatError(f"no message {seq} in {conversation}")
        rows = self._db.execute(
            "SELECT user_id, delivered_seq, read_seq FROM member"
            " WHERE conversation_id = ? AND user_id != ? ORDER BY user_id",
            (conversation, row[0]),
        ).fetchall()
        return {
            user: "read" if read >= seq else "delivered" if done >= seq else "sent"
            for user, done, read in rows
        }

    def contacts(self, user: str) -> dict[str, list[str]]:
        """The members of each of the user's conversations (for presence)."""
        return {c: self.members(c) for c in self.cursors(user)}
