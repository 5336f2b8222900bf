-- setup: schema.sql seed.sql
-- Every kind of join on the same five users, nine orders and nine payments.

-- INNER JOIN: only pairs that match. Ken has no orders, so Ken is gone.
-- --8<-- [start:inner]
SELECT u.name, COUNT(*) AS orders
FROM users AS u
JOIN orders AS o ON o.user_id = u.id
GROUP BY u.id
ORDER BY u.id;
-- #> name    | orders
-- #> --------+-------
-- #> Ada     | 2
-- #> Grace   | 3
-- #> Linus   | 2
-- #> Barbara | 2
-- --8<-- [end:inner]

-- LEFT JOIN: every user, matched or not. The sum of no rows is NULL, hence COALESCE.
-- --8<-- [start:left]
SELECT u.name, COUNT(o.id) AS orders, COALESCE(SUM(o.total_cents), 0) AS spent_cents
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id AND o.status = 'paid'
GROUP BY u.id
ORDER BY u.id;
-- #> name    | orders | spent_cents
-- #> --------+--------+------------
-- #> Ada     | 2      | 3500
-- #> Grace   | 3      | 10499
-- #> Linus   | 1      | 2050
-- #> Barbara | 1      | 3300
-- #> Ken     | 0      | 0
-- --8<-- [end:left]

-- RIGHT JOIN: every row of the right-hand table (payments), with its order if
-- one exists; the WHERE keeps payments with no paid order behind them. It is
-- `payments LEFT JOIN orders` written the other way round; most teams write
-- LEFT JOIN only, so queries read one way.
-- --8<-- [start:right]
SELECT p.id AS payment, p.order_id, o.status
FROM orders AS o
RIGHT JOIN payments AS p ON p.order_id = o.id
WHERE o.id IS NULL OR o.status <> 'paid'
ORDER BY p.id;
-- #> payment | order_id | status
-- #> --------+----------+---------
-- #> 105     | 99       | NULL
-- #> 109     | 4        | refunded
-- --8<-- [end:right]

-- FULL OUTER JOIN: both sides, matched where possible. Reconciliation keeps
-- only the rows where the two systems disagree: a side missing, amounts that
-- differ, or money taken for an order that is not (or no longer) paid. Every
-- row the WHERE keeps gets a label; none is left NULL.
-- --8<-- [start:full]
SELECT o.id AS order_id, o.total_cents, p.id AS payment, p.amount_cents,
       CASE
           WHEN p.id IS NULL THEN 'order never paid'
           WHEN o.id IS NULL THEN 'payment for unknown order'
           WHEN p.amount_cents <> o.total_cents THEN 'amounts differ'
           WHEN o.status = 'refunded' THEN 'paid, then refunded'
           ELSE 'paid, order not marked paid'
       END AS problem
FROM orders AS o
FULL OUTER JOIN payments AS p ON p.order_id = o.id
WHERE p.id IS NULL OR o.id IS NULL
   OR p.amount_cents <> o.total_cents OR o.status <> 'paid'
ORDER BY o.id IS NULL, o.id, p.id;
-- #> order_id | total_cents | payment | amount_cents | problem
-- #> ---------+-------------+---------+--------------+--------------------------
-- #> 4        | 799         | 109     | 799          | paid, then refunded
-- #> 9        | 100         | NULL    | NULL         | order never paid
-- #> NULL     | NULL        | 105     | 700          | payment for unknown order
-- --8<-- [end:full]

-- Without FULL OUTER JOIN (MySQL, MariaDB): the LEFT JOIN gives every order
-- with its payments, UNION ALL adds the payments no order matches (an anti
-- join). Same rows as above.
-- --8<-- [start:full_emulated]
SELECT * FROM (
    SELECT o.id AS order_id, o.total_cents, p.id AS payment, p.amount_cents,
           CASE
               WHEN p.id IS NULL THEN 'order never paid'
               WHEN p.amount_cents <> o.total_cents THEN 'amounts differ'
               WHEN o.status = 'refunded' THEN 'paid, then refunded'
               ELSE 'paid, order not marked paid'
           END AS problem
    FROM orders AS o
    LEFT JOIN payments AS p ON p.order_id = o.id
    WHERE p.id IS NULL OR p.amount_cents <> o.total_cents OR o.status <> 'paid'
    UNION ALL
    SELECT NULL, NULL, p.id, p.amount_cents, 'payment for unknown order'
    FROM payments AS p
    WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.id = p.order_id)
) AS problems
ORDER BY order_id IS NULL, order_id, payment;
-- #> order_id | total_cents | payment | amount_cents | problem
-- #> ---------+-------------+---------+--------------+--------------------------
-- #> 4        | 799         | 109     | 799          | paid, then refunded
-- #> 9        | 100         | NULL    | NULL         | order never paid
-- #> NULL     | NULL        | 105     | 700          | payment for unknown order
-- --8<-- [end:full_emulated]

-- CROSS JOIN: every user with every month, so a month with no orders shows 0
-- instead of vanishing from the report.
-- --8<-- [start:cross]
WITH months (month) AS (VALUES ('2024-04'), ('2024-05'))
SELECT u.name, m.month, COUNT(o.id) AS orders
FROM users AS u
CROSS JOIN months AS m
LEFT JOIN orders AS o
       ON o.user_id = u.id AND substr(o.placed_on, 1, 7) = m.month
WHERE u.city = 'London'
GROUP BY u.id, m.month
ORDER BY u.id, m.month;
-- #> name    | month   | orders
-- #> --------+---------+-------
-- #> Ada     | 2024-04 | 1
-- #> Ada     | 2024-05 | 1
-- #> Barbara | 2024-04 | 0
-- #> Barbara | 2024-05 | 2
-- --8<-- [end:cross]

-- Self join: the same table twice under two aliases. LEFT keeps users
-- nobody referred.
-- --8<-- [start:self]
SELECT u.name, r.name AS referred_by
FROM users AS u
LEFT JOIN users AS r ON r.id = u.referred_by
ORDER BY u.id;
-- #> name    | referred_by
-- #> --------+------------
-- #> Ada     | NULL
-- #> Grace   | Ada
-- #> Linus   | Grace
-- #> Barbara | Grace
-- #> Ken     | NULL
-- --8<-- [end:self]

-- A join to find "users with a paid order" repeats a user once per matching order.
-- --8<-- [start:join_duplicates]
SELECT u.name
FROM users AS u
JOIN orders AS o ON o.user_id = u.id AND o.status = 'paid'
ORDER BY u.id;
-- #> name
-- #> -------
-- #> Ada
-- #> Ada
-- #> Grace
-- #> Grace
-- #> Grace
-- #> Linus
-- #> Barbara
-- --8<-- [end:join_duplicates]

-- Semi join (EXISTS): each user at most once, and the database may stop at the
-- first matching order.
-- --8<-- [start:semi]
SELECT u.name
FROM users AS u
WHERE EXISTS (
    SELECT 1 FROM orders AS o WHERE o.user_id = u.id AND o.status = 'paid'
)
ORDER BY u.id;
-- #> name
-- #> -------
-- #> Ada
-- #> Grace
-- #> Linus
-- #> Barbara
-- --8<-- [end:semi]

-- Anti join (NOT EXISTS): users with no paid order at all.
-- --8<-- [start:anti]
SELECT u.name
FROM users AS u
WHERE NOT EXISTS (
    SELECT 1 FROM orders AS o WHERE o.user_id = u.id AND o.status = 'paid'
)
ORDER BY u.id;
-- #> name
-- #> ----
-- #> Ken
-- --8<-- [end:anti]

-- The NOT IN trap: "users who referred nobody". referred_by contains NULLs,
-- `id NOT IN (..., NULL)` is never true, and the answer is silently empty.
-- --8<-- [start:not_in_trap]
SELECT name FROM users
WHERE id NOT IN (SELECT referred_by FROM users)
ORDER BY id;
-- #> name
-- #> ----
-- --8<-- [end:not_in_trap]

-- NOT EXISTS has no such trap.
-- --8<-- [start:not_in_fixed]
SELECT u.name FROM users AS u
WHERE NOT EXISTS (SELECT 1 FROM users AS c WHERE c.referred_by = u.id)
ORDER BY u.id;
-- #> name
-- #> -------
-- #> Linus
-- #> Barbara
-- #> Ken
-- --8<-- [end:not_in_fixed]
