"""The metadata tables on PostgreSQL: accounts, chunks, files, versions, journal.

Bytes live in object storage; these tables say which chunks make which
version of which file, how many references keep each chunk alive, and what
changed in an account, in order, for its other devices.
"""

from __future__ import annotations

import psycopg

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE accounts (
    id          bigint PRIMARY KEY,
    journal_seq bigint NOT NULL DEFAULT 0  -- last change number handed out
);
CREATE TABLE chunks (  -- deduplicated per account: no cross-user side channel
    account_id  bigint NOT NULL REFERENCES accounts,
    hash        bytea NOT NULL CHECK (octet_length(hash) = 32),  -- SHA-256
    size        integer NOT NULL CHECK (size > 0),
    blob_key    text NOT NULL UNIQUE,          -- where object storage keeps it
    refs        integer NOT NULL DEFAULT 0 CHECK (refs >= 0),
    zero_since  timestamptz DEFAULT now(),     -- unreferenced since; GC clock
    PRIMARY KEY (account_id, hash)
);
CREATE TABLE files (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts,
    path         text NOT NULL CHECK (path <> ''),
    head_version integer NOT NULL,             -- the compare-and-set target
    deleted      boolean NOT NULL DEFAULT false,
    UNIQUE (account_id, path)
);
CREATE TABLE versions (
    file_id  bigint NOT NULL REFERENCES files,
    version  integer NOT NULL,
    size     bigint NOT NULL,
    device   text NOT NULL,
    PRIMARY KEY (file_id, version)
);
CREATE TABLE version_chunks (  -- a version's chunk list, in file order
    file_id    bigint NOT NULL,
    version    integer NOT NULL,
    position   integer NOT NULL,
    account_id bigint NOT NULL,
    hash       bytea NOT NULL,
    PRIMARY KEY (file_id, version, position),
    FOREIGN KEY (file_id, version) REFERENCES versions ON DELETE CASCADE,
    FOREIGN KEY (account_id, hash) REFERENCES chunks
);
-- Deleting a chunk row checks no version uses it; this index makes that fast.
CREATE INDEX ON version_chunks (account_id, hash);
CREATE TABLE journal (  -- one row per committed change, numbered per account
    account_id bigint NOT NULL REFERENCES accounts,
    seq        bigint NOT NULL,
    path       text NOT NULL,
    version    integer NOT NULL,
    op         text NOT NULL CHECK (op IN ('put', 'delete')),
    conflict   boolean NOT NULL DEFAULT false,  -- saved as a conflicted copy
    idempotency_key text,                       -- a retry replays this row
    request    bytea,                           -- hash of what the key asked
    PRIMARY KEY (account_id, seq),
    UNIQUE (account_id, idempotency_key)
);
CREATE TABLE devices (  -- how far each device has read its account's journal
    account_id bigint NOT NULL REFERENCES accounts,
    device     text NOT NULL,
    cursor     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, device)
);
"""
# --8<-- [end:schema]


def create_schema(conn: psycopg.Connection) -> None:
    """Create the tables in the session's schema (one transaction)."""
    with conn.transaction():
        conn.execute(SCHEMA)


def create_account(conn: psycopg.Connection, account_id: int) -> None:
    conn.execute("INSERT INTO accounts (id) VALUES (%s)", (account_id,))
