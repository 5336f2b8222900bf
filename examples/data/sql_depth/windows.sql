-- setup: schema.sql seed.sql
-- A window function computes over related rows but, unlike GROUP BY,
-- keeps every row.

-- Three ways to number rows. Orders 3 and 7 tie at 4250. ROW_NUMBER gets id as
-- a tie-break, or which of the two is 1st depends on the plan (an index on
-- total_cents flips them on SQLite 3.40). RANK and DENSE_RANK must not get it:
-- a unique key in their ORDER BY would leave them no ties to share.
-- (The aliases avoid row_number, rank and dense_rank: MySQL 8 reserves all
-- three, MariaDB 10.11 reserves row_number.)
-- --8<-- [start:numbering]
SELECT id, total_cents,
       ROW_NUMBER() OVER (ORDER BY total_cents DESC, id) AS row_num,
       RANK()       OVER (ORDER BY total_cents DESC)     AS rank_num,
       DENSE_RANK() OVER (ORDER BY total_cents DESC)     AS dense_num
FROM orders
WHERE status = 'paid'
ORDER BY total_cents DESC, id;
-- #> id | total_cents | row_num | rank_num | dense_num
-- #> ---+-------------+---------+----------+----------
-- #> 3  | 4250        | 1       | 1        | 1
-- #> 7  | 4250        | 2       | 1        | 1
-- #> 6  | 3300        | 3       | 3        | 2
-- #> 1  | 2500        | 4       | 4        | 3
-- #> 8  | 2050        | 5       | 5        | 4
-- #> 2  | 1999        | 6       | 6        | 5
-- #> 5  | 1000        | 7       | 7        | 6
-- --8<-- [end:numbering]

-- The default frame with an ORDER BY is RANGE BETWEEN UNBOUNDED PRECEDING AND
-- CURRENT ROW: rows with the same placed_on are peers and share one total.
-- Orders 1 and 2 (April 1) and 5 and 6 (May 2) show it.
-- --8<-- [start:frame_default]
SELECT id, placed_on, total_cents,
       SUM(total_cents) OVER (ORDER BY placed_on) AS default_frame,
       SUM(total_cents) OVER (
           ORDER BY placed_on, id
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS rows_frame
FROM orders
WHERE status = 'paid'
ORDER BY placed_on, id;
-- #> id | placed_on  | total_cents | default_frame | rows_frame
-- #> ---+------------+-------------+---------------+-----------
-- #> 1  | 2024-04-01 | 2500        | 4499          | 2500
-- #> 2  | 2024-04-01 | 1999        | 4499          | 4499
-- #> 3  | 2024-04-03 | 4250        | 8749          | 8749
-- #> 5  | 2024-05-02 | 1000        | 13049         | 9749
-- #> 6  | 2024-05-02 | 3300        | 13049         | 13049
-- #> 7  | 2024-05-06 | 4250        | 17299         | 17299
-- #> 8  | 2024-05-07 | 2050        | 19349         | 19349
-- --8<-- [end:frame_default]

-- Running total per user. ROWS makes each row its own step; id as the last
-- sort key fixes the order of same-day orders, so the same data always gives
-- the same totals.
-- --8<-- [start:running_total]
SELECT user_id, id, placed_on, total_cents,
       SUM(total_cents) OVER (
           PARTITION BY user_id ORDER BY placed_on, id
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS running_cents
FROM orders
WHERE status = 'paid' AND user_id IN (1, 2)
ORDER BY user_id, placed_on, id;
-- #> user_id | id | placed_on  | total_cents | running_cents
-- #> --------+----+------------+-------------+--------------
-- #> 1       | 1  | 2024-04-01 | 2500        | 2500
-- #> 1       | 5  | 2024-05-02 | 1000        | 3500
-- #> 2       | 2  | 2024-04-01 | 1999        | 1999
-- #> 2       | 3  | 2024-04-03 | 4250        | 6249
-- #> 2       | 7  | 2024-05-06 | 4250        | 10499
-- --8<-- [end:running_total]

-- LAG and LEAD read the previous and next row of the window: days between
-- a user's orders, with no self join.
-- --8<-- [start:lag_lead]
SELECT user_id, placed_on,
       LAG(placed_on)  OVER w AS previous,
       CAST(julianday(placed_on) - julianday(LAG(placed_on) OVER w) AS INTEGER)
           AS days_since,
       LEAD(placed_on) OVER w AS next
FROM orders
WHERE user_id IN (2, 3)
WINDOW w AS (PARTITION BY user_id ORDER BY placed_on, id)
ORDER BY user_id, placed_on, id;
-- #> user_id | placed_on  | previous   | days_since | next
-- #> --------+------------+------------+------------+-----------
-- #> 2       | 2024-04-01 | NULL       | NULL       | 2024-04-03
-- #> 2       | 2024-04-03 | 2024-04-01 | 2          | 2024-05-06
-- #> 2       | 2024-05-06 | 2024-04-03 | 33         | NULL
-- #> 3       | 2024-04-03 | NULL       | NULL       | 2024-05-07
-- #> 3       | 2024-05-07 | 2024-04-03 | 34         | NULL
-- --8<-- [end:lag_lead]

-- Top N per group: each user's two biggest paid orders. Window functions run
-- after WHERE (and after GROUP BY and HAVING), so WHERE cannot see n: number the
-- rows in a CTE and filter in the outer query.
-- --8<-- [start:top_n]
WITH ranked AS (
    SELECT user_id, id, total_cents,
           ROW_NUMBER() OVER (
               PARTITION BY user_id ORDER BY total_cents DESC, id
           ) AS n
    FROM orders
    WHERE status = 'paid'
)
SELECT u.name, r.id AS order_id, r.total_cents, r.n
FROM ranked AS r
JOIN users AS u ON u.id = r.user_id
WHERE r.n <= 2
ORDER BY u.id, r.n;
-- #> name    | order_id | total_cents | n
-- #> --------+----------+-------------+--
-- #> Ada     | 1        | 2500        | 1
-- #> Ada     | 5        | 1000        | 2
-- #> Grace   | 3        | 4250        | 1
-- #> Grace   | 7        | 4250        | 2
-- #> Linus   | 8        | 2050        | 1
-- #> Barbara | 6        | 3300        | 1
-- --8<-- [end:top_n]

-- Second-highest paid amount per user, the LeetCode way: amounts, not orders
-- (Grace's two 4250 orders are one amount), and NULL for a user who has no
-- second amount instead of no row. DENSE_RANK over the amount alone, then a
-- LEFT JOIN from users; MAX folds several orders of that amount into one row.
-- --8<-- [start:second_highest]
WITH amounts AS (
    SELECT user_id, total_cents,
           DENSE_RANK() OVER (
               PARTITION BY user_id ORDER BY total_cents DESC
           ) AS amount_rank
    FROM orders
    WHERE status = 'paid'
)
SELECT u.name, MAX(a.total_cents) AS second_highest_cents
FROM users AS u
LEFT JOIN amounts AS a ON a.user_id = u.id AND a.amount_rank = 2
GROUP BY u.id
ORDER BY u.id;
-- #> name    | second_highest_cents
-- #> --------+---------------------
-- #> Ada     | 1000
-- #> Grace   | 1999
-- #> Linus   | NULL
-- #> Barbara | NULL
-- #> Ken     | NULL
-- --8<-- [end:second_highest]
