-- Two tables: users, and the orders they place.
-- STRICT makes SQLite enforce the declared column types (SQLite 3.37+);
-- on PostgreSQL you get that for free.

-- --8<-- [start:schema]
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email      TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL  -- ISO-8601 UTC, e.g. '2024-01-05T09:00:00Z'
) STRICT;

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    -- RESTRICT: deleting a user who has orders is an error, not a silent cascade.
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    -- Money is an integer number of cents: exact, unlike a float.
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    status      TEXT    NOT NULL CHECK (status IN ('paid', 'refunded')),
    placed_at   TEXT    NOT NULL
) STRICT;
-- --8<-- [end:schema]
