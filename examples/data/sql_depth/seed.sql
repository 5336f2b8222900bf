-- setup: schema.sql
-- Each row is there to make one join or window behave visibly:
--   Ken has no orders (LEFT JOIN keeps him, INNER drops him).
--   Order 9 has no payment; payment 105 points at order 99, which does not exist.
--   Grace and Ada referred others; Ada signed up alone.

-- --8<-- [start:seed]
INSERT INTO users (id, name, city, referred_by) VALUES
    (1, 'Ada',     'London', NULL),
    (2, 'Grace',   'NYC',    1),
    (3, 'Linus',   'NYC',    2),
    (4, 'Barbara', 'London', 2),
    (5, 'Ken',     'NYC',    NULL);

INSERT INTO orders (id, user_id, total_cents, status, placed_on) VALUES
    (1, 1, 2500, 'paid',     '2024-04-01'),
    (2, 2, 1999, 'paid',     '2024-04-01'),
    (3, 2, 4250, 'paid',     '2024-04-03'),
    (4, 3,  799, 'refunded', '2024-04-03'),
    (5, 1, 1000, 'paid',     '2024-05-02'),
    (6, 4, 3300, 'paid',     '2024-05-02'),
    (7, 2, 4250, 'paid',     '2024-05-06'),
    (8, 3, 2050, 'paid',     '2024-05-07'),
    (9, 4,  100, 'pending',  '2024-05-09');

INSERT INTO payments (id, order_id, amount_cents) VALUES
    (101, 1, 2500), (102, 2, 1999), (103, 3, 4250), (104, 5, 1000),
    (105, 99, 700), (106, 6, 3300), (107, 7, 4250), (108, 8, 2050),
    (109, 4, 799);
-- --8<-- [end:seed]
