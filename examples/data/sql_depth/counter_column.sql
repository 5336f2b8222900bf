-- setup: schema.sql seed.sql
-- Denormalizing on purpose: a read-heavy profile page shows the order count
-- on every view, so store it on the user instead of counting each time.
-- Triggers keep it right on inserts and deletes. A path they miss (an order
-- moved to another user, a load run with triggers disabled) or a bug leaves
-- it wrong, so you also need a recount query.

-- --8<-- [start:counter]
ALTER TABLE users ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0;

UPDATE users
SET order_count = (SELECT COUNT(*) FROM orders AS o WHERE o.user_id = users.id);

CREATE TRIGGER orders_count_insert AFTER INSERT ON orders
BEGIN
    UPDATE users SET order_count = order_count + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER orders_count_delete AFTER DELETE ON orders
BEGIN
    UPDATE users SET order_count = order_count - 1 WHERE id = OLD.user_id;
END;
-- --8<-- [end:counter]

-- --8<-- [start:counter_use]
INSERT INTO orders (id, user_id, total_cents, status, placed_on)
VALUES (10, 5, 1500, 'paid', '2024-05-10');
DELETE FROM orders WHERE id = 9;

SELECT name, order_count FROM users ORDER BY id;
-- #> name    | order_count
-- #> --------+------------
-- #> Ada     | 2
-- #> Grace   | 3
-- #> Linus   | 2
-- #> Barbara | 1
-- #> Ken     | 1
-- --8<-- [end:counter_use]

-- The drift check to run on a schedule: rows where the copy disagrees
-- with the source of truth. Here a user was reassigned by an UPDATE, which
-- no trigger above handles.
-- --8<-- [start:drift]
UPDATE orders SET user_id = 1 WHERE id = 8;

SELECT u.name, u.order_count AS stored, COUNT(o.id) AS actual
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
HAVING u.order_count <> COUNT(o.id)
ORDER BY u.id;
-- #> name  | stored | actual
-- #> ------+--------+-------
-- #> Ada   | 2      | 3
-- #> Linus | 2      | 1
-- --8<-- [end:drift]
