-- setup: many_orders.sql
-- Read the plan before and after each index. SCAN reads the whole table;
-- SEARCH walks down a B-tree to the matching entries.

-- --8<-- [start:before]
EXPLAIN QUERY PLAN
SELECT id, total_cents FROM orders WHERE user_id = 42;
-- #> QUERY PLAN
-- #> `--SCAN orders
-- --8<-- [end:before]

-- A composite index: entries sorted by user_id, then by placed_on within it.
-- --8<-- [start:composite]
CREATE INDEX orders_user_placed ON orders (user_id, placed_on);

EXPLAIN QUERY PLAN
SELECT id, total_cents FROM orders WHERE user_id = 42;
-- #> QUERY PLAN
-- #> `--SEARCH orders USING INDEX orders_user_placed (user_id=?)

EXPLAIN QUERY PLAN
SELECT id, total_cents FROM orders
WHERE user_id = 42 AND placed_on >= '2024-06-01';
-- #> QUERY PLAN
-- #> `--SEARCH orders USING INDEX orders_user_placed (user_id=? AND placed_on>?)
-- --8<-- [end:composite]

-- Leftmost prefix: placed_on alone is the second column, so the index is
-- sorted the wrong way for this filter. SQLite still reads the index instead
-- of the wider table, but it reads ALL of it: SCAN, not SEARCH.
-- --8<-- [start:leftmost]
EXPLAIN QUERY PLAN
SELECT id FROM orders WHERE placed_on = '2024-06-01';
-- #> QUERY PLAN
-- #> `--SCAN orders USING COVERING INDEX orders_user_placed
-- --8<-- [end:leftmost]

-- Covering: every column the query needs is in the index, so the table is
-- never read. (SQLite has no INCLUDE; put the extra column in the key.)
-- --8<-- [start:covering]
EXPLAIN QUERY PLAN
SELECT placed_on FROM orders WHERE user_id = 42;
-- #> QUERY PLAN
-- #> `--SEARCH orders USING COVERING INDEX orders_user_placed (user_id=?)
-- --8<-- [end:covering]

-- Partial: index only the 1% of rows a hot query asks for.
-- --8<-- [start:partial]
CREATE INDEX orders_pending ON orders (placed_on) WHERE status = 'pending';

EXPLAIN QUERY PLAN
SELECT id FROM orders WHERE status = 'pending' AND placed_on < '2024-02-01';
-- #> QUERY PLAN
-- #> `--SEARCH orders USING INDEX orders_pending (placed_on<?)

EXPLAIN QUERY PLAN
SELECT id FROM orders WHERE status = 'paid' AND placed_on < '2024-02-01';
-- #> QUERY PLAN
-- #> `--SCAN orders
-- --8<-- [end:partial]
