-- setup: schema.sql seed.sql
-- LIMIT 3 cuts Linus and Barbara apart although both have 2 orders.
-- If the business question is "the top 3 counts, ties included", rank first.

-- --8<-- [start:rank]
WITH counts AS (
    SELECT u.id, u.name, COUNT(o.id) AS order_count
    FROM users AS u
    LEFT JOIN orders AS o ON o.user_id = u.id
    GROUP BY u.id
),
ranked AS (
    SELECT name, order_count,
           RANK() OVER (ORDER BY order_count DESC) AS place
    FROM counts
)
SELECT place, name, order_count
FROM ranked
WHERE place <= 3
ORDER BY place, name;
-- #> place | name    | order_count
-- #> ------+---------+------------
-- #> 1     | Grace   | 4
-- #> 2     | Ada     | 3
-- #> 3     | Barbara | 2
-- #> 3     | Linus   | 2
-- --8<-- [end:rank]
