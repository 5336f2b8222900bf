-- setup: schema.sql seed.sql
-- COUNT(*) counts rows; COUNT(o.id) counts non-NULL order ids.
-- After a LEFT JOIN, a user with no orders still has one row (with NULLs),
-- so COUNT(*) reports 1 for them.

-- --8<-- [start:count_star]
SELECT u.name,
       COUNT(*)    AS rows_in_group,
       COUNT(o.id) AS order_count
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
ORDER BY u.id;
-- #> name     | rows_in_group | order_count
-- #> ---------+---------------+------------
-- #> Ada      | 3             | 3
-- #> Grace    | 4             | 4
-- #> Linus    | 2             | 2
-- #> Barbara  | 2             | 2
-- #> Ken      | 1             | 0
-- #> Margaret | 1             | 1
-- --8<-- [end:count_star]
