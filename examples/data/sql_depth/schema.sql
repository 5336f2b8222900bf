-- One small shop, used by every join, aggregate and window query on the page.
-- It extends the users/orders pair from ../sql_most_orders with two tables
-- that make the rarer joins worth writing:
--   users.referred_by  -> a self join (who brought whom)
--   payments           -> rows imported from a payment provider; order_id has
--                         no foreign key because the provider can send a
--                         payment for an order we never stored. Reconciling
--                         the two sides is what FULL OUTER JOIN is for.

-- --8<-- [start:schema]
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    city        TEXT    NOT NULL,
    referred_by INTEGER REFERENCES users (id)  -- NULL: signed up on their own
) STRICT;

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    status      TEXT    NOT NULL CHECK (status IN ('paid', 'refunded', 'pending')),
    placed_on   TEXT    NOT NULL  -- ISO date, e.g. '2024-04-01'
) STRICT;

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL,  -- no REFERENCES: imported as the provider sent it
    amount_cents INTEGER NOT NULL
) STRICT;
-- --8<-- [end:schema]
