-- setup: schema.sql
-- Six users. The counts are chosen so that the mistakes show:
--   Grace 4, Ada 3, Linus 2, Barbara 2 (a tie at the LIMIT 3 cut),
--   Margaret 1 (refunded), Ken 0 (no orders at all).

-- --8<-- [start:seed]
INSERT INTO users (id, name, email, created_at) VALUES
    (1, 'Ada',      'ada@example.com',      '2024-01-05T09:00:00Z'),
    (2, 'Grace',    'grace@example.com',    '2024-01-06T10:30:00Z'),
    (3, 'Linus',    'linus@example.com',    '2024-02-11T08:15:00Z'),
    (4, 'Barbara',  'barbara@example.com',  '2024-02-20T16:45:00Z'),
    (5, 'Ken',      'ken@example.com',      '2024-03-01T12:00:00Z'),
    (6, 'Margaret', 'margaret@example.com', '2024-03-09T18:20:00Z');

INSERT INTO orders (id, user_id, total_cents, status, placed_at) VALUES
    (1,  1, 2500, 'paid',     '2024-04-01T10:00:00Z'),
    (2,  2, 1999, 'paid',     '2024-04-01T11:00:00Z'),
    (3,  2, 4250, 'paid',     '2024-04-02T09:30:00Z'),
    (4,  3,  799, 'paid',     '2024-04-02T14:10:00Z'),
    (5,  1, 1000, 'paid',     '2024-04-03T08:00:00Z'),
    (6,  4, 3300, 'paid',     '2024-04-03T19:45:00Z'),
    (7,  2,  505, 'paid',     '2024-04-04T07:20:00Z'),
    (8,  6, 8900, 'refunded', '2024-04-04T13:00:00Z'),
    (9,  1,  350, 'paid',     '2024-04-05T15:05:00Z'),
    (10, 2, 1200, 'paid',     '2024-04-06T10:40:00Z'),
    (11, 3, 2050, 'paid',     '2024-04-06T17:55:00Z'),
    (12, 4,  100, 'paid',     '2024-04-07T09:10:00Z');
-- --8<-- [end:seed]
