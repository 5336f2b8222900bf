-- setup: schema.sql seed.sql
-- "Users with fewer than two orders": the question where INNER JOIN lies.

-- INNER JOIN keeps only users that have at least one order, so Ken is gone.
-- --8<-- [start:inner]
SELECT u.name, COUNT(o.id) AS order_count
FROM users AS u
JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
HAVING COUNT(o.id) < 2
ORDER BY u.id;
-- #> name     | order_count
-- #> ---------+------------
-- #> Margaret | 1
-- --8<-- [end:inner]

-- LEFT JOIN keeps every user; the ones without orders get NULLs, counted as 0.
-- --8<-- [start:left]
SELECT u.name, COUNT(o.id) AS order_count
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
HAVING COUNT(o.id) < 2
ORDER BY u.id;
-- #> name     | order_count
-- #> ---------+------------
-- #> Ken      | 0
-- #> Margaret | 1
-- --8<-- [end:left]

-- A filter on the right table in WHERE runs after the join and throws away
-- the NULL rows: the LEFT JOIN quietly becomes an INNER JOIN again.
-- --8<-- [start:where_filter]
SELECT u.name, COUNT(o.id) AS paid_orders
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
WHERE o.status = 'paid'
GROUP BY u.id
HAVING COUNT(o.id) < 2
ORDER BY u.id;
-- #> name | paid_orders
-- #> -----+------------
-- --8<-- [end:where_filter]

-- Put the filter in ON: it decides which orders match, not which users stay.
-- --8<-- [start:on_filter]
SELECT u.name, COUNT(o.id) AS paid_orders
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id AND o.status = 'paid'
GROUP BY u.id
HAVING COUNT(o.id) < 2
ORDER BY u.id;
-- #> name     | paid_orders
-- #> ---------+------------
-- #> Ken      | 0
-- #> Margaret | 0
-- --8<-- [end:on_filter]
