-- setup: schema.sql seed.sql
-- The "spend instead of count" exercise: paid spend per user, in cents.
-- Formatting cents as dollars belongs to the edge (the API or the UI).

-- --8<-- [start:spend]
SELECT u.id,
       u.name,
       COALESCE(SUM(o.total_cents), 0) AS paid_cents  -- the sum of no rows is NULL
FROM users AS u
LEFT JOIN orders AS o
       ON o.user_id = u.id AND o.status = 'paid'    -- in ON, so Margaret and Ken stay
GROUP BY u.id
ORDER BY paid_cents DESC, u.id;
-- #> id | name     | paid_cents
-- #> ---+----------+-----------
-- #> 2  | Grace    | 7954
-- #> 1  | Ada      | 3850
-- #> 4  | Barbara  | 3400
-- #> 3  | Linus    | 2849
-- #> 5  | Ken      | 0
-- #> 6  | Margaret | 0
-- --8<-- [end:spend]

-- With every column it reads in one index, SQLite never touches the table.
-- --8<-- [start:covering]
CREATE INDEX orders_user_status_total_idx ON orders (user_id, status, total_cents);

EXPLAIN QUERY PLAN
SELECT u.id, u.name, COALESCE(SUM(o.total_cents), 0) AS paid_cents
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id AND o.status = 'paid'
GROUP BY u.id
ORDER BY paid_cents DESC, u.id;
-- #> QUERY PLAN
-- #> |--SCAN u
-- #> |--SEARCH o USING COVERING INDEX orders_user_status_total_idx (user_id=? AND status=?) LEFT-JOIN
-- #> `--USE TEMP B-TREE FOR ORDER BY
-- --8<-- [end:covering]
