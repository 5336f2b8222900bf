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
    SELECT id, name, order_count,
           RANK() OVER (ORDER BY order_count DESC) AS place
    FROM counts
)
SELECT place, name, order_count
FROM ranked
WHERE place <= 3
ORDER BY place, id;  -- id, not name: the display order must be total too
-- #> place | name    | order_count
-- #> ------+---------+------------
-- #> 1     | Grace   | 4
-- #> 2     | Ada     | 3
-- #> 3     | Linus   | 2
-- #> 3     | Barbara | 2
-- --8<-- [end:rank]

-- The three numberings side by side over the whole ranking. ROW_NUMBER gets the
-- same tie-break as the LIMIT query (u.id); without it, which of Linus and
-- Barbara is 3rd would be up to the engine.
-- --8<-- [start:all_three]
WITH counts AS (
    SELECT u.id, u.name, COUNT(o.id) AS order_count
    FROM users AS u
    LEFT JOIN orders AS o ON o.user_id = u.id
    GROUP BY u.id
)
SELECT name, order_count,
       RANK()       OVER (ORDER BY order_count DESC)     AS ranked,
       DENSE_RANK() OVER (ORDER BY order_count DESC)     AS dense,
       ROW_NUMBER() OVER (ORDER BY order_count DESC, id) AS numbered
FROM counts
ORDER BY order_count DESC, id;
-- #> name     | order_count | ranked | dense | numbered
-- #> ---------+-------------+--------+-------+---------
-- #> Grace    | 4           | 1      | 1     | 1
-- #> Ada      | 3           | 2      | 2     | 2
-- #> Linus    | 2           | 3      | 3     | 3
-- #> Barbara  | 2           | 3      | 3     | 4
-- #> Margaret | 1           | 5      | 4     | 5
-- #> Ken      | 0           | 6      | 5     | 6
-- --8<-- [end:all_three]
