-- setup: schema.sql seed.sql
-- The three users with the most orders, users with no orders included.

-- --8<-- [start:top_customers]
SELECT u.id,
       u.name,
       COUNT(o.id) AS order_count       -- counts matched orders; NULL rows add 0
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id                           -- the key: two users may share a name
ORDER BY order_count DESC, u.id         -- u.id breaks ties, so the order is total
LIMIT 3;
-- #> id | name  | order_count
-- #> ---+-------+------------
-- #> 2  | Grace | 4
-- #> 1  | Ada   | 3
-- #> 3  | Linus | 2
-- --8<-- [end:top_customers]

-- Without the LIMIT you see the whole ranking, Ken's 0 included.
-- --8<-- [start:full_ranking]
SELECT u.name, COUNT(o.id) AS order_count
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
ORDER BY order_count DESC, u.id;
-- #> name     | order_count
-- #> ---------+------------
-- #> Grace    | 4
-- #> Ada      | 3
-- #> Linus    | 2
-- #> Barbara  | 2
-- #> Margaret | 1
-- #> Ken      | 0
-- --8<-- [end:full_ranking]
