-- setup: schema.sql seed.sql
-- How SQLite finds one user's orders, before and after an index on user_id.
-- With no ANALYZE statistics, SQLite plans 12 rows the way it plans 12 million.

-- Before: no index on orders.user_id, so SQLite reads every order.
-- --8<-- [start:before]
EXPLAIN QUERY PLAN
SELECT id, total_cents FROM orders WHERE user_id = 2;
-- #> QUERY PLAN
-- #> `--SCAN orders
-- --8<-- [end:before]

-- The ranking query: SQLite builds a throwaway index on every run
-- (AUTOMATIC COVERING INDEX), a hint that a real one is missing.
-- --8<-- [start:before_join]
EXPLAIN QUERY PLAN
SELECT u.name, COUNT(o.id) AS order_count
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
ORDER BY order_count DESC, u.id
LIMIT 3;
-- #> QUERY PLAN
-- #> |--SCAN u
-- #> |--SEARCH o USING AUTOMATIC COVERING INDEX (user_id=?) LEFT-JOIN
-- #> `--USE TEMP B-TREE FOR ORDER BY
-- --8<-- [end:before_join]

-- --8<-- [start:create_index]
CREATE INDEX orders_user_id_idx ON orders (user_id);
-- --8<-- [end:create_index]

-- After: SEARCH jumps to user 2's entries in the index, then fetches the
-- row for total_cents, which the index does not hold.
-- --8<-- [start:after]
EXPLAIN QUERY PLAN
SELECT id, total_cents FROM orders WHERE user_id = 2;
-- #> QUERY PLAN
-- #> `--SEARCH orders USING INDEX orders_user_id_idx (user_id=?)
-- --8<-- [end:after]

-- Counting needs only user_id (and the rowid, which every SQLite index
-- carries), so the index alone answers it: COVERING INDEX, no table reads.
-- --8<-- [start:after_count]
EXPLAIN QUERY PLAN
SELECT COUNT(*) FROM orders WHERE user_id = 2;
-- #> QUERY PLAN
-- #> `--SEARCH orders USING COVERING INDEX orders_user_id_idx (user_id=?)
-- --8<-- [end:after_count]

-- --8<-- [start:after_join]
EXPLAIN QUERY PLAN
SELECT u.name, COUNT(o.id) AS order_count
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
ORDER BY order_count DESC, u.id
LIMIT 3;
-- #> QUERY PLAN
-- #> |--SCAN u
-- #> |--SEARCH o USING COVERING INDEX orders_user_id_idx (user_id=?) LEFT-JOIN
-- #> `--USE TEMP B-TREE FOR ORDER BY
-- --8<-- [end:after_join]
