-- setup: schema.sql seed.sql
-- Paging through the ranking two users at a time. The client sends back the
-- (order_count, id) of the last row it saw; here those are literals, in an
-- application they are bound parameters.
-- The ranking sorts order_count DESC but id ASC: the directions differ.

-- Page 3, asked for after Barbara (2 orders, id 4). "Fewer orders, or as many
-- and a larger id" follows ORDER BY order_count DESC, id exactly.
-- --8<-- [start:keyset]
WITH ranking AS (
    SELECT u.id, u.name, COUNT(o.id) AS order_count
    FROM users AS u
    LEFT JOIN orders AS o ON o.user_id = u.id
    GROUP BY u.id
)
SELECT id, name, order_count
FROM ranking
WHERE order_count < 2 OR (order_count = 2 AND id > 4)
ORDER BY order_count DESC, id
LIMIT 2;
-- #> id | name     | order_count
-- #> ---+----------+------------
-- #> 6  | Margaret | 1
-- #> 5  | Ken      | 0
-- --8<-- [end:keyset]

-- The row-value shortcut compares both columns in one direction, so it
-- matches only an ORDER BY that sorts both the same way. Here it brings
-- Linus back (2 orders, id 3 < 4), shown on page 2 already, and pushes Ken
-- off the page.
-- --8<-- [start:row_value_trap]
WITH ranking AS (
    SELECT u.id, u.name, COUNT(o.id) AS order_count
    FROM users AS u
    LEFT JOIN orders AS o ON o.user_id = u.id
    GROUP BY u.id
)
SELECT id, name, order_count
FROM ranking
WHERE (order_count, id) < (2, 4)
ORDER BY order_count DESC, id
LIMIT 2;
-- #> id | name     | order_count
-- #> ---+----------+------------
-- #> 3  | Linus    | 2
-- #> 6  | Margaret | 1
-- --8<-- [end:row_value_trap]
