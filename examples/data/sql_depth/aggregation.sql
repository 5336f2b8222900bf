-- setup: schema.sql seed.sql

-- WHERE filters rows before grouping; HAVING filters groups after.
-- --8<-- [start:having]
SELECT u.city, COUNT(o.id) AS paid_orders, SUM(o.total_cents) AS revenue_cents
FROM users AS u
JOIN orders AS o ON o.user_id = u.id
WHERE o.status = 'paid'
GROUP BY u.city
HAVING SUM(o.total_cents) > 5000
ORDER BY revenue_cents DESC, u.city;
-- #> city   | paid_orders | revenue_cents
-- #> -------+-------------+--------------
-- #> NYC    | 4           | 12549
-- #> London | 3           | 6800
-- --8<-- [end:having]

-- One pass, several conditional counts: FILTER (PostgreSQL, SQLite 3.30+)
-- and the portable CASE form (MySQL and MariaDB have no FILTER).
-- --8<-- [start:filter]
SELECT substr(placed_on, 1, 7) AS month,
       COUNT(*) AS all_orders,
       COUNT(*) FILTER (WHERE status = 'paid') AS paid,
       SUM(total_cents) FILTER (WHERE status = 'paid') AS paid_cents,
       SUM(CASE WHEN status <> 'paid' THEN 1 ELSE 0 END) AS not_paid
FROM orders
GROUP BY month
ORDER BY month;
-- #> month   | all_orders | paid | paid_cents | not_paid
-- #> --------+------------+------+------------+---------
-- #> 2024-04 | 4          | 3    | 8749       | 1
-- #> 2024-05 | 5          | 4    | 10600      | 1
-- --8<-- [end:filter]
