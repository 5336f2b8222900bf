"""The payment service's tables on PostgreSQL, with the rules the database enforces.

Ledger: accounts, journal entries and their postings. Postings are signed
integers of minor units; each entry's postings sum to zero per currency,
checked by a deferred constraint trigger at COMMIT; an account's balance is
derived from its postings by a trigger and may be changed no other way; an
account's id, currency and allow_negative never change; entries and postings
are never updated, deleted or truncated (a correction is a new entry), and a
posting may join only an entry its own transaction created.

These triggers stop mistakes, not a hostile session: the table owner (or a
superuser) can disable triggers. Production adds roles: an owner that holds
the tables and functions, and an app role granted only SELECT and INSERT.

Payments: each row's status changes only along the state machine, which a
trigger checks against a table filled from states.TRANSITIONS. Idempotency
keys hold the request's fingerprint and the stored response until it expires;
processor events hold every webhook event id already handled.
"""

from __future__ import annotations

import psycopg

from examples.system_design.payments.states import TRANSITIONS

# --8<-- [start:ledger]
LEDGER = """
CREATE TABLE accounts (
    id             text PRIMARY KEY,
    currency       char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    allow_negative boolean NOT NULL DEFAULT false,
    balance        bigint NOT NULL DEFAULT 0,  -- kept by the postings trigger
    CONSTRAINT no_overdraft CHECK (allow_negative OR balance >= 0),
    UNIQUE (id, currency)
);
CREATE TABLE journal_entries (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text NOT NULL,  -- transfer, charge, refund
    reference  text NOT NULL,  -- the transfer's or the payment's id
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by xid8 NOT NULL DEFAULT pg_current_xact_id(),  -- set by a trigger
    UNIQUE (kind, reference)   -- one charge per payment, even if asked twice
);
CREATE TABLE postings (
    entry_id   bigint NOT NULL REFERENCES journal_entries (id),
    account_id text NOT NULL,
    currency   char(3) NOT NULL,
    amount     bigint NOT NULL CHECK (amount <> 0),  -- minor units, signed
    PRIMARY KEY (entry_id, account_id),
    FOREIGN KEY (account_id, currency) REFERENCES accounts (id, currency)
);
CREATE INDEX postings_by_account ON postings (account_id);

-- Every entry balances, per currency; checked once the whole entry is in.
CREATE FUNCTION entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    off record;
BEGIN
    SELECT currency, sum(amount) AS total INTO off FROM postings
     WHERE entry_id = NEW.entry_id GROUP BY currency HAVING sum(amount) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'entry % does not balance: % postings sum to %',
            NEW.entry_id, off.currency, off.total USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER postings_balance AFTER INSERT ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION entry_must_balance();

-- A committed entry is closed: postings join only an entry of this transaction.
CREATE FUNCTION stamp_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_by := pg_current_xact_id();  -- the top-level transaction
    RETURN NEW;
END $$;
CREATE TRIGGER entries_stamp BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION stamp_entry();
CREATE FUNCTION entry_must_be_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM journal_entries WHERE id = NEW.entry_id
                   AND created_by = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'entry % is closed: post a new entry', NEW.entry_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER postings_join_open_entries BEFORE INSERT ON postings
    FOR EACH ROW EXECUTE FUNCTION entry_must_be_open();

CREATE FUNCTION entry_needs_two_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM postings WHERE entry_id = NEW.id) < 2 THEN
        RAISE EXCEPTION 'entry % has fewer than two postings', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER entries_have_postings AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION entry_needs_two_postings();

-- The balance is derived: each posting adds its amount, nothing else may.
CREATE FUNCTION apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
    RETURN NULL;
END $$;
CREATE TRIGGER postings_move_balances AFTER INSERT ON postings
    FOR EACH ROW EXECUTE FUNCTION apply_posting();

CREATE FUNCTION balance_only_from_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.balance <> 0
       OR TG_OP = 'UPDATE' AND NEW.balance <> OLD.balance
          AND pg_trigger_depth() < 2 THEN  -- depth 2: called by apply_posting
        RAISE EXCEPTION 'a balance changes only through postings'
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.id, NEW.currency, NEW.allow_negative)
                 IS DISTINCT FROM (OLD.id, OLD.currency, OLD.allow_negative) THEN
        RAISE EXCEPTION 'an account''s id, currency and allow_negative are fixed'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_guard_balance BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION balance_only_from_postings();

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: post a correcting entry', TG_TABLE_NAME
        USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION append_only();
-- Row triggers do not fire for TRUNCATE: statement triggers do.
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION append_only();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION append_only();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION append_only();
"""
# --8<-- [end:ledger]

# --8<-- [start:payments]
PAYMENTS = """
CREATE TABLE payment_transitions (
    from_status text NOT NULL,
    to_status   text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
CREATE TABLE payments (
    id             uuid PRIMARY KEY,
    merchant_id    text NOT NULL,
    amount         bigint NOT NULL CHECK (amount > 0),
    currency       char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method text NOT NULL,   -- the processor's token, never a card number
    status         text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded',
                                     'needs_review')),
    decline_code   text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION status_follows_machine() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NOT EXISTS (SELECT FROM payment_transitions
         WHERE from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'a % payment cannot become %', OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER payments_status_machine BEFORE UPDATE OF status ON payments
    FOR EACH ROW EXECUTE FUNCTION status_follows_machine();

CREATE TABLE idempotency_keys (
    merchant_id     text NOT NULL,  -- keys are scoped by caller
    key             text NOT NULL,
    fingerprint     bytea NOT NULL, -- SHA-256 of method, path and body
    payment_id      uuid NOT NULL REFERENCES payments (id)
                    DEFERRABLE INITIALLY DEFERRED,  -- the key row goes in first
    locked_until    timestamptz,    -- set while a request works on it
    response_status smallint,       -- null until the request finished
    response_body   jsonb,
    expires_at      timestamptz,    -- set with the response; then a new request
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, key)
);
CREATE TABLE processor_events (
    event_id    text PRIMARY KEY,   -- the processor's id: the dedupe key
    payment_id  uuid NOT NULL,
    status      text NOT NULL,      -- what the event said
    outcome     text NOT NULL,      -- applied, stale or refused
    received_at timestamptz NOT NULL DEFAULT now()
);
"""
# --8<-- [end:payments]


def create_schema(conn: psycopg.Connection) -> None:
    """Create every table, trigger and rule above in the session's schema."""
    with conn.transaction():
        conn.execute(LEDGER)
        conn.execute(PAYMENTS)
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO payment_transitions VALUES (%s, %s)",
                [(a, b) for a, nexts in TRANSITIONS.items() for b in sorted(nexts)],
            )
