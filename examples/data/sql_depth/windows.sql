-- setup: schema.sql seed.sql
-- A window function computes over related rows but, unlike GROUP BY,
-- keeps every row.

-- Three ways to number rows. Orders 3 and 7 tie at 4250.
-- --8<-- [start:numbering]
SELECT id, total_cents,
       ROW_NUMBER() OVER w AS row_number,
       RANK()       OVER w AS rank,
       DENSE_RANK() OVER w AS dense_rank
FROM orders
WHERE status = 'paid'
WINDOW w AS (ORDER BY total_cents DESC)
ORDER BY total_cents DESC, id;
-- #> id | total_cents | row_number | rank | dense_rank
-- #> ---+-------------+------------+------+-----------
-- #> 3  | 4250        | 1          | 1    | 1
-- #> 7  | 4250        | 2          | 1    | 1
-- #> 6  | 3300        | 3          | 3    | 2
-- #> 1  | 2500        | 4          | 4    | 3
-- #> 8  | 2050        | 5          | 5    | 4
-- #> 2  | 1999        | 6          | 6    | 5
-- #> 5  | 1000        | 7          | 7    | 6
-- --8<-- [end:numbering]

-- Running total per user. ROWS counts physical rows; the default frame (RANGE)
-- would lump together orders placed on the same day.
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

-- Top N per group: each user's two biggest paid orders. The window runs
-- before WHERE could see it, so filter in an outer query.
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
